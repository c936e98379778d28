package io.robustrec.shift;

import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCorruptionTest {

    private static SplitData split;
    private static long positions;

    @BeforeAll
    static void makeSplit() {
        split = Splits.synthetic(500, 3);
        positions = split.train().stream().mapToLong(s -> s.length).sum();
    }

    private static long countMask(TrainShiftResult r) {
        long n = 0;
        for (boolean[] m : r.replaced()) {
            for (boolean b : m) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void noiseReplacesExactlyTheRatioAndOnlyMaskedPositions() {
        TrainShiftResult r = new TrainingNoise(0.2).apply(split, 1);
        assertEquals(Math.round(0.2 * positions), r.replacedCount());
        assertEquals(r.replacedCount(), countMask(r));
        assertEquals(positions, r.positions());
        assertEquals(0.2, r.replacedShare(), 1e-3);
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < split.train().size(); s++) {
            int[] before = split.train().get(s);
            int[] after = r.split().train().get(s);
            boolean[] mask = r.replaced().get(s);
            assertEquals(before.length, after.length);
            for (int i = 0; i < before.length; i++) {
                if (mask[i]) {
                    assertNotEquals(before[i], after[i], "a replaced position really changes");
                    assertTrue(after[i] >= 1 && after[i] <= split.numItems());
                    used.add(after[i]);
                } else {
                    assertEquals(before[i], after[i]);
                }
            }
        }
        assertTrue(used.size() > 0.9 * split.numItems(), "uniform replacements reach most items: " + used.size());
        assertSame(split.dataset(), r.split().dataset());
        assertEquals(split.validation(), r.split().validation());
        assertEquals(split.test(), r.split().test());
        assertEquals(split.trainUsers(), r.split().trainUsers());
    }

    @Test
    void noiseIsReproducibleAndCoversTheExtremes() {
        TrainShiftResult a = new TrainingNoise(0.1).apply(split, 9);
        TrainShiftResult b = new TrainingNoise(0.1).apply(split, 9);
        TrainShiftResult c = new TrainingNoise(0.1).apply(split, 10);
        for (int s = 0; s < split.train().size(); s++) {
            assertArrayEquals(a.split().train().get(s), b.split().train().get(s));
        }
        boolean differs = false;
        for (int s = 0; s < split.train().size() && !differs; s++) {
            differs = !Arrays.equals(a.split().train().get(s), c.split().train().get(s));
        }
        assertTrue(differs, "another seed gives other noise");
        TrainShiftResult none = new TrainingNoise(0).apply(split, 1);
        assertEquals(0, none.replacedCount());
        for (int s = 0; s < split.train().size(); s++) {
            assertArrayEquals(split.train().get(s), none.split().train().get(s));
        }
        assertEquals(positions, new TrainingNoise(1).apply(split, 1).replacedCount());
        assertThrows(IllegalArgumentException.class, () -> new TrainingNoise(1.5));
    }

    @Test
    void fakeItemsUseThePoolOnlyInTraining() {
        int pool = 50;
        int n = split.numItems();
        TrainShiftResult r = new FakeItems(0.3, pool).apply(split, 4);
        SplitData f = r.split();
        assertEquals(Math.round(0.3 * positions), r.replacedCount());
        assertEquals(r.replacedCount(), countMask(r));
        assertEquals(n + pool, f.numItems(), "the item table grows by the pool");
        assertEquals("fake:1", f.dataset().rawItemId(FakeItems.firstFakeId(n)));
        assertEquals("fake:" + pool, f.dataset().rawItemId(n + pool));
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < split.train().size(); s++) {
            int[] before = split.train().get(s);
            int[] after = f.train().get(s);
            boolean[] mask = r.replaced().get(s);
            for (int i = 0; i < before.length; i++) {
                if (mask[i]) {
                    assertTrue(after[i] > n && after[i] <= n + pool, "fake id " + after[i]);
                    used.add(after[i]);
                } else {
                    assertEquals(before[i], after[i]);
                    assertTrue(after[i] <= n);
                }
            }
        }
        assertEquals(pool, used.size(), "every pool id drawn at this size");
        for (EvalCase c : f.validation()) {
            assertTrue(c.target() <= n);
            assertTrue(Arrays.stream(c.history()).allMatch(i -> i <= n));
        }
        for (EvalCase c : f.test()) {
            assertTrue(c.target() <= n);
            assertTrue(Arrays.stream(c.history()).allMatch(i -> i <= n));
        }
        for (var u : f.dataset().users()) {
            assertTrue(Arrays.stream(u.items()).allMatch(i -> i <= n), "dataset sequences stay clean");
        }
        assertEquals(FakeItems.DEFAULT_POOL, FakeItems.of(0.1).poolSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FakeItems(0.1, 0));
        assertTrue(e.getMessage().contains("poolSize=0"));
    }
}
