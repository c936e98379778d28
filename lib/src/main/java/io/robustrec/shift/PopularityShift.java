package io.robustrec.shift;

import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Popularity shift: re-samples the test set so that its target items depart from the training popularity,
 * giving a family of test sets of increasing distribution shift (the evaluation device of the robust
 * meta-recommender line of work).
 *
 * <p>With {@code pop(i) = 1 + (occurrences of item i in the training sequences)} (the 1 keeps items unseen in
 * training finite), a test case with target {@code t} gets weight {@code w = pop(t)^-beta}. For {@code beta != 0},
 * {@code m = max(1, round(fraction * n))} of the {@code n} cases are drawn without replacement with probability
 * proportional to {@code w} (successive draws, done in one pass with exponential keys), and kept in their
 * original order. Hence:
 * <ul>
 *   <li>{@code beta = 0} is the identity: the original test set, every case, same order (no sub-sampling, so the
 *       unshifted point of a sweep is exactly the ordinary evaluation);</li>
 *   <li>{@code beta > 0} favours rare targets: the larger beta, the further the test targets are from the
 *       training popularity;</li>
 *   <li>{@code beta < 0} favours popular targets (a shift toward the head).</li>
 * </ul>
 * A small {@code beta > 0} is a near-uniform subsample, equal in distribution to the original set; the
 * discontinuity at 0 is only in size. Use the same {@code fraction} across a sweep so sizes stay comparable.
 *
 * @param beta     shift strength, finite
 * @param fraction share of test cases kept when {@code beta != 0}, in (0, 1]
 */
public record PopularityShift(double beta, double fraction) {
    /** Default share of test cases kept. */
    public static final double DEFAULT_FRACTION = 0.5;

    public PopularityShift {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta=" + beta + " must be finite");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction=" + fraction + " must be in (0, 1]");
        }
    }

    /** A shift keeping the default half of the test cases. */
    public static PopularityShift of(double beta) {
        return new PopularityShift(beta, DEFAULT_FRACTION);
    }

    /**
     * Item occurrence counts over the training sequences, indexed by item id (length {@code numItems + 1}).
     */
    public static int[] trainCounts(SplitData split) {
        int[] counts = new int[split.numItems() + 1];
        for (int[] seq : split.train()) {
            for (int item : seq) {
                counts[item]++;
            }
        }
        return counts;
    }

    /**
     * Re-samples the split's test cases using the popularity of its training sequences.
     *
     * @return the split with the re-sampled test set (training and validation untouched) and what was selected
     */
    public PopularityShiftResult apply(SplitData split, long seed) {
        Objects.requireNonNull(split, "split");
        int[] counts = trainCounts(split);
        int[] selected = select(split.test(), counts, seed);
        List<EvalCase> test = new ArrayList<>(selected.length);
        for (int i : selected) {
            test.add(split.test().get(i));
        }
        SplitData shifted = beta == 0 ? split : new SplitData(split.dataset(), split.train(), split.trainUsers(),
                split.validation(), test, split.description() + "; popularity shift beta=" + beta + ", fraction="
                + fraction + " (" + selected.length + " of " + split.test().size() + " test cases, seed=" + seed + ")");
        return new PopularityShiftResult(shifted, selected, beta, meanLogPop(split.test(), counts), meanLogPop(test, counts));
    }

    /**
     * Indices (ascending) of the selected cases.
     *
     * @param cases  the test cases
     * @param counts training occurrence count per item id (index 0 unused); targets beyond its length count 0
     * @param seed   seed of the draws
     */
    public int[] select(List<EvalCase> cases, int[] counts, long seed) {
        int n = cases.size();
        if (beta == 0 || n == 0) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int m = Math.max(1, (int) Math.round(fraction * n));
        SplittableRandom rng = new SplittableRandom(seed);
        // Efraimidis-Spirakis: keeping the m smallest of E_i / w_i (E_i ~ Exp(1)) is sequential weighted sampling
        // without replacement; in logs, log E_i + beta * log pop_i, which cannot overflow for large beta.
        double[] key = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double e;
            do {
                e = -Math.log(rng.nextDouble());
            } while (e == 0 || Double.isInfinite(e));
            key[i] = Math.log(e) + beta * Math.log(pop(counts, cases.get(i).target()));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(key[a], key[b]));
        int[] selected = new int[m];
        for (int j = 0; j < m; j++) {
            selected[j] = order[j];
        }
        Arrays.sort(selected);
        return selected;
    }

    private static double pop(int[] counts, int item) {
        return 1.0 + (item < counts.length ? counts[item] : 0);
    }

    /** Mean of log(pop(target)) over cases; NaN for an empty list. */
    static double meanLogPop(List<EvalCase> cases, int[] counts) {
        if (cases.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (EvalCase c : cases) {
            s += Math.log(pop(counts, c.target()));
        }
        return s / cases.size();
    }
}
