package io.robustrec.notebook;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A single live progress line for long loops such as training epochs: {@code start} once, {@code step} as work
 * completes, {@code finish} at the end. Implementations update the line in place.
 *
 * <pre>{@code
 * ProgressLine p = ProgressLine.auto();
 * p.start("epoch 3", batches);
 * for (int b = 0; b < batches; b++) { ...; p.step(b + 1, "loss=" + loss); }
 * p.finish();
 * }</pre>
 */
public interface ProgressLine extends AutoCloseable {

    /**
     * Starts a task.
     *
     * @param task  short label shown first on the line
     * @param total number of steps; 0 when unknown (no bar or percentage is shown)
     */
    void start(String task, long total);

    /**
     * Reports progress.
     *
     * @param done  steps completed so far (absolute, not an increment)
     * @param extra free text shown after the counts (for example the running loss); may be null
     */
    void step(long done, String extra);

    /** Ends the task, leaving its last state visible. Calling it twice is harmless. */
    void finish();

    /** Same as {@link #finish()}, for try-with-resources. */
    @Override
    default void close() {
        finish();
    }

    /**
     * The progress line that suits where the code runs: an updatable display in a rapaio kernel, a
     * carriage-return line in other kernels, and a terminal progress bar (me.tongfei progressbar) on stderr
     * outside notebooks.
     */
    static ProgressLine auto() {
        return Notebook.progress();
    }

    /** A progress line that rewrites itself with carriage returns on {@code out} (what Jupyter renders in place). */
    static ProgressLine carriageReturn(PrintStream out) {
        return new CarriageReturnProgressLine(Objects.requireNonNull(out, "out"), System::nanoTime);
    }

    /** A terminal progress bar on stderr (me.tongfei progressbar). */
    static ProgressLine console() {
        return new ConsoleProgressLine();
    }

    /** A progress line that shows nothing (batch jobs, tests). */
    static ProgressLine silent() {
        return new ProgressLine() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void step(long done, String extra) {
            }

            @Override
            public void finish() {
            }
        };
    }
}
