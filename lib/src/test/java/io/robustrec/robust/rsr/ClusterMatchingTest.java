package io.robustrec.robust.rsr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterMatchingTest {

    @Test
    void aPermutedClusteringGetsTheOldNumbersBack() {
        int[] previous = {0, 0, 1, 1, 2, 2, 3};
        int[] permuted = {2, 2, 3, 3, 0, 0, 1}; // same clusters, other numbers
        assertArrayEquals(previous, ClusterMatching.relabel(previous, permuted, 4));
    }

    @Test
    void clustersThatChangedFollowTheirLargestOverlap() {
        int[] previous = {0, 0, 0, 0, 1, 1, 1, 2, 2};
        // new cluster 1 holds most of old 0, new 2 most of old 1, new 0 the rest
        int[] next = {1, 1, 1, 2, 2, 2, 0, 0, 0};
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 1, 2, 2, 2}, ClusterMatching.relabel(previous, next, 3));
    }

    @Test
    void theResultIsAPermutationOfTheNewLabels() {
        int[] previous = {0, 0, 0, 0, 0, 0};
        int[] next = {0, 1, 2, 2, 1, 0};
        int[] out = ClusterMatching.relabel(previous, next, 3);
        for (int i = 0; i < next.length; i++) {
            for (int j = 0; j < next.length; j++) {
                assertTrue((next[i] == next[j]) == (out[i] == out[j]), "sequences " + i + " and " + j + " keep their grouping");
            }
        }
    }

    @Test
    void badLabelsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterMatching.relabel(new int[]{0, 1}, new int[]{0, 5}, 2));
        assertTrue(e.getMessage().contains("next[1]=5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClusterMatching.relabel(new int[]{0}, new int[]{0, 1}, 2));
        assertTrue(e.getMessage().contains("1 assignments"), e.getMessage());
    }
}
