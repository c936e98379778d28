package io.robustrec.eval;

/**
 * Which candidates the held-out target is ranked against.
 */
public enum Protocol {
    /**
     * Full ranking (as RecBole does): every item 1..numItems is a candidate except the items of the user's
     * history, which are masked. The target itself is never masked, even when it occurs in the history,
     * because repeat consumption is real and masking it would make the case unanswerable.
     */
    FULL,
    /**
     * The SASRec protocol: the target against 100 negatives drawn uniformly without replacement from the
     * items outside the user's history (and other than the target); all of them when fewer than 100 exist.
     */
    SAMPLED100;

    /** Number of sampled negatives under {@link #SAMPLED100}. */
    public static final int SAMPLED_NEGATIVES = 100;
}
