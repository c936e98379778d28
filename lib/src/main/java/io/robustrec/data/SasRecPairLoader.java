package io.robustrec.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads SASRec's pair files ({@code user item} per line, whitespace separated, as in its {@code data/*.txt}).
 * The files carry no time: line order is time order, so the timestamp is the 1-based line number.
 * Blank lines are skipped.
 */
public final class SasRecPairLoader implements LogLoader {

    @Override
    public InteractionLog load(Path path) {
        String file = path.toString();
        List<Interaction> out = new ArrayList<>();
        LogFiles.forEachNonBlankLine(path, (lineNo, line) -> {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                throw new DataFormatException(file, lineNo, line, "expected 2 fields 'user item', found " + f.length);
            }
            out.add(new Interaction(f[0], f[1], lineNo, Double.NaN, lineNo));
        });
        return new InteractionLog(file, out);
    }
}
