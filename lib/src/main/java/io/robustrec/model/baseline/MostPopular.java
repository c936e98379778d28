package io.robustrec.model.baseline;

import io.robustrec.model.Recommender;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Objects;

/**
 * The most-popular baseline: score(j) = number of occurrences of item j in the training sequences, the same
 * for every user. Ignores the history (the evaluator masks history items under full ranking).
 * Immutable.
 */
public final class MostPopular implements Recommender {

    private final int numItems;
    private final long[] counts;
    private final float[] row;

    private MostPopular(int numItems, long[] counts) {
        this.numItems = numItems;
        this.counts = counts;
        this.row = new float[numItems + 1];
        row[0] = BaselineSupport.PADDING_SCORE;
        for (int j = 1; j <= numItems; j++) {
            row[j] = (float) counts[j];
        }
    }

    /**
     * Counts item occurrences.
     *
     * @param trainSequences training sequences of dense ids 1..numItems
     * @param numItems       number of items
     * @throws IllegalArgumentException naming the sequence and position of an out-of-range id
     */
    public static MostPopular fit(List<int[]> trainSequences, int numItems) {
        BaselineSupport.checkNumItems(numItems);
        return new MostPopular(numItems, BaselineSupport.itemCounts(trainSequences, numItems));
    }

    /** Training frequency of an item. */
    public long count(int item) {
        BaselineSupport.checkItem(item, numItems, "item");
        return counts[item];
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
            System.arraycopy(row, 0, flat, b * width, width);
        }
        return BaselineSupport.toArray(flat, histories.size(), numItems);
    }

    @Override
    public String name() {
        return "MostPopular";
    }
}
