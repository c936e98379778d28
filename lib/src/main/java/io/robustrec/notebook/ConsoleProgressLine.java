package io.robustrec.notebook;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Terminal progress bar (me.tongfei progressbar, on stderr) for console runs. */
final class ConsoleProgressLine implements ProgressLine {
    private ProgressBar bar;

    @Override
    public void start(String task, long total) {
        if (task == null) {
            throw new IllegalArgumentException("task=null must not be null");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total=" + total + " must be >= 0 (0 = unknown)");
        }
        finish();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total == 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
    }

    @Override
    public void step(long done, String extra) {
        if (bar == null) {
            throw new IllegalStateException("step(" + done + ") called before start(...)");
        }
        if (done < 0) {
            throw new IllegalArgumentException("done=" + done + " must be >= 0");
        }
        bar.stepTo(done);
        if (extra != null) {
            bar.setExtraMessage(extra);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
