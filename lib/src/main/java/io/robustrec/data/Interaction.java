package io.robustrec.data;

import java.util.Objects;

/**
 * One raw event of an interaction log, before any id mapping.
 *
 * @param user      raw user id
 * @param item      raw item id
 * @param timestamp event time in epoch seconds; for sources without time, the position in the file
 * @param rating    explicit rating, or {@link Double#NaN} when the source has none
 * @param line      1-based line number in the source file (0 for generated events); ties in time keep this order
 */
public record Interaction(String user, String item, long timestamp, double rating, long line) {
    public Interaction {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
    }

    /** Whether the event carries an explicit rating. */
    public boolean hasRating() {
        return !Double.isNaN(rating);
    }
}
