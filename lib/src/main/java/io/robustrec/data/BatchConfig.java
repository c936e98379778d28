package io.robustrec.data;

import java.util.Objects;

/**
 * Settings of {@link TrainingBatches}.
 *
 * @param maxLength   L, the input window: longer inputs keep their last L items; shorter ones are left-padded
 *                    with 0; must be >= 2
 * @param batchSize   samples per batch (the last batch of an epoch may be smaller); must be >= 1
 * @param mode        target mode
 * @param allTargets  every item of a sequence after its first is a training target. Under {@link TargetMode#LAST_ITEM}
 *                    every prefix of length >= 1 becomes a sample predicting the item after it (the data augmentation
 *                    of Tan et al. 2016 for GRU4Rec); under {@link TargetMode#ALL_POSITIONS} the sequence is cut, from
 *                    its end, into consecutive windows of L targets, one sample each. Off: one sample per sequence,
 *                    its last L+1 items (SASRec's recipe, which leaves the older items of long sequences unused)
 * @param seed        seed of the per-epoch shuffle and of the negatives
 */
public record BatchConfig(int maxLength, int batchSize, TargetMode mode, boolean allTargets, long seed) {
    public BatchConfig {
        Objects.requireNonNull(mode, "mode");
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength=" + maxLength + " must be >= 2");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be >= 1");
        }
    }

    /** SASRec-style defaults: L = 50, batch 128, all positions, the last window of each sequence. */
    public static BatchConfig sasrec(long seed) {
        return new BatchConfig(50, 128, TargetMode.ALL_POSITIONS, false, seed);
    }

    /** Last-item defaults: L = 50, batch 128, no prefix augmentation. */
    public static BatchConfig lastItem(long seed) {
        return new BatchConfig(50, 128, TargetMode.LAST_ITEM, false, seed);
    }
}
