package io.robustrec.shift;

import io.robustrec.data.SplitData;

import java.util.Objects;

/**
 * A popularity-shifted test set.
 *
 * @param split                     the split with the re-sampled test set
 * @param selected                  indices into the original test list of the kept cases, ascending
 * @param beta                      the shift strength used
 * @param meanLogPopularityOriginal mean {@code log(1 + training count)} of the original test targets
 * @param meanLogPopularityShifted  the same over the re-sampled targets: the further below the original, the
 *                                  larger the shift toward rare items (a number to put on a sweep's x axis)
 */
public record PopularityShiftResult(SplitData split, int[] selected, double beta, double meanLogPopularityOriginal,
                                    double meanLogPopularityShifted) {
    public PopularityShiftResult {
        Objects.requireNonNull(split, "split");
        selected = selected.clone();
    }

    @Override
    public int[] selected() {
        return selected.clone();
    }

    /** Number of kept test cases. */
    public int size() {
        return selected.length;
    }
}
