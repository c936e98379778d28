package io.robustrec.train;

/**
 * Observes training: the console progress bar, the notebooks' live line, and tests all implement this.
 * Every method has an empty default so listeners override only what they need.
 */
public interface TrainingListener {

    /** Training starts (or resumes at {@code startEpoch}). */
    default void onStart(String trainer, int startEpoch, int epochs, int batchesPerEpoch) {
    }

    /** A mini-batch was applied. */
    default void onStep(int epoch, int step, double loss, double sequencesPerSecond) {
    }

    /** An epoch finished (validation included when it ran). */
    default void onEpochEnd(EpochRecord record) {
    }

    /** Training ended: normally, by early stopping, or by divergence (the message says which). */
    default void onFinish(String message) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };
}
