package io.robustrec.data;

import java.util.Objects;

/**
 * One step of data preparation with its effect.
 *
 * @param step        short name ("load", "rating >= 4", "dedup KEEP_FIRST", "5-core", ...)
 * @param reason      why rows were removed, in words
 * @param rowsBefore  interactions before the step
 * @param rowsAfter   interactions after the step
 * @param usersBefore distinct users before
 * @param usersAfter  distinct users after
 * @param itemsBefore distinct items before
 * @param itemsAfter  distinct items after
 */
public record PrepStep(String step, String reason, long rowsBefore, long rowsAfter,
                       int usersBefore, int usersAfter, int itemsBefore, int itemsAfter) {
    public PrepStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
    }

    /** Interactions removed by the step. */
    public long removed() {
        return rowsBefore - rowsAfter;
    }
}
