package io.robustrec.robust.tp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadTailLabelsTest {

    @Test
    void topTwentyPercentByInteractionsAreHead() {
        List<Integer> users = List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        int[] lengths = {3, 9, 4, 1, 12, 5, 2, 7, 6, 8};
        HeadTailLabels l = new HeadTailLabels(users, lengths, 0.2);
        assertEquals(2, l.headCount());
        assertEquals(10, l.size());
        for (int i = 0; i < users.size(); i++) {
            float expected = lengths[i] >= 9 ? 1f : 0f;
            assertEquals(expected, l.label(users.get(i)), "user " + users.get(i) + " with " + lengths[i] + " items");
        }
    }

    @Test
    void tiesAtTheThresholdAllJoinTheHead() {
        List<Integer> users = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        int[] lengths = {5, 1, 5, 1, 1, 5, 1, 1, 1, 1};
        HeadTailLabels l = new HeadTailLabels(users, lengths, 0.2);
        assertEquals(3, l.headCount(), "three users share the length at rank 2");
        assertEquals(1f, l.label(5));
        assertEquals(0f, l.label(1));
    }

    @Test
    void rejectsUnknownAndDuplicateUsers() {
        HeadTailLabels l = new HeadTailLabels(List.of(0, 1), new int[]{3, 4}, 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.label(7));
        assertTrue(e.getMessage().contains("user 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HeadTailLabels(List.of(0, 0), new int[]{3, 4}, 0.2));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HeadTailLabels(List.of(0, 1), new int[]{3, 4}, 1.5));
        assertTrue(e.getMessage().contains("headFraction=1.5"), e.getMessage());
    }
}
