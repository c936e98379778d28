package io.robustrec.data.synthetic;

import java.util.Objects;

/**
 * Ground truth about one generated user.
 *
 * @param user           raw user id as written in the log
 * @param firstEvent     index in the log of the user's first event (a user's events are contiguous, in time order)
 * @param trainEvents    number of training-period events
 * @param testEvents     number of test-period events (they follow the training ones)
 * @param mainCategory   the category with the largest interest weight
 * @param drifted        whether the user's interests drift in the test period
 * @param fromCategory   the category drifted away from ({@code mainCategory}), or -1 when not drifted
 * @param toCategory     the category drifted to, or -1 when not drifted
 */
public record UserTruth(String user, int firstEvent, int trainEvents, int testEvents, int mainCategory,
                        boolean drifted, int fromCategory, int toCategory) {
    public UserTruth {
        Objects.requireNonNull(user, "user");
        if (drifted != (toCategory >= 0)) {
            throw new IllegalArgumentException("user " + user + ": drifted=" + drifted + " but toCategory=" + toCategory);
        }
    }

    /** Total number of events. */
    public int events() {
        return trainEvents + testEvents;
    }
}
