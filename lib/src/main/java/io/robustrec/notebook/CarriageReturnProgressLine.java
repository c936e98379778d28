package io.robustrec.notebook;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** Progress rewritten in place with {@code \r}; Jupyter front ends and terminals both honour it. */
final class CarriageReturnProgressLine extends AbstractProgressLine {
    private final PrintStream out;
    private int lastLength;

    CarriageReturnProgressLine(PrintStream out, LongSupplier nanoClock) {
        super(nanoClock);
        this.out = out;
    }

    @Override
    void begin(String line) {
        lastLength = 0;
        redraw(line);
    }

    @Override
    void redraw(String line) {
        // pad so a shorter line fully covers the previous one
        int pad = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    @Override
    void end(String line) {
        redraw(line);
        out.println();
        out.flush();
    }
}
