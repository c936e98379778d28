package io.robustrec.data.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the generator knows and a real dataset never tells: categories, true popularity ranks, who drifted
 * where, which events are noise and which period each event belongs to.
 *
 * <p>Item arrays are indexed by {@code itemId - 1} (item ids run 1..numItems, raw id {@code "i<id>"}); event
 * arrays are parallel to {@link SyntheticWorld#log()}'s interactions. Array accessors return copies; use the
 * indexed methods in loops.
 *
 * @param cutTimestamp   first epoch second of the test period: every training-period event is earlier, every
 *                       test-period event is at or after it
 * @param numCategories  number of categories (ids 0..numCategories-1, 0 the largest)
 * @param itemCategory   category of each item
 * @param itemTrainRank  1-based popularity rank of each item inside its category during the training period
 * @param itemTestRank   the same during the test period (differs where popularity drift reshuffled it)
 * @param users          one entry per user, in log order
 * @param eventSource    {@link EventSource} ordinal of each event
 * @param eventPeriod    {@link Period} ordinal of each event
 * @param cleanItem      the item the process chose before noise (equals the observed item unless the event is noise)
 */
public record WorldTruth(long cutTimestamp, int numCategories, int[] itemCategory, int[] itemTrainRank,
                         int[] itemTestRank, List<UserTruth> users, byte[] eventSource, byte[] eventPeriod,
                         int[] cleanItem) {
    private static final EventSource[] SOURCES = EventSource.values();
    private static final Period[] PERIODS = Period.values();

    public WorldTruth {
        itemCategory = itemCategory.clone();
        itemTrainRank = itemTrainRank.clone();
        itemTestRank = itemTestRank.clone();
        users = List.copyOf(users);
        eventSource = eventSource.clone();
        eventPeriod = eventPeriod.clone();
        cleanItem = cleanItem.clone();
        if (itemTrainRank.length != itemCategory.length || itemTestRank.length != itemCategory.length) {
            throw new IllegalArgumentException("item arrays differ in length: " + itemCategory.length + ", "
                    + itemTrainRank.length + ", " + itemTestRank.length);
        }
        if (eventPeriod.length != eventSource.length || cleanItem.length != eventSource.length) {
            throw new IllegalArgumentException("event arrays differ in length: " + eventSource.length + ", "
                    + eventPeriod.length + ", " + cleanItem.length);
        }
    }

    /** Number of items. */
    public int numItems() {
        return itemCategory.length;
    }

    /** Number of events. */
    public int numEvents() {
        return eventSource.length;
    }

    /** Category of an item id (1-based). */
    public int category(int itemId) {
        return itemCategory[itemId - 1];
    }

    /** Why event {@code e} (its index in the log) was generated. */
    public EventSource source(int e) {
        return SOURCES[eventSource[e]];
    }

    /** Period of event {@code e}. */
    public Period period(int e) {
        return PERIODS[eventPeriod[e]];
    }

    /** Whether event {@code e} is a noise replacement. */
    public boolean isNoise(int e) {
        return eventSource[e] == EventSource.NOISE.ordinal();
    }

    /** Number of noise events (all in the training period). */
    public int noiseEvents() {
        int n = 0;
        for (byte s : eventSource) {
            if (s == EventSource.NOISE.ordinal()) {
                n++;
            }
        }
        return n;
    }

    /** Number of users whose interests drift. */
    public int driftedUsers() {
        int n = 0;
        for (UserTruth u : users) {
            if (u.drifted()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int[] itemCategory() {
        return itemCategory.clone();
    }

    @Override
    public int[] itemTrainRank() {
        return itemTrainRank.clone();
    }

    @Override
    public int[] itemTestRank() {
        return itemTestRank.clone();
    }

    @Override
    public byte[] eventSource() {
        return eventSource.clone();
    }

    @Override
    public byte[] eventPeriod() {
        return eventPeriod.clone();
    }

    @Override
    public int[] cleanItem() {
        return cleanItem.clone();
    }

    /** Clean item of event {@code e}. */
    public int cleanItem(int e) {
        return cleanItem[e];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorldTruth t && cutTimestamp == t.cutTimestamp && numCategories == t.numCategories
                && Arrays.equals(itemCategory, t.itemCategory) && Arrays.equals(itemTrainRank, t.itemTrainRank)
                && Arrays.equals(itemTestRank, t.itemTestRank) && users.equals(t.users)
                && Arrays.equals(eventSource, t.eventSource) && Arrays.equals(eventPeriod, t.eventPeriod)
                && Arrays.equals(cleanItem, t.cleanItem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cutTimestamp, numCategories, Arrays.hashCode(itemCategory), users,
                Arrays.hashCode(eventSource), Arrays.hashCode(cleanItem));
    }

    @Override
    public String toString() {
        return "WorldTruth[" + numItems() + " items, " + numCategories + " categories, " + users.size() + " users, "
                + numEvents() + " events, " + driftedUsers() + " drifted, " + noiseEvents() + " noise, cut="
                + cutTimestamp + "]";
    }
}
