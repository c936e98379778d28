package io.robustrec.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;
import java.util.Objects;

/**
 * A two-sided paired significance test of two models on the same cases (per-case metric values a and b).
 *
 * <ul>
 *   <li><b>Paired t-test</b> (commons-math3 {@link TTest#pairedTTest}): with d = a - b,
 *       t = mean(d) / (sd(d) / sqrt(n)), sd with divisor n - 1, and n - 1 degrees of freedom. When all
 *       differences are equal the t statistic is undefined; we report t = 0, p = 1 if they are all zero and
 *       t = &plusmn;infinity, p = 0 otherwise.</li>
 *   <li><b>Wilcoxon signed-rank test</b>: zero differences are dropped first (Wilcoxon's convention, as in R's
 *       {@code wilcox.test}; commons-math3 would otherwise rank the zeros and add them to the negative side),
 *       their number is reported in {@link #droppedZeros()}. The statistic is W+ = the sum of the ranks of
 *       |d| over positive d, tied |d| getting average ranks. The p-value is exact (commons-math3
 *       {@link WilcoxonSignedRankTest}) when at most 30 pairs remain and no |d| is tied; otherwise the normal
 *       approximation with tie-corrected variance n(n+1)(2n+1)/24 - sum(t^3 - t)/48 and a continuity
 *       correction of 1/2 (per-user metrics such as HR are full of ties, where the uncorrected approximation
 *       that commons-math3 uses would be wrong). With no non-zero difference, W+ = 0 and p = 1.</li>
 * </ul>
 *
 * @param test           which test
 * @param meanDifference mean of a - b over all n pairs (positive: the first model is better)
 * @param statistic      t for the t-test, W+ for Wilcoxon
 * @param pValue         two-sided p-value
 * @param n              number of pairs given
 * @param droppedZeros   pairs with a zero difference left out (Wilcoxon only; 0 for the t-test)
 */
public record PairedTest(Kind test, double meanDifference, double statistic, double pValue, int n,
                         int droppedZeros) {

    /** The available tests. */
    public enum Kind {
        /** Student's paired t-test. */
        PAIRED_T,
        /** Wilcoxon signed-rank test. */
        WILCOXON_SIGNED_RANK
    }

    /** Largest number of pairs for which the exact Wilcoxon distribution is used (commons-math3's limit). */
    public static final int WILCOXON_EXACT_MAX = 30;

    public PairedTest {
        Objects.requireNonNull(test, "test");
    }

    /** Whether the difference is significant at level alpha (p &lt; alpha). */
    public boolean significant(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha=" + alpha + " must be in (0, 1)");
        }
        return pValue < alpha;
    }

    /** Paired t-test of per-case values a against b (same length, at least 2, no NaN). */
    public static PairedTest tTest(double[] a, double[] b) {
        double[] d = differences(a, b, 2);
        double mean = mean(d);
        boolean constant = true;
        for (double x : d) {
            constant &= x == d[0];
        }
        if (constant) {
            return mean == 0
                    ? new PairedTest(Kind.PAIRED_T, 0.0, 0.0, 1.0, d.length, 0)
                    : new PairedTest(Kind.PAIRED_T, mean, Math.copySign(Double.POSITIVE_INFINITY, mean), 0.0, d.length, 0);
        }
        TTest t = new TTest();
        return new PairedTest(Kind.PAIRED_T, mean, t.pairedT(a, b), t.pairedTTest(a, b), d.length, 0);
    }

    /** Wilcoxon signed-rank test of per-case values a against b (same length, at least 1, no NaN). */
    public static PairedTest wilcoxon(double[] a, double[] b) {
        double[] d = differences(a, b, 1);
        double mean = mean(d);
        int m = 0;
        double[] xa = new double[d.length];
        double[] xb = new double[d.length];
        double[] abs = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0) {
                xa[m] = a[i];
                xb[m] = b[i];
                abs[m] = Math.abs(d[i]);
                m++;
            }
        }
        int zeros = d.length - m;
        if (m == 0) {
            return new PairedTest(Kind.WILCOXON_SIGNED_RANK, mean, 0.0, 1.0, d.length, zeros);
        }
        xa = Arrays.copyOf(xa, m);
        xb = Arrays.copyOf(xb, m);
        abs = Arrays.copyOf(abs, m);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(abs);
        double wPlus = 0;
        for (int i = 0; i < m; i++) {
            if (xa[i] > xb[i]) {
                wPlus += ranks[i];
            }
        }
        double[] sorted = abs.clone();
        Arrays.sort(sorted);
        double tieTerm = 0; // sum over tie groups of t^3 - t
        int i = 0;
        while (i < m) {
            int j = i;
            while (j + 1 < m && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double p;
        if (m <= WILCOXON_EXACT_MAX && tieTerm == 0) {
            p = new WilcoxonSignedRankTest(NaNStrategy.FAILED, TiesStrategy.AVERAGE)
                    .wilcoxonSignedRankTest(xa, xb, true);
        } else {
            double expected = m * (m + 1) / 4.0;
            double variance = m * (m + 1.0) * (2 * m + 1) / 24.0 - tieTerm / 48.0;
            double diff = wPlus - expected;
            double z = (diff - Math.signum(diff) * 0.5) / Math.sqrt(variance);
            p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
        }
        return new PairedTest(Kind.WILCOXON_SIGNED_RANK, mean, wPlus, Math.min(1.0, p), d.length, zeros);
    }

    /**
     * Paired t-test of a metric between two results on the same cases.
     *
     * @throws IllegalArgumentException when the results are not on the same cases
     */
    public static PairedTest tTest(EvalResult a, EvalResult b, String metric, int k) {
        Comparison.requireSameCases(a.model(), a, b.model(), b);
        return tTest(a.perUser(metric, k), b.perUser(metric, k));
    }

    /**
     * Wilcoxon signed-rank test of a metric between two results on the same cases.
     *
     * @throws IllegalArgumentException when the results are not on the same cases
     */
    public static PairedTest wilcoxon(EvalResult a, EvalResult b, String metric, int k) {
        Comparison.requireSameCases(a.model(), a, b.model(), b);
        return wilcoxon(a.perUser(metric, k), b.perUser(metric, k));
    }

    private static double[] differences(double[] a, double[] b, int minPairs) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("a.length=" + a.length + " but b.length=" + b.length + ": tests are paired");
        }
        if (a.length < minPairs) {
            throw new IllegalArgumentException("a.length=" + a.length + " must be >= " + minPairs);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                throw new IllegalArgumentException("pair " + i + " has NaN: a=" + a[i] + ", b=" + b[i]);
            }
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double mean(double[] d) {
        double s = 0;
        for (double x : d) {
            s += x;
        }
        return s / d.length;
    }
}
