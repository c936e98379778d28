package io.robustrec.data;

import java.util.List;
import java.util.Objects;

/**
 * A raw interaction log as read from one source, in file order.
 *
 * @param source       where it came from (a path, or "generated:..."), used in error messages and reports
 * @param interactions the events in file order
 */
public record InteractionLog(String source, List<Interaction> interactions) {
    public InteractionLog {
        Objects.requireNonNull(source, "source");
        interactions = List.copyOf(interactions);
    }

    /** Number of events. */
    public int size() {
        return interactions.size();
    }
}
