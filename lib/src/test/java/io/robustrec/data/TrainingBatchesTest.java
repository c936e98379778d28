package io.robustrec.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBatchesTest {

    private static final int NUM_ITEMS = 10;

    private static int rowOf(Batch b, int user) {
        for (int k = 0; k < b.size(); k++) {
            if (b.userIndex()[k] == user) {
                return k;
            }
        }
        throw new AssertionError("user " + user + " not in batch");
    }

    @Test
    void allPositionsLeftPaddedWithNegativesOutsideHistory() {
        List<int[]> train = List.of(new int[]{1, 2, 3}, new int[]{4, 5, 6, 7, 8, 9}, new int[]{7});
        TrainingBatches tb = new TrainingBatches(train, List.of(10, 11, 12), NUM_ITEMS,
                new BatchConfig(4, 8, TargetMode.ALL_POSITIONS, false, 1));
        assertEquals(2, tb.numSamples());
        assertEquals(1, tb.skippedSequences());
        List<Batch> epoch = tb.batches(0);
        assertEquals(1, epoch.size());
        Batch b = epoch.get(0);
        assertEquals(2, b.size());
        assertEquals(4, b.length());
        int r = rowOf(b, 10);
        assertArrayEquals(new int[]{0, 0, 1, 2}, b.input()[r]);
        assertArrayEquals(new int[]{0, 0, 2, 3}, b.positive()[r]);
        assertEquals(0, b.negative()[r][0]);
        assertEquals(0, b.negative()[r][1]);
        assertEquals(3, b.lastTarget()[r]);
        int q = rowOf(b, 11);
        assertArrayEquals(new int[]{5, 6, 7, 8}, b.input()[q]); // last L of seq[:-1]
        assertArrayEquals(new int[]{6, 7, 8, 9}, b.positive()[q]);
        assertEquals(9, b.lastTarget()[q]);
        Set<Integer> hist = Set.of(4, 5, 6, 7, 8, 9);
        for (int t = 0; t < 4; t++) {
            int n = b.negative()[q][t];
            assertTrue(n >= 1 && n <= NUM_ITEMS && !hist.contains(n), "negative " + n);
        }
        for (int t = 2; t < 4; t++) {
            int n = b.negative()[r][t];
            assertTrue(n >= 4 && n <= NUM_ITEMS, "negative " + n + " outside {1,2,3}");
        }
    }

    @Test
    void lastItemModeAndPrefixes() {
        List<int[]> train = List.of(new int[]{1, 2, 3, 4});
        TrainingBatches plain = new TrainingBatches(train, List.of(0), NUM_ITEMS,
                new BatchConfig(2, 4, TargetMode.LAST_ITEM, false, 3));
        Batch b = plain.batches(0).get(0);
        assertArrayEquals(new int[]{2, 3}, b.input()[0]);
        assertArrayEquals(new int[]{0, 4}, b.positive()[0]);
        assertEquals(4, b.lastTarget()[0]);
        assertEquals(0, b.negative()[0][0]);
        assertTrue(b.negative()[0][1] >= 5);

        TrainingBatches prefixes = new TrainingBatches(train, List.of(0), NUM_ITEMS,
                new BatchConfig(3, 2, TargetMode.LAST_ITEM, true, 3));
        assertEquals(3, prefixes.numSamples());
        assertEquals(2, prefixes.numBatches());
        Set<String> seen = new HashSet<>();
        for (Batch x : prefixes.batches(5)) {
            for (int k = 0; k < x.size(); k++) {
                seen.add(Arrays.toString(x.input()[k]) + "->" + x.lastTarget()[k]);
            }
        }
        assertEquals(Set.of("[0, 0, 1]->2", "[0, 1, 2]->3", "[1, 2, 3]->4"), seen);
    }

    @Test
    void epochsAreDeterministicFromSeedAndEpoch() {
        List<int[]> train = new java.util.ArrayList<>();
        List<Integer> users = new java.util.ArrayList<>();
        for (int u = 0; u < 40; u++) {
            train.add(new int[]{1 + u % 10, 1 + (u + 3) % 10, 1 + (u + 5) % 10});
            users.add(u);
        }
        BatchConfig cfg = new BatchConfig(5, 7, TargetMode.ALL_POSITIONS, false, 99);
        TrainingBatches a = new TrainingBatches(train, users, NUM_ITEMS, cfg);
        TrainingBatches b = new TrainingBatches(train, users, NUM_ITEMS, cfg);
        assertEquals(6, a.numBatches());
        List<Batch> ea = a.batches(2);
        List<Batch> eb = b.batches(2);
        // read in a different order: batches must not depend on it
        for (int i = ea.size() - 1; i >= 0; i--) {
            assertBatchEquals(eb.get(i), ea.get(i));
        }
        assertEquals(5, ea.get(ea.size() - 1).size()); // 40 samples = 5 full batches of 7 + 5
    }

    private static void assertBatchEquals(Batch x, Batch y) {
        assertArrayEquals(x.userIndex(), y.userIndex());
        assertTrue(Arrays.deepEquals(x.input(), y.input()));
        assertTrue(Arrays.deepEquals(x.positive(), y.positive()));
        assertTrue(Arrays.deepEquals(x.negative(), y.negative()));
    }

    @Test
    void differentEpochsShuffleDifferently() {
        List<int[]> train = new java.util.ArrayList<>();
        List<Integer> users = new java.util.ArrayList<>();
        for (int u = 0; u < 30; u++) {
            train.add(new int[]{1, 2});
            users.add(u);
        }
        TrainingBatches tb = new TrainingBatches(train, users, NUM_ITEMS, new BatchConfig(2, 30, TargetMode.LAST_ITEM, false, 5));
        int[] e0 = tb.batches(0).get(0).userIndex();
        int[] e1 = tb.batches(1).get(0).userIndex();
        assertFalse(Arrays.equals(e0, e1));
        int[] sorted = e1.clone();
        Arrays.sort(sorted);
        for (int u = 0; u < 30; u++) {
            assertEquals(u, sorted[u]); // a permutation: every sample exactly once
        }
    }

    /** All windows: every item after the first is a target exactly once, in windows of L cut from the end. */
    @Test
    void allWindowsMakeEveryItemATargetOnce() {
        List<int[]> train = List.of(new int[]{1, 2, 3, 4, 5, 6, 7, 8}, new int[]{9, 10}, new int[]{3});
        TrainingBatches windows = new TrainingBatches(train, List.of(4, 5, 6), NUM_ITEMS,
                new BatchConfig(3, 10, TargetMode.ALL_POSITIONS, true, 2));
        assertEquals(4, windows.numSamples()); // ends 8, 5, 2 of the first sequence; 2 of the second; none of the third
        assertEquals(1, windows.skippedSequences());
        Set<String> rows = new HashSet<>();
        for (Batch b : windows.batches(0)) {
            for (int k = 0; k < b.size(); k++) {
                rows.add(b.userIndex()[k] + ":" + Arrays.toString(b.input()[k]) + "->" + Arrays.toString(b.positive()[k]));
            }
        }
        assertEquals(Set.of("4:[5, 6, 7]->[6, 7, 8]", "4:[2, 3, 4]->[3, 4, 5]", "4:[0, 0, 1]->[0, 0, 2]",
                "5:[0, 0, 9]->[0, 0, 10]"), rows);

        Batch user4 = windows.samplesOfUsers(new int[]{4}, 1);
        assertEquals(3, user4.size());
        assertArrayEquals(new int[]{6, 7, 8}, user4.positive()[0]);
        assertArrayEquals(new int[]{4, 4, 4}, user4.userIndex());
        assertEquals(4, windows.samplesOfUsers(new int[]{5, 4}, 1).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> windows.samplesOfUsers(new int[]{6}, 1));
        assertEquals("user 6 has no training sample (no sequence, or fewer than 2 items)", e.getMessage());
        TrainingBatches shared = new TrainingBatches(List.of(new int[]{1, 2}, new int[]{3, 4}), List.of(8, 8), NUM_ITEMS,
                new BatchConfig(3, 10, TargetMode.ALL_POSITIONS, true, 2));
        e = assertThrows(IllegalArgumentException.class, () -> shared.samplesOfUsers(new int[]{8}, 1));
        assertTrue(e.getMessage().startsWith("user 8 owns several training sequences"), e.getMessage());
    }

    @Test
    void guards() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchConfig(1, 8, TargetMode.ALL_POSITIONS, false, 1));
        assertEquals("maxLength=1 must be >= 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchConfig(5, 0, TargetMode.ALL_POSITIONS, false, 1));
        assertEquals("batchSize=0 must be >= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingBatches(List.of(new int[]{1, 11}), List.of(0), NUM_ITEMS, BatchConfig.sasrec(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingBatches(List.of(new int[]{1}), List.of(0), NUM_ITEMS, BatchConfig.sasrec(1)));
        TrainingBatches ok = new TrainingBatches(List.of(new int[]{1, 2}), List.of(0), NUM_ITEMS, BatchConfig.sasrec(1));
        assertThrows(IllegalArgumentException.class, () -> ok.batches(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ok.batches(0).get(1));
    }

    @Test
    void negativeSampler() {
        NegativeSampler s = new NegativeSampler(5, 11);
        int[] counts = new int[6];
        for (int k = 0; k < 3000; k++) {
            counts[s.sample(new int[]{1, 3})]++;
        }
        assertEquals(0, counts[1]);
        assertEquals(0, counts[3]);
        for (int item : new int[]{2, 4, 5}) {
            assertTrue(counts[item] > 850 && counts[item] < 1150, "item " + item + " drawn " + counts[item] + " times");
        }
        // only one allowed item: the fall-back must find it
        assertEquals(4, new NegativeSampler(5, 1).sample(new int[]{1, 2, 3, 5}));
        BitSet all = new BitSet();
        all.set(1, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NegativeSampler(5, 1).sample(all));
        assertTrue(e.getMessage().contains("all 5 items"), e.getMessage());
        int[] d = new NegativeSampler(100, 3).sampleDistinct(97, new int[]{7, 8});
        assertEquals(97, Arrays.stream(d).distinct().count());
        assertTrue(Arrays.stream(d).noneMatch(i -> i == 7 || i == 8 || i < 1 || i > 100));
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(100, 3).sampleDistinct(99, new int[]{7, 8}));
        assertArrayEquals(new NegativeSampler(50, 8).sampleDistinct(10, new int[0]),
                new NegativeSampler(50, 8).sampleDistinct(10, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(0, 1));
    }
}
