package io.robustrec.data;

import java.util.Objects;

/**
 * Settings of {@link Preparation}: which events survive and how the dataset is named.
 *
 * <p>Default: no rating threshold, {@link DedupPolicy#KEEP_FIRST}, 5-core on users and items. KEEP_FIRST is the
 * default because the evaluators mask a user's history from the candidates: with repeats kept, a held-out item
 * that already occurs in the history could never be ranked.
 *
 * @param name            dataset name used in reports
 * @param ratingThreshold keep events with rating {@code >= ratingThreshold}; {@link Double#NaN} keeps all events
 *                        (rated or not)
 * @param dedup           repeated (user, item) policy
 * @param minUserCount    k-core: every kept user has at least this many interactions (0 or 1: no user filter)
 * @param minItemCount    k-core: every kept item has at least this many interactions (0 or 1: no item filter)
 */
public record PrepConfig(String name, double ratingThreshold, DedupPolicy dedup, int minUserCount, int minItemCount) {
    public PrepConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dedup, "dedup");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name='" + name + "' must not be blank");
        }
        if (Double.isInfinite(ratingThreshold)) {
            throw new IllegalArgumentException("ratingThreshold=" + ratingThreshold + " must be finite or NaN (no threshold)");
        }
        if (minUserCount < 0) {
            throw new IllegalArgumentException("minUserCount=" + minUserCount + " must be >= 0");
        }
        if (minItemCount < 0) {
            throw new IllegalArgumentException("minItemCount=" + minItemCount + " must be >= 0");
        }
    }

    /** Defaults for a dataset name: no threshold, KEEP_FIRST, 5-core. */
    public static PrepConfig defaults(String name) {
        return new PrepConfig(name, Double.NaN, DedupPolicy.KEEP_FIRST, 5, 5);
    }

    /** Whether a rating threshold is set. */
    public boolean hasRatingThreshold() {
        return !Double.isNaN(ratingThreshold);
    }

    /** This config with another name. */
    public PrepConfig withName(String newName) {
        return new PrepConfig(newName, ratingThreshold, dedup, minUserCount, minItemCount);
    }

    /** This config keeping only events rated {@code >= threshold} (NaN: no threshold). */
    public PrepConfig withRatingThreshold(double threshold) {
        return new PrepConfig(name, threshold, dedup, minUserCount, minItemCount);
    }

    /** This config with another de-duplication policy. */
    public PrepConfig withDedup(DedupPolicy policy) {
        return new PrepConfig(name, ratingThreshold, policy, minUserCount, minItemCount);
    }

    /** This config with other k-core minimum counts. */
    public PrepConfig withMinCounts(int minUsers, int minItems) {
        return new PrepConfig(name, ratingThreshold, dedup, minUsers, minItems);
    }
}
