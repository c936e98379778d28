package io.robustrec.shift;

import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopularityShiftTest {

    private static SplitData split;

    @BeforeAll
    static void makeSplit() {
        split = Splits.synthetic(2000, 5);
    }

    @Test
    void betaZeroIsTheIdentity() {
        PopularityShiftResult r = PopularityShift.of(0).apply(split, 1);
        assertSame(split, r.split());
        assertEquals(split.test().size(), r.size());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i, r.selected()[i]);
            assertSame(split.test().get(i), r.split().test().get(i));
        }
        assertEquals(r.meanLogPopularityOriginal(), r.meanLogPopularityShifted(), 1e-12);
    }

    @Test
    void positiveBetaKeepsTheFractionInOrderAndShiftsTowardRareTargets() {
        double previous = PopularityShift.of(0).apply(split, 1).meanLogPopularityShifted();
        for (double beta : new double[]{0.5, 1, 2}) {
            PopularityShiftResult r = new PopularityShift(beta, 0.3).apply(split, 2);
            assertEquals(Math.round(0.3 * split.test().size()), r.size());
            int[] sel = r.selected();
            for (int j = 1; j < sel.length; j++) {
                assertTrue(sel[j] > sel[j - 1], "ascending, no duplicates");
            }
            for (int j = 0; j < sel.length; j++) {
                assertSame(split.test().get(sel[j]), r.split().test().get(j));
            }
            assertTrue(r.meanLogPopularityShifted() < previous,
                    "beta=" + beta + " gives " + r.meanLogPopularityShifted() + " >= " + previous);
            previous = r.meanLogPopularityShifted();
            assertEquals(split.train(), r.split().train());
            assertEquals(split.validation(), r.split().validation());
        }
        PopularityShiftResult head = new PopularityShift(-1, 0.3).apply(split, 2);
        assertTrue(head.meanLogPopularityShifted() > head.meanLogPopularityOriginal());
    }

    @Test
    void drawsAreProportionalToInversePopularity() {
        // Targets with training counts 0 and 2: pop 1 and 3; with beta = 1 the first is kept with probability 3/4.
        List<EvalCase> cases = List.of(new EvalCase(0, new int[]{1}, 2), new EvalCase(1, new int[]{1}, 3));
        int[] counts = {0, 5, 0, 2};
        PopularityShift shift = new PopularityShift(1, 0.5);
        int first = 0;
        int runs = 4000;
        for (int seed = 0; seed < runs; seed++) {
            int[] sel = shift.select(cases, counts, seed);
            assertEquals(1, sel.length);
            first += sel[0] == 0 ? 1 : 0;
        }
        assertEquals(0.75, (double) first / runs, 0.03);
    }

    @Test
    void reproducibleFromSeedAndValidated() {
        PopularityShift s = PopularityShift.of(1.5);
        assertArrayEquals(s.apply(split, 7).selected(), s.apply(split, 7).selected());
        assertTrue(!java.util.Arrays.equals(s.apply(split, 7).selected(), s.apply(split, 8).selected()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PopularityShift(1, 0));
        assertTrue(e.getMessage().contains("fraction=0.0"));
        assertThrows(IllegalArgumentException.class, () -> new PopularityShift(Double.NaN, 0.5));
    }
}
