package io.robustrec.train;

import io.robustrec.data.TargetMode;
import io.robustrec.model.LossKind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by every trainer.
 *
 * @param epochs          maximum number of passes over the training samples, >= 1
 * @param batchSize       samples per mini-batch, >= 1
 * @param learningRate    step size, > 0
 * @param l2              L2 coefficient, >= 0
 * @param optimizer       Adam or SGD
 * @param loss            BCE with one sampled negative, or full softmax at every position / at the last one
 * @param targetMode      which positions are training samples; SOFTMAX_LAST requires LAST_ITEM
 * @param allTargets      every item of a training sequence after its first is a target: all prefixes (LAST_ITEM) or
 *                        all windows of L targets (ALL_POSITIONS); see {@link io.robustrec.data.BatchConfig#allTargets()}
 * @param patience        stop after this many validations without a better NDCG@10; 0 = never stop early
 * @param validateEvery   validate every this many epochs, >= 1
 * @param seed            seed of initialisation, batch order, negatives and dropout
 * @param checkpointDir   where to keep the checkpoint (resumed from when present), or null for none
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double l2, OptimizerKind optimizer,
                          LossKind loss, TargetMode targetMode, boolean allTargets, int patience,
                          int validateEvery, long seed, Path checkpointDir) {
    public TrainConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(targetMode, "targetMode");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs=" + epochs + " must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be >= 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate=" + learningRate + " must be a finite number > 0");
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2=" + l2 + " must be >= 0");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience=" + patience + " must be >= 0");
        }
        if (validateEvery < 1) {
            throw new IllegalArgumentException("validateEvery=" + validateEvery + " must be >= 1");
        }
        if (loss == LossKind.SOFTMAX_LAST && targetMode != TargetMode.LAST_ITEM) {
            throw new IllegalArgumentException("loss=SOFTMAX_LAST needs targetMode=LAST_ITEM, not " + targetMode);
        }
    }

    /** SASRec's recipe: Adam 1e-3, batch 128, BCE at all positions, 200 epochs, patience 5 validations. */
    public static TrainConfig defaults() {
        return new TrainConfig(200, 128, 1e-3, 0.0, OptimizerKind.ADAM, LossKind.BCE, TargetMode.ALL_POSITIONS,
                false, 5, 1, 42L, null);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, l2, optimizer, loss, targetMode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(epochs, b, learningRate, l2, optimizer, loss, targetMode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(epochs, batchSize, lr, l2, optimizer, loss, targetMode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withL2(double v) {
        return new TrainConfig(epochs, batchSize, learningRate, v, optimizer, loss, targetMode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withOptimizer(OptimizerKind o) {
        return new TrainConfig(epochs, batchSize, learningRate, l2, o, loss, targetMode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    /** SOFTMAX_LAST implies last-item targets; the other losses keep the current mode. */
    public TrainConfig withLoss(LossKind l) {
        TargetMode mode = l == LossKind.SOFTMAX_LAST ? TargetMode.LAST_ITEM : targetMode;
        return new TrainConfig(epochs, batchSize, learningRate, l2, optimizer, l, mode, allTargets, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withTargetMode(TargetMode m, boolean everyTarget) {
        return new TrainConfig(epochs, batchSize, learningRate, l2, optimizer, loss, m, everyTarget, patience, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(epochs, batchSize, learningRate, l2, optimizer, loss, targetMode, allTargets, p, validateEvery, seed, checkpointDir);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, l2, optimizer, loss, targetMode, allTargets, patience, validateEvery, s, checkpointDir);
    }

    public TrainConfig withCheckpointDir(Path dir) {
        return new TrainConfig(epochs, batchSize, learningRate, l2, optimizer, loss, targetMode, allTargets, patience, validateEvery, seed, dir);
    }
}
