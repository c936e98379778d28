package io.robustrec.shift;

import io.robustrec.data.SplitData;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a shift applied to training sequences: the changed split and exactly which positions changed.
 *
 * @param split     the new split (training sequences changed; validation and test cases untouched)
 * @param replaced  one mask per training sequence, parallel to {@code split.train()}: true where the item was replaced
 * @param replacedCount number of replaced positions
 * @param positions total number of training positions
 */
public record TrainShiftResult(SplitData split, List<boolean[]> replaced, long replacedCount, long positions) {
    public TrainShiftResult {
        Objects.requireNonNull(split, "split");
        replaced = List.copyOf(replaced);
        if (replaced.size() != split.train().size()) {
            throw new IllegalArgumentException("replaced.size()=" + replaced.size() + " but split.train().size()="
                    + split.train().size());
        }
    }

    /** Replaced share of training positions (0 when there are none). */
    public double replacedShare() {
        return positions == 0 ? 0 : (double) replacedCount / positions;
    }
}
