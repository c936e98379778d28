package io.robustrec.data;

import java.io.BufferedReader;
import java.io.IOException;
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
        try (BufferedReader r = LogFiles.open(path)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length != 2) {
                    throw new DataFormatException(file, lineNo, line, "expected 2 fields 'user item', found " + f.length);
                }
                out.add(new Interaction(f[0], f[1], lineNo, Double.NaN, lineNo));
            }
        } catch (IOException e) {
            throw LogFiles.readError(path, e);
        }
        return new InteractionLog(file, out);
    }
}
