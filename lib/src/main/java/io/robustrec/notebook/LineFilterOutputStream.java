package io.robustrec.notebook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that drops every line starting with a given ASCII prefix and passes everything else through.
 *
 * <p>Bytes are held back only while the current line could still turn out to start with the prefix; as soon as it
 * cannot, the held bytes and the rest of the line flow through unbuffered, so carriage-return progress lines and
 * partial lines keep appearing live.
 */
final class LineFilterOutputStream extends OutputStream {
    private final OutputStream target;
    private final byte[] prefix;
    private final byte[] held;
    private int heldLength;
    /** True while the current line is known to pass; false while undecided or dropping. */
    private boolean passing;
    private boolean dropping;
    private long droppedLines;

    LineFilterOutputStream(OutputStream target, String asciiPrefix) {
        this.target = Objects.requireNonNull(target, "target");
        if (asciiPrefix == null || asciiPrefix.isEmpty()) {
            throw new IllegalArgumentException("asciiPrefix='" + asciiPrefix + "' must be non-empty");
        }
        this.prefix = asciiPrefix.getBytes(StandardCharsets.US_ASCII);
        this.held = new byte[prefix.length];
    }

    /** Number of whole lines dropped so far. */
    long droppedLines() {
        return droppedLines;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            if (dropping) {
                droppedLines++;
            } else {
                releaseHeld();
                target.write(b);
            }
            passing = false;
            dropping = false;
            heldLength = 0;
            return;
        }
        if (passing) {
            target.write(b);
        } else if (!dropping) {
            held[heldLength++] = (byte) b;
            if (held[heldLength - 1] != prefix[heldLength - 1]) {
                passing = true;
                releaseHeld();
            } else if (heldLength == prefix.length) {
                dropping = true;
                heldLength = 0;
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        // fast path: a passing line without a newline goes straight through
        int end = off + len;
        int i = off;
        while (i < end) {
            if (passing) {
                int nl = i;
                while (nl < end && b[nl] != '\n') {
                    nl++;
                }
                target.write(b, i, nl - i);
                i = nl;
                if (i < end) {
                    write(b[i++]);
                }
            } else {
                write(b[i++]);
            }
        }
    }

    private void releaseHeld() throws IOException {
        if (heldLength > 0) {
            target.write(Arrays.copyOf(held, heldLength));
            heldLength = 0;
        }
    }

    /** Writes out an undecided partial line (it did not match the whole prefix) and flushes. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    /** Releases any held partial line that never completed the prefix; does not close the target. */
    synchronized void finish() throws IOException {
        if (!dropping) {
            releaseHeld();
        }
        target.flush();
    }
}
