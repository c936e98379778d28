package io.robustrec.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupsTest {

    @Test
    void headTailTakesTheLongestHistories() {
        Grouping g = UserGroups.headTail(new int[]{3, 10, 1, 9, 4, 5, 2, 8, 7, 6}, 0.2);
        assertArrayEquals(new String[]{"tail", "head", "tail", "head", "tail", "tail", "tail", "tail", "tail", "tail"},
                g.labels());
        assertArrayEquals(new int[]{2, 8}, g.counts());
        assertEquals("user activity", g.name());
    }

    @Test
    void headTailTiesAtTheBoundaryJoinTheHead() {
        // top 20% of 10 is 2 cases; the second longest has length 5 and so do two others: all three are head
        Grouping g = UserGroups.headTail(new int[]{9, 5, 5, 5, 1, 1, 1, 1, 1, 1}, 0.2);
        assertArrayEquals(new int[]{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, g.groupOfCase());
        Grouping same = UserGroups.headTail(new int[]{4, 4, 4}, 0.2);
        assertArrayEquals(new int[]{3, 0}, same.counts());
        assertThrows(IllegalArgumentException.class, () -> UserGroups.headTail(new int[]{1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> UserGroups.headTail(new int[]{1, -2}, 0.5));
    }

    @Test
    void headTailPartitionsAnEvaluationResult() {
        List<EvalCase> cases = List.of(new EvalCase(0, new int[]{1, 2, 3}, 4), new EvalCase(1, new int[]{1}, 4),
                new EvalCase(2, new int[]{1, 2}, 4), new EvalCase(3, new int[0], 4), new EvalCase(4, new int[]{2}, 4));
        assertArrayEquals(new int[]{3, 1, 2, 0, 1}, UserGroups.historyLengths(cases));
        Grouping g = UserGroups.headTail(UserGroups.historyLengths(cases));
        EvalResult r = EvalResult.of("m", Protocol.FULL, new int[]{5}, new int[]{0, 1, 2, 3, 4},
                new int[]{4, 4, 4, 4, 4}, new int[]{1, 2, 3, 4, 5}, new int[]{9, 9, 9, 9, 9});
        var parts = r.groupBy(g);
        assertArrayEquals(new int[]{0}, parts.get("head").userIndices());
        assertArrayEquals(new int[]{1, 2, 3, 4}, parts.get("tail").userIndices());
    }

    @Test
    void popularItemsAreTheMostFrequentWithTiesJoiningAndUnseenItemsRare() {
        // ten items; 20% = 2 items; counts: item 1 -> 50, item 2 -> 30, item 3 -> 30, rest small, item 10 unseen
        int[] counts = {0, 50, 30, 30, 5, 4, 3, 2, 1, 1, 0};
        boolean[] popular = ItemGroups.popularItems(counts, 0.2);
        assertArrayEquals(new boolean[]{false, true, true, true, false, false, false, false, false, false, false},
                popular);
        // when most items are unseen, the boundary count is 0 but unseen items stay rare
        boolean[] sparse = ItemGroups.popularItems(new int[]{0, 3, 0, 0, 0, 0}, 0.5);
        assertArrayEquals(new boolean[]{false, true, false, false, false, false}, sparse);

        Grouping g = ItemGroups.popularRare(new int[]{1, 4, 3, 10}, counts, 0.2);
        assertArrayEquals(new String[]{"popular", "rare", "popular", "rare"}, g.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemGroups.popularRare(new int[]{11}, counts, 0.2));
        assertTrue(e.getMessage().contains("targets[0]=11"), e.getMessage());
    }

    @Test
    void trainingCountsCountEveryOccurrenceAndRejectBadIds() {
        int[] c = ItemGroups.trainingCounts(List.of(new int[]{1, 2, 2}, new int[]{3, 2}), 4);
        assertArrayEquals(new int[]{0, 1, 3, 1, 0}, c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemGroups.trainingCounts(List.of(new int[]{1}, new int[]{2, 5}), 4));
        assertTrue(e.getMessage().contains("trainSequences[1][1]=5"), e.getMessage());
    }
}
