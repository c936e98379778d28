package io.robustrec.data;

import java.util.Objects;

/**
 * Which header columns of a delimited log hold the user, item, timestamp and (optionally) rating.
 *
 * @param user      user column name
 * @param item      item column name
 * @param timestamp timestamp column name (ISO-8601 date-time, {@code yyyy-MM-dd HH:mm[:ss]}, or unix seconds)
 * @param rating    rating column name, or {@code null} when the log has no rating
 */
public record ColumnMapping(String user, String item, String timestamp, String rating) {
    public ColumnMapping {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(timestamp, "timestamp");
        if (user.isBlank() || item.isBlank() || timestamp.isBlank()) {
            throw new IllegalArgumentException("column names must not be blank: user='" + user + "', item='" + item
                    + "', timestamp='" + timestamp + "'");
        }
    }

    /** A mapping without a rating column. */
    public static ColumnMapping of(String user, String item, String timestamp) {
        return new ColumnMapping(user, item, timestamp, null);
    }

    /** The default names {@code user_id, item_id, timestamp}, no rating. */
    public static ColumnMapping defaults() {
        return of("user_id", "item_id", "timestamp");
    }

    /** This mapping with a rating column. */
    public ColumnMapping withRating(String ratingColumn) {
        return new ColumnMapping(user, item, timestamp, ratingColumn);
    }
}
