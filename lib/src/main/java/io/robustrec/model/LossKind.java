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
     * Full softmax cross-entropy over all items at the last position: ℓ = −log softmax(h_L·Eᵀ)_{target}.
     * Memory grows with batch × items, so it is computed for the last position only.
     */
    SOFTMAX;

    /** Parses "bce" or "softmax"/"ce" (case-insensitive). */
    public static LossKind parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "bce": return BCE;
            case "softmax": case "ce": return SOFTMAX;
            default: throw new IllegalArgumentException("loss=" + s + " is not one of bce, softmax");
        }
    }
}
