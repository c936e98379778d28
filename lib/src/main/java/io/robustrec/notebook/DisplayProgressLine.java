package io.robustrec.notebook;

import java.util.function.LongSupplier;

/**
 * Progress in a kernel output that is replaced in place ({@code update_display_data}), so the saved notebook keeps
 * only the final line instead of hundreds of carriage-return fragments.
 */
final class DisplayProgressLine extends AbstractProgressLine {
    private final DisplaySink sink;
    private DisplaySink.TextHandle handle;

    DisplayProgressLine(DisplaySink sink, LongSupplier nanoClock) {
        super(nanoClock);
        this.sink = sink;
    }

    @Override
    void begin(String line) {
        handle = sink.updatableText(line);
        if (handle == null) {
            throw new IllegalStateException(sink.getClass().getSimpleName() + " cannot update text in place");
        }
    }

    @Override
    void redraw(String line) {
        handle.update(line);
    }

    @Override
    void end(String line) {
        handle.update(line);
        handle = null;
    }
}
