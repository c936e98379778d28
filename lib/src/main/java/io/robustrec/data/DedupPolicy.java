package io.robustrec.data;

/** What preparation does with a user's repeated interactions with the same item. */
public enum DedupPolicy {
    /** Keep every repeat (re-purchases, re-watches stay in the sequence). */
    KEEP_ALL,
    /** Keep only the earliest interaction of each (user, item) pair, in time order (ties: file order). */
    KEEP_FIRST,
    /** Keep only the latest interaction of each (user, item) pair, in time order (ties: file order). */
    KEEP_LAST
}
