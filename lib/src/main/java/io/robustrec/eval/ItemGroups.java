package io.robustrec.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Groups evaluation cases by how popular their target item is in the training data.
 */
public final class ItemGroups {

    /** Index of the "popular" group in {@link #popularRare}'s grouping. */
    public static final int POPULAR = 0;
    /** Index of the "rare" group in {@link #popularRare}'s grouping. */
    public static final int RARE = 1;
    /** The usual popular fraction: the 20% most frequent items. */
    public static final double DEFAULT_POPULAR_FRACTION = 0.2;

    private ItemGroups() {
    }

    /**
     * Training frequency of every item.
     *
     * @param trainSequences training sequences of dense ids
     * @param numItems       number of items
     * @return counts indexed by item id, length numItems + 1 (index 0 unused)
     * @throws IllegalArgumentException naming the sequence and position of an id outside 1..numItems
     */
    public static int[] trainingCounts(List<int[]> trainSequences, int numItems) {
        Objects.requireNonNull(trainSequences, "trainSequences");
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
        int[] counts = new int[numItems + 1];
        for (int s = 0; s < trainSequences.size(); s++) {
            int[] seq = trainSequences.get(s);
            for (int p = 0; p < seq.length; p++) {
                int item = seq[p];
                if (item < 1 || item > numItems) {
                    throw new IllegalArgumentException("trainSequences[" + s + "][" + p + "]=" + item
                            + " outside 1.." + numItems);
                }
                counts[item]++;
            }
        }
        return counts;
    }

    /**
     * The popular item set: items ranked by training count, most frequent first; let C be the count of the
     * item at position ceil(popularFraction * numItems). An item is popular when its count is at least C and
     * above zero. <b>Ties:</b> every item whose count equals C is popular, so equally frequent items always
     * share a group (the set may exceed the fraction); items never seen in training are always rare.
     *
     * @param itemCounts      training count per item id, length numItems + 1 (index 0 ignored)
     * @param popularFraction target share of popular items, in (0, 1)
     * @return a flag per item id (index 0 false)
     */
    public static boolean[] popularItems(int[] itemCounts, double popularFraction) {
        Objects.requireNonNull(itemCounts, "itemCounts");
        if (!(popularFraction > 0 && popularFraction < 1)) {
            throw new IllegalArgumentException("popularFraction=" + popularFraction + " must be in (0, 1)");
        }
        int numItems = itemCounts.length - 1;
        if (numItems < 1) {
            throw new IllegalArgumentException("itemCounts.length=" + itemCounts.length
                    + " must be numItems + 1 >= 2");
        }
        int[] sorted = Arrays.copyOfRange(itemCounts, 1, itemCounts.length);
        Arrays.sort(sorted);
        int popularCount = Math.max(1, (int) Math.ceil(popularFraction * numItems));
        int threshold = Math.max(1, sorted[numItems - popularCount]);
        boolean[] popular = new boolean[numItems + 1];
        for (int j = 1; j <= numItems; j++) {
            if (itemCounts[j] < 0) {
                throw new IllegalArgumentException("itemCounts[" + j + "]=" + itemCounts[j] + " must be >= 0");
            }
            popular[j] = itemCounts[j] >= threshold;
        }
        return popular;
    }

    /**
     * Popular versus rare target items, using {@link #popularItems(int[], double)}.
     *
     * @param targets         target item of each case, in case order (for example {@link EvalResult#targets()})
     * @param itemCounts      training count per item id, length numItems + 1
     * @param popularFraction target share of popular items, in (0, 1)
     * @return a grouping named "target popularity" with groups {"popular", "rare"}
     */
    public static Grouping popularRare(int[] targets, int[] itemCounts, double popularFraction) {
        Objects.requireNonNull(targets, "targets");
        boolean[] popular = popularItems(itemCounts, popularFraction);
        int[] labels = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 1 || targets[i] >= popular.length) {
                throw new IllegalArgumentException("targets[" + i + "]=" + targets[i] + " outside 1.."
                        + (popular.length - 1));
            }
            labels[i] = popular[targets[i]] ? POPULAR : RARE;
        }
        return new Grouping("target popularity", new String[]{"popular", "rare"}, labels);
    }

    /** {@link #popularRare(int[], int[], double)} with the 20% popular fraction. */
    public static Grouping popularRare(int[] targets, int[] itemCounts) {
        return popularRare(targets, itemCounts, DEFAULT_POPULAR_FRACTION);
    }
}
