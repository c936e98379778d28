package io.robustrec.data;

/** How training sequences become prediction targets. */
public enum TargetMode {
    /**
     * Next-item targets at every position (SASRec): input = seq[:-1], positive = seq[1:], one sampled negative per
     * non-padded position.
     */
    ALL_POSITIONS,
    /** One target per sample, the last item (GRU4Rec/Caser style): input = seq[:-1], target = seq[-1]. */
    LAST_ITEM
}
