package io.robustrec.model.baseline;

import io.robustrec.eval.EvalCase;
import io.robustrec.eval.EvalResult;
import io.robustrec.eval.Evaluator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselinesTest {

    // item counts: 1 -> 2, 2 -> 2, 3 -> 4, 4 -> 0 (total 8)
    private static final List<int[]> TRAIN = List.of(new int[]{1, 2, 3}, new int[]{2, 3}, new int[]{3, 1, 3});

    @Test
    void mostPopularScoresAreItemFrequencies() {
        MostPopular pop = MostPopular.fit(TRAIN, 4);
        INDArray s = pop.scoreAll(List.of(new int[]{1}, new int[0]));
        assertEquals(DataType.FLOAT, s.dataType());
        assertArrayEquals(new long[]{2, 5}, s.shape());
        for (int row = 0; row < 2; row++) {
            assertArrayEquals(new float[]{-1e30f, 2, 2, 4, 0}, s.getRow(row).toFloatVector(), 0f);
        }
        assertEquals(4, pop.count(3));
        assertEquals("MostPopular", pop.name());
        assertEquals(4, pop.numItems());
    }

    @Test
    void mostPopularRanksThroughTheEvaluator() {
        MostPopular pop = MostPopular.fit(TRAIN, 4);
        // history [3] masks the most popular item; target 1 ties with item 2 -> rank 1 among {1, 2, 4}
        // target 4 (never seen) behind items 1, 2 and 3 -> rank 4 of 4
        EvalResult r = new Evaluator().evaluate(pop, List.of(new EvalCase(0, new int[]{3}, 1),
                new EvalCase(1, new int[0], 4)));
        assertArrayEquals(new int[]{1, 4}, r.ranks());
        assertArrayEquals(new int[]{3, 4}, r.candidateCounts());
    }

    @Test
    void itemTransitionFollowsItsFormula() {
        ItemTransition mc = ItemTransition.fit(TRAIN, 4, 1.0);
        // consecutive pairs: (1,2) (2,3) | (2,3) | (3,1) (1,3)
        assertEquals(1, mc.transitionCount(1, 2));
        assertEquals(1, mc.transitionCount(1, 3));
        assertEquals(2, mc.transitionCount(2, 3));
        assertEquals(1, mc.transitionCount(3, 1));
        assertEquals(0, mc.transitionCount(3, 3));
        assertEquals(0.5, mc.popularity(3), 1e-12);
        assertEquals(0.0, mc.popularity(4), 0.0);

        INDArray s = mc.scoreAll(List.of(new int[]{3, 1}, new int[]{2}, new int[0], new int[]{4}));
        assertEquals(DataType.FLOAT, s.dataType());
        assertArrayEquals(new long[]{4, 5}, s.shape());
        // last item 1: c(1,.) = 2, so score(j) = (c(1,j) + pi(j)) / 3
        assertArrayEquals(new float[]{-1e30f, 0.25f / 3, 1.25f / 3, 1.5f / 3, 0f}, s.getRow(0).toFloatVector(), 1e-6f);
        // items 2 and 3 both follow item 1 once: popularity breaks the tie in favour of item 3
        assertTrue(s.getFloat(0, 3) > s.getFloat(0, 2));
        // last item 2: (c(2,j) + pi(j)) / 3
        assertArrayEquals(new float[]{-1e30f, 0.25f / 3, 0.25f / 3, 2.5f / 3, 0f}, s.getRow(1).toFloatVector(), 1e-6f);
        // no history, or a last item never followed by anything: popularity
        float[] popularity = {-1e30f, 0.25f, 0.25f, 0.5f, 0f};
        assertArrayEquals(popularity, s.getRow(2).toFloatVector(), 1e-6f);
        assertArrayEquals(popularity, s.getRow(3).toFloatVector(), 1e-6f);
        assertEquals(mc.score(2, 3), s.getFloat(1, 3), 1e-6);
    }

    @Test
    void alphaPullsTowardsPopularity() {
        // item 1 is followed by item 2 once; item 3 is far more popular: a large alpha lets popularity win
        List<int[]> train = List.of(new int[]{1, 2}, new int[]{3, 3, 3, 3, 3});
        ItemTransition small = ItemTransition.fit(train, 3, 1.0);
        ItemTransition large = ItemTransition.fit(train, 3, 100.0);
        assertTrue(small.score(1, 2) > small.score(1, 3));
        assertTrue(large.score(1, 3) > large.score(1, 2));
        // scores after a given item are a probability distribution
        double sum = 0;
        for (int j = 1; j <= 3; j++) {
            sum += small.score(1, j);
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void badInputsAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MostPopular.fit(List.of(new int[]{1}, new int[]{5}), 4));
        assertTrue(e.getMessage().contains("trainSequences[1][0]=5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ItemTransition.fit(TRAIN, 4, 0.0));
        assertThrows(IllegalArgumentException.class, () -> MostPopular.fit(TRAIN, 0));
        ItemTransition mc = ItemTransition.fit(TRAIN, 4);
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class,
                () -> mc.scoreAll(List.of(new int[]{1}, new int[]{2, 9})));
        assertTrue(h.getMessage().contains("histories[1][1]=9"), h.getMessage());
    }
}
