package io.robustrec.shift;

import io.robustrec.eval.EvalCase;
import io.robustrec.model.Recommender;
import io.robustrec.shift.SequenceEndReplacement.Where;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceEndReplacementTest {

    private static final int ITEMS = 50;
    private static final List<EvalCase> CASES = List.of(
            new EvalCase(0, new int[]{1, 2, 3, 4, 5, 6}, 7),
            new EvalCase(1, new int[]{8, 9}, 10),
            new EvalCase(2, new int[]{}, 11),
            new EvalCase(3, new int[]{12, 13, 14, 15}, 16));

    @Test
    void randomEndReplacesOnlyTheLastK() {
        ReplacementResult r = SequenceEndReplacement.random(3, Where.END).apply(CASES, ITEMS, 1);
        assertEquals(3 + 2 + 0 + 3, r.replacedCount());
        for (int c = 0; c < CASES.size(); c++) {
            int[] before = CASES.get(c).history();
            int[] after = r.cases().get(c).history();
            boolean[] mask = r.replaced().get(c);
            assertEquals(before.length, after.length);
            assertEquals(CASES.get(c).target(), r.cases().get(c).target());
            assertEquals(CASES.get(c).userIndex(), r.cases().get(c).userIndex());
            for (int i = 0; i < before.length; i++) {
                boolean inTail = i >= before.length - 3;
                assertEquals(inTail, mask[i], "case " + c + " position " + i);
                if (inTail) {
                    assertNotEquals(before[i], after[i]);
                    assertNotEquals(CASES.get(c).target(), after[i]);
                    assertTrue(after[i] >= 1 && after[i] <= ITEMS);
                } else {
                    assertEquals(before[i], after[i]);
                }
            }
        }
        // A history shorter than k is replaced entirely; the empty one stays empty.
        assertTrue(r.replaced().get(1)[0] && r.replaced().get(1)[1]);
        assertEquals(0, r.cases().get(2).history().length);
    }

    @Test
    void randomStartReplacesOnlyTheFirstK() {
        ReplacementResult r = SequenceEndReplacement.random(2, Where.START).apply(CASES, ITEMS, 1);
        int[] before = CASES.get(0).history();
        int[] after = r.cases().get(0).history();
        assertNotEquals(before[0], after[0]);
        assertNotEquals(before[1], after[1]);
        for (int i = 2; i < before.length; i++) {
            assertEquals(before[i], after[i]);
        }
        assertArrayEquals(new boolean[]{true, true, false, false, false, false}, r.replaced().get(0));
    }

    @Test
    void kZeroChangesNothingAndSeedsReproduce() {
        ReplacementResult none = SequenceEndReplacement.random(0, Where.END).apply(CASES, ITEMS, 1);
        assertEquals(0, none.replacedCount());
        for (int c = 0; c < CASES.size(); c++) {
            assertArrayEquals(CASES.get(c).history(), none.cases().get(c).history());
        }
        ReplacementResult a = SequenceEndReplacement.random(2, Where.END).apply(CASES, ITEMS, 5);
        ReplacementResult b = SequenceEndReplacement.random(2, Where.END).apply(CASES, ITEMS, 5);
        for (int c = 0; c < CASES.size(); c++) {
            assertArrayEquals(a.cases().get(c).history(), b.cases().get(c).history());
        }
    }

    @Test
    void adversarialVisitsPositionsNearestTheTargetFirstAndSeesEarlierEdits() {
        List<Integer> visited = new ArrayList<>();
        List<int[]> seen = new ArrayList<>();
        ItemHarm harm = (current, position, rng) -> {
            visited.add(position);
            seen.add(current.history());
            return 40 + position;
        };
        ReplacementResult r = SequenceEndReplacement.adversarial(2, Where.END, harm).apply(List.of(CASES.get(0)), ITEMS, 1);
        assertEquals(List.of(5, 4), visited);
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6}, seen.get(0));
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 45}, seen.get(1));
        assertArrayEquals(new int[]{1, 2, 3, 4, 44, 45}, r.cases().get(0).history());
        visited.clear();
        SequenceEndReplacement.adversarial(2, Where.START, harm).apply(List.of(CASES.get(0)), ITEMS, 1);
        assertEquals(List.of(0, 1), visited);
    }

    @Test
    void recommenderHarmPicksTheItemThatSinksTheTarget() {
        // A model under which the target (7) scores high unless item 33 is in the history.
        Recommender model = new Recommender() {
            @Override
            public int numItems() {
                return ITEMS;
            }

            @Override
            public INDArray scoreAll(List<int[]> histories) {
                float[][] s = new float[histories.size()][ITEMS + 1];
                for (int h = 0; h < histories.size(); h++) {
                    for (int i = 1; i <= ITEMS; i++) {
                        s[h][i] = i * 0.01f;
                    }
                    boolean poisoned = false;
                    for (int item : histories.get(h)) {
                        poisoned |= item == 33;
                    }
                    s[h][7] = poisoned ? -1f : 10f;
                }
                return Nd4j.create(s);
            }

            @Override
            public String name() {
                return "stub";
            }
        };
        ReplacementResult r = SequenceEndReplacement.adversarial(1, Where.END, new RecommenderHarm(model, 1000))
                .apply(List.of(CASES.get(0)), ITEMS, 3);
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 33}, r.cases().get(0).history());
        // With few candidates the search is restricted to a sample: the pick is still a real, non-target item.
        int pick = new RecommenderHarm(model, 3).harmfulItem(CASES.get(0), 5, new java.util.SplittableRandom(1));
        assertTrue(pick >= 1 && pick <= ITEMS && pick != 7 && pick != 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecommenderHarm(model, 0));
        assertTrue(e.getMessage().contains("candidates=0"));
    }

    @Test
    void invalidConfigurationsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SequenceEndReplacement.random(-1, Where.END));
        assertTrue(e.getMessage().contains("k=-1"));
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceEndReplacement(1, Where.END, SequenceEndReplacement.Mode.ADVERSARIAL, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceEndReplacement(1, Where.END, SequenceEndReplacement.Mode.RANDOM, (c, p, r) -> 1));
        assertThrows(NullPointerException.class, () -> new RecommenderHarm(null, 5));
        assertFalse(SequenceEndReplacement.random(2, Where.START).label().isEmpty());
    }
}
