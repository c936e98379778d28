package io.robustrec.data;

import java.util.List;
import java.util.Objects;

/**
 * A prepared dataset: per-user, time-ordered sequences of dense item ids, with the map back to raw item ids.
 *
 * <p>Item ids are dense and 1-based: id {@code i} is {@code rawItemIds.get(i - 1)}; id 0 is padding.
 * Users keep the order in which preparation produced them (sorted by raw user id).
 *
 * @param name       a short name used in reports (for example "onlineretail")
 * @param users      the user sequences
 * @param rawItemIds raw item id for each dense id, index {@code id - 1}
 */
public record SequenceDataset(String name, List<UserSequence> users, List<String> rawItemIds) {
    public SequenceDataset {
        Objects.requireNonNull(name, "name");
        users = List.copyOf(users);
        rawItemIds = List.copyOf(rawItemIds);
        for (UserSequence u : users) {
            for (int item : u.items()) {
                if (item > rawItemIds.size()) {
                    throw new IllegalArgumentException("user " + u.rawUserId() + ": item id " + item
                            + " exceeds the number of items " + rawItemIds.size());
                }
            }
        }
    }

    /** Number of distinct items (ids run 1..numItems). */
    public int numItems() {
        return rawItemIds.size();
    }

    /** Number of users. */
    public int numUsers() {
        return users.size();
    }

    /** Total number of interactions. */
    public long numInteractions() {
        long n = 0;
        for (UserSequence u : users) {
            n += u.length();
        }
        return n;
    }

    /** Raw id of a dense item id. */
    public String rawItemId(int denseId) {
        if (denseId < 1 || denseId > rawItemIds.size()) {
            throw new IllegalArgumentException("denseId=" + denseId + " outside 1.." + rawItemIds.size());
        }
        return rawItemIds.get(denseId - 1);
    }
}
