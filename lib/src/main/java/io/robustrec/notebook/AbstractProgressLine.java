package io.robustrec.notebook;

import java.util.function.LongSupplier;

/**
 * Shared state and argument checks for the text progress lines; subclasses only decide how a line is shown.
 * Redraws are limited to a few per second because every redraw is a message to the notebook front end.
 */
abstract class AbstractProgressLine implements ProgressLine {
    static final long MIN_REDRAW_NANOS = 200_000_000L;

    private final LongSupplier nanoClock;
    private String task;
    private long total;
    private long startNanos;
    private long lastDrawNanos;
    private long done;
    private String extra;
    private boolean running;

    AbstractProgressLine(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void start(String task, long total) {
        if (task == null) {
            throw new IllegalArgumentException("task=null must not be null");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total=" + total + " must be >= 0 (0 = unknown)");
        }
        if (running) {
            finish();
        }
        this.task = task;
        this.total = total;
        this.done = 0;
        this.extra = null;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
        this.running = true;
        begin(render());
    }

    @Override
    public void step(long done, String extra) {
        if (!running) {
            throw new IllegalStateException("step(" + done + ") called before start(...)");
        }
        if (done < 0) {
            throw new IllegalArgumentException("done=" + done + " must be >= 0");
        }
        this.done = done;
        this.extra = extra;
        long now = nanoClock.getAsLong();
        boolean last = total > 0 && done >= total;
        if (last || now - lastDrawNanos >= MIN_REDRAW_NANOS) {
            lastDrawNanos = now;
            redraw(render());
        }
    }

    @Override
    public void finish() {
        if (!running) {
            return;
        }
        running = false;
        end(render());
    }

    private String render() {
        double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
        return ProgressFormat.line(task, done, total, elapsed, extra);
    }

    /** Shows the first state of a new task. */
    abstract void begin(String line);

    /** Replaces the shown line. */
    abstract void redraw(String line);

    /** Shows the final state and ends the line. */
    abstract void end(String line);
}
