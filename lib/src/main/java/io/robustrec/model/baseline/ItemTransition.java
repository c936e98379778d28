package io.robustrec.model.baseline;

import io.robustrec.model.Recommender;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * First-order Markov baseline: the next item depends only on the last one.
 *
 * <p>With c(i, j) the number of consecutive training pairs (i, j) (self-transitions included, repeats are
 * real), c(i) = sum over j of c(i, j), popularity pi(j) = count(j) / total training count (uniform when there
 * is no training data), and smoothing alpha &gt; 0:
 * <pre>
 *   score(j | last item i) = (c(i, j) + alpha * pi(j)) / (c(i) + alpha)
 * </pre>
 * This is additive smoothing whose prior is the popularity distribution instead of the uniform one, so it is a
 * proper probability over j, and items with equal transition counts are ordered by popularity. For alpha &le; 1
 * a larger transition count always wins (alpha * pi(j) &lt; 1); larger alpha pulls the scores towards
 * popularity. An empty history, or a last item never followed by anything in training, gets pi(j), i.e.
 * {@link MostPopular}'s ranking. Scores are returned as floats, so the popularity tie-break between two items
 * with the same large transition count can be lost to rounding when their popularities are very close.
 * Immutable.
 */
public final class ItemTransition implements Recommender {

    /** Default smoothing strength. */
    public static final double DEFAULT_ALPHA = 1.0;

    private final int numItems;
    private final double alpha;
    private final double[] popularity;
    // CSR transition table: successors of i are cols[rowStart[i] .. rowStart[i+1]) with counts vals[...]
    private final int[] rowStart;
    private final int[] cols;
    private final int[] vals;
    private final long[] outTotal;

    private ItemTransition(int numItems, double alpha, double[] popularity, int[] rowStart, int[] cols, int[] vals,
                           long[] outTotal) {
        this.numItems = numItems;
        this.alpha = alpha;
        this.popularity = popularity;
        this.rowStart = rowStart;
        this.cols = cols;
        this.vals = vals;
        this.outTotal = outTotal;
    }

    /** {@link #fit(List, int, double)} with alpha = {@value #DEFAULT_ALPHA}. */
    public static ItemTransition fit(List<int[]> trainSequences, int numItems) {
        return fit(trainSequences, numItems, DEFAULT_ALPHA);
    }

    /**
     * Counts consecutive item pairs and item frequencies.
     *
     * @param trainSequences training sequences of dense ids 1..numItems
     * @param numItems       number of items
     * @param alpha          smoothing strength, &gt; 0
     */
    public static ItemTransition fit(List<int[]> trainSequences, int numItems, double alpha) {
        BaselineSupport.checkNumItems(numItems);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha=" + alpha + " must be a finite value > 0");
        }
        long[] counts = BaselineSupport.itemCounts(trainSequences, numItems);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] pi = new double[numItems + 1];
        for (int j = 1; j <= numItems; j++) {
            pi[j] = total == 0 ? 1.0 / numItems : (double) counts[j] / total;
        }

        int pairs = 0;
        for (int[] seq : trainSequences) {
            pairs += Math.max(0, seq.length - 1);
        }
        // Each pair as one sortable key i * (numItems + 1) + j; sorting groups equal pairs by source item.
        long width = numItems + 1L;
        long[] keys = new long[pairs];
        int p = 0;
        for (int[] seq : trainSequences) {
            for (int t = 0; t + 1 < seq.length; t++) {
                keys[p++] = seq[t] * width + seq[t + 1];
            }
        }
        Arrays.sort(keys);
        int[] rowStart = new int[numItems + 2];
        int[] cols = new int[pairs];
        int[] vals = new int[pairs];
        long[] outTotal = new long[numItems + 1];
        int distinct = 0;
        for (int q = 0; q < pairs; ) {
            int r = q;
            while (r < pairs && keys[r] == keys[q]) {
                r++;
            }
            int i = (int) (keys[q] / width);
            cols[distinct] = (int) (keys[q] % width);
            vals[distinct] = r - q;
            rowStart[i + 1]++;
            outTotal[i] += r - q;
            distinct++;
            q = r;
        }
        for (int i = 1; i < rowStart.length; i++) {
            rowStart[i] += rowStart[i - 1];
        }
        return new ItemTransition(numItems, alpha, pi, rowStart, Arrays.copyOf(cols, distinct),
                Arrays.copyOf(vals, distinct), outTotal);
    }

    /** Number of training pairs (from, to). */
    public int transitionCount(int from, int to) {
        BaselineSupport.checkItem(from, numItems, "from");
        BaselineSupport.checkItem(to, numItems, "to");
        int lo = rowStart[from];
        int hi = rowStart[from + 1];
        int at = Arrays.binarySearch(cols, lo, hi, to);
        return at >= 0 ? vals[at] : 0;
    }

    /** Popularity pi(j) used as the smoothing prior. */
    public double popularity(int item) {
        BaselineSupport.checkItem(item, numItems, "item");
        return popularity[item];
    }

    /** The smoothing strength. */
    public double alpha() {
        return alpha;
    }

    /** The class formula in double precision; {@code lastItem} 0 means "no history". */
    public double score(int lastItem, int item) {
        BaselineSupport.checkItem(item, numItems, "item");
        if (lastItem == 0) {
            return popularity[item];
        }
        BaselineSupport.checkItem(lastItem, numItems, "lastItem");
        return (transitionCount(lastItem, item) + alpha * popularity[item]) / (outTotal[lastItem] + alpha);
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public INDArray scoreAll(List<int[]> histories) {
        Objects.requireNonNull(histories, "histories");
        int width = numItems + 1;
        float[] flat = new float[histories.size() * width];
        for (int b = 0; b < histories.size(); b++) {
            int[] h = Objects.requireNonNull(histories.get(b), "histories[" + b + "]");
            int off = b * width;
            flat[off] = BaselineSupport.PADDING_SCORE;
            int last = 0;
            if (h.length > 0) {
                last = h[h.length - 1];
                BaselineSupport.checkItem(last, numItems, "histories[" + b + "][" + (h.length - 1) + "]");
            }
            double denom = last == 0 ? alpha : outTotal[last] + alpha;
            for (int j = 1; j <= numItems; j++) {
                flat[off + j] = (float) (alpha * popularity[j] / denom);
            }
            if (last != 0) {
                for (int q = rowStart[last]; q < rowStart[last + 1]; q++) {
                    flat[off + cols[q]] = (float) ((vals[q] + alpha * popularity[cols[q]]) / denom);
                }
            }
        }
        return BaselineSupport.toArray(flat, histories.size(), numItems);
    }

    @Override
    public String name() {
        return "ItemTransition";
    }
}
