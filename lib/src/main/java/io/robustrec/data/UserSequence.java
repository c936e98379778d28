package io.robustrec.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user's time-ordered interactions after preparation.
 *
 * @param rawUserId  the user id as it appeared in the source log
 * @param items      dense 1-based item ids in time order (0 is reserved for padding and never appears here)
 * @param timestamps event times (epoch seconds, or the line index when the source has no time), same length as items
 */
public record UserSequence(String rawUserId, int[] items, long[] timestamps) {
    public UserSequence {
        Objects.requireNonNull(rawUserId, "rawUserId");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(timestamps, "timestamps");
        if (items.length != timestamps.length) {
            throw new IllegalArgumentException("user " + rawUserId + ": items.length=" + items.length
                    + " but timestamps.length=" + timestamps.length);
        }
        for (int item : items) {
            if (item < 1) {
                throw new IllegalArgumentException("user " + rawUserId + ": item id " + item + " is not a dense 1-based id");
            }
        }
    }

    /** Number of interactions. */
    public int length() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserSequence u && rawUserId.equals(u.rawUserId)
                && Arrays.equals(items, u.items) && Arrays.equals(timestamps, u.timestamps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rawUserId, Arrays.hashCode(items), Arrays.hashCode(timestamps));
    }

    @Override
    public String toString() {
        return "UserSequence[" + rawUserId + ", " + items.length + " items]";
    }
}
