package io.robustrec.eval;

import java.util.Objects;

/**
 * One held-out prediction: given a user's history, rank the target item.
 *
 * <p>Items in {@code history} are masked out of the candidate list under the full-ranking protocol
 * (the user has already interacted with them), and negatives for the sampled protocol are drawn outside it.
 *
 * @param userIndex index of the user in its {@link io.robustrec.data.SequenceDataset}
 * @param history   the input sequence, dense item ids in time order (may be empty for a cold user)
 * @param target    the dense id of the held-out item
 */
public record EvalCase(int userIndex, int[] history, int target) {
    public EvalCase {
        Objects.requireNonNull(history, "history");
        if (target < 1) {
            throw new IllegalArgumentException("target=" + target + " is not a dense 1-based item id");
        }
    }
}
