package io.robustrec.model;

import java.util.Locale;

/** Training objective of a {@link SequenceModel}. */
public enum LossKind {
    /**
     * Binary cross-entropy with one sampled negative per position (SASRec's loss):
     * ℓ_t = −log σ(h_t·e_{pos}) − log(1 − σ(h_t·e_{neg})), averaged over real positions.
     */
    BCE,
    /**
     * Full softmax cross-entropy over all items at every position that has a target:
     * ℓ_t = −log softmax(h_t·Eᵀ)_{s_{t+1}}. Scores of B·L·items floats are held in memory (80 MB for B = 128,
     * L = 50, 3000 items); it learns in far fewer epochs than one sampled negative.
     */
    SOFTMAX,
    /** The same cross-entropy at the last position only (one sample per sequence; needs last-item targets). */
    SOFTMAX_LAST;

    /** Parses "bce", "softmax" (or "ce") and "softmax-last" (case-insensitive). */
    public static LossKind parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "bce": return BCE;
            case "softmax": case "ce": return SOFTMAX;
            case "softmax-last": case "softmax_last": return SOFTMAX_LAST;
            default: throw new IllegalArgumentException("loss=" + s + " is not one of bce, softmax, softmax-last");
        }
    }
}
