package io.robustrec.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedTestTest {

    // Student's (Cushny & Peebles) sleep data: extra hours of sleep under two drugs, same ten patients.
    private static final double[] DRUG1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] DRUG2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void pairedTTestMatchesTheTextbookFormula() {
        int n = DRUG1.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = DRUG1[i] - DRUG2[i];
            mean += d[i] / n;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = mean / (sd / Math.sqrt(n));
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));

        PairedTest r = PairedTest.tTest(DRUG1, DRUG2);
        assertEquals(PairedTest.Kind.PAIRED_T, r.test());
        assertEquals(-1.58, r.meanDifference(), 1e-12);
        assertEquals(t, r.statistic(), 1e-10);
        assertEquals(p, r.pValue(), 1e-10);
        // the published values (R: t.test(extra ~ group, sleep, paired = TRUE)): t = -4.0621, p = 0.002833
        assertEquals(-4.0621, r.statistic(), 1e-4);
        assertEquals(0.002833, r.pValue(), 1e-6);
        assertEquals(10, r.n());
        assertTrue(r.significant(0.01));
        assertFalse(r.significant(0.001));
    }

    @Test
    void wilcoxonDropsZerosAndCorrectsForTies() {
        // differences: -1.2 -2.4 -1.3 -1.3 0 -1.0 -1.8 -0.8 -4.6 -1.4: one zero (dropped), all others negative,
        // one tie (|-1.3| twice) -> normal approximation with tie and continuity correction
        PairedTest r = PairedTest.wilcoxon(DRUG1, DRUG2);
        int m = 9;
        double mean = m * (m + 1) / 4.0;
        double var = m * (m + 1) * (2 * m + 1) / 24.0 - (8 - 2) / 48.0;
        double z = (0 - mean + 0.5) / Math.sqrt(var);
        double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(z);
        assertEquals(PairedTest.Kind.WILCOXON_SIGNED_RANK, r.test());
        assertEquals(0.0, r.statistic(), 0.0);
        assertEquals(1, r.droppedZeros());
        assertEquals(10, r.n());
        assertEquals(p, r.pValue(), 1e-12);
        assertEquals(0.009091, r.pValue(), 1e-6); // R: wilcox.test(..., paired = TRUE) gives V = 0, p = 0.009091
    }

    @Test
    void wilcoxonIsExactForSmallUntiedSamples() {
        // five distinct positive differences: W+ = 15, and only 1 of the 2^5 sign patterns is as extreme on
        // each side, so p = 2 / 32
        double[] a = {1.1, 2.2, 3.3, 4.4, 5.5};
        double[] b = {1.0, 2.0, 3.0, 4.0, 5.0};
        PairedTest r = PairedTest.wilcoxon(a, b);
        assertEquals(15.0, r.statistic(), 1e-12);
        assertEquals(2.0 / 32, r.pValue(), 1e-12);
        assertEquals(0, r.droppedZeros());
    }

    @Test
    void degenerateInputs() {
        double[] same = {0.5, 0.2, 0.0};
        assertEquals(1.0, PairedTest.tTest(same, same).pValue(), 0.0);
        assertEquals(1.0, PairedTest.wilcoxon(same, same).pValue(), 0.0);
        assertEquals(3, PairedTest.wilcoxon(same, same).droppedZeros());
        PairedTest shifted = PairedTest.tTest(new double[]{1, 2, 3}, new double[]{0, 1, 2});
        assertEquals(Double.POSITIVE_INFINITY, shifted.statistic());
        assertEquals(0.0, shifted.pValue(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedTest.tTest(new double[]{1, 2}, new double[]{1}));
        assertTrue(e.getMessage().contains("a.length=2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedTest.tTest(new double[]{1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> shifted.significant(0));
    }

    @Test
    void resultsAreComparedOnTheirPerUserValues() {
        EvalResult a = EvalResult.of("A", Protocol.FULL, new int[]{10}, new int[]{0, 1, 2, 3},
                new int[]{1, 2, 3, 4}, new int[]{1, 2, 1, 30}, new int[]{50, 50, 50, 50});
        EvalResult b = EvalResult.of("B", Protocol.FULL, new int[]{10}, new int[]{0, 1, 2, 3},
                new int[]{1, 2, 3, 4}, new int[]{3, 9, 12, 40}, new int[]{50, 50, 50, 50});
        PairedTest t = PairedTest.tTest(a, b, "MRR", 10);
        PairedTest direct = PairedTest.tTest(a.perUser("MRR", 10), b.perUser("MRR", 10));
        assertEquals(direct, t);
        assertTrue(t.meanDifference() > 0);
        EvalResult other = EvalResult.of("C", Protocol.FULL, new int[]{10}, new int[]{0, 1, 2, 9},
                new int[]{1, 2, 3, 4}, new int[]{1, 1, 1, 1}, new int[]{50, 50, 50, 50});
        assertThrows(IllegalArgumentException.class, () -> PairedTest.wilcoxon(a, other, "HR", 10));
    }
}
