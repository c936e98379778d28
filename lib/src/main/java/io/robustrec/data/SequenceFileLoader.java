package io.robustrec.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads sequence files: {@code user i1 i2 ...} per line, whitespace separated, items oldest first.
 * The timestamp of an item is its 0-based position in the line; {@link Interaction#line()} is the line number.
 * A line with a user and no items is an error (an empty history says nothing and usually means a broken export).
 */
public final class SequenceFileLoader implements LogLoader {

    @Override
    public InteractionLog load(Path path) {
        String file = path.toString();
        List<Interaction> out = new ArrayList<>();
        LogFiles.forEachNonBlankLine(path, (lineNo, line) -> {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                throw new DataFormatException(file, lineNo, line, "expected 'user item1 item2 ...', found no items");
            }
            for (int k = 1; k < f.length; k++) {
                out.add(new Interaction(f[0], f[k], k - 1, Double.NaN, lineNo));
            }
        });
        return new InteractionLog(file, out);
    }
}
