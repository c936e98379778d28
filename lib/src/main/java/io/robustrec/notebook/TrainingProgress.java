package io.robustrec.notebook;

import io.robustrec.train.EpochRecord;
import io.robustrec.train.TrainingListener;

/**
 * Shows training in a notebook (or a terminal): one live line per epoch with the batch count, running loss and
 * speed, and a summary line when the epoch ends.
 */
public final class TrainingProgress implements TrainingListener {

    private final ProgressLine line;
    private String trainer = "";
    private int batches;
    private boolean open;

    /** Progress on the line that suits where the code runs ({@link ProgressLine#auto()}). */
    public TrainingProgress() {
        this(ProgressLine.auto());
    }

    /** Progress on a given line. */
    public TrainingProgress(ProgressLine line) {
        this.line = line;
    }

    @Override
    public void onStart(String trainer, int startEpoch, int epochs, int batchesPerEpoch) {
        this.trainer = trainer;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onStep(int epoch, int step, double loss, double sequencesPerSecond) {
        if (!open) {
            line.start(trainer + " epoch " + epoch, batches);
            open = true;
        }
        line.step(step + 1L, String.format("loss %.4f, %.0f seq/s", loss, sequencesPerSecond));
    }

    @Override
    public void onEpochEnd(EpochRecord r) {
        if (open) {
            line.finish();
            open = false;
        }
        // one println per line: JShell-based kernels turn every printf fragment into a separate output
        System.out.println(String.format("epoch %d: loss %.4f, validation NDCG@10 %s, %.1f s", r.epoch(), r.meanLoss(),
                Double.isNaN(r.validationNdcg10()) ? "-" : String.format("%.4f", r.validationNdcg10()), r.seconds()));
    }

    @Override
    public void onFinish(String message) {
        if (open) {
            line.finish();
            open = false;
        }
        System.out.println(message);
    }
}
