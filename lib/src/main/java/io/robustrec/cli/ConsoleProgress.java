package io.robustrec.cli;

import io.robustrec.train.EpochRecord;
import io.robustrec.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar per epoch, and a line per finished epoch. */
public final class ConsoleProgress implements TrainingListener {

    private ProgressBar bar;
    private int batchesPerEpoch;
    private String trainer = "";

    @Override
    public void onStart(String trainer, int startEpoch, int epochs, int batchesPerEpoch) {
        this.trainer = trainer;
        this.batchesPerEpoch = batchesPerEpoch;
        if (startEpoch > 0) {
            System.err.println(trainer + ": resuming at epoch " + startEpoch);
        }
    }

    @Override
    public void onStep(int epoch, int step, double loss, double sequencesPerSecond) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(trainer + " epoch " + epoch).setInitialMax(batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
        }
        bar.stepTo(step + 1L);
        bar.setExtraMessage(String.format(" loss %.4f, %.0f seq/s", loss, sequencesPerSecond));
    }

    @Override
    public void onEpochEnd(EpochRecord r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        System.err.printf("epoch %d: loss %.4f, validation NDCG@10 %s, %.1f s, %.0f seq/s%n", r.epoch(), r.meanLoss(),
                Double.isNaN(r.validationNdcg10()) ? "-" : String.format("%.4f", r.validationNdcg10()), r.seconds(),
                r.sequencesPerSecond());
    }

    @Override
    public void onFinish(String message) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        System.err.println(message);
    }
}
