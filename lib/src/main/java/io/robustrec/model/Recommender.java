package io.robustrec.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Anything that scores every item for a batch of user histories: baselines and trained backbones alike.
 * The evaluator only needs this.
 */
public interface Recommender {

    /** Number of real items; scores have {@code numItems() + 1} columns, column 0 being padding. */
    int numItems();

    /**
     * Scores all items for each history.
     *
     * @param histories one dense-id sequence per row, oldest first (longer ones are cut to the model's window)
     * @return a float matrix [histories.size(), numItems() + 1]; higher is better; column 0 is ignored
     */
    INDArray scoreAll(List<int[]> histories);

    /** A short display name. */
    String name();
}
