package io.robustrec.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the {@code ::}-separated ratings files of MovieLens (1M/10M) and MovieTweetings:
 * {@code user::item::rating::unix_seconds}, no header. Blank lines are skipped.
 */
public final class MovieLensLoader implements LogLoader {

    @Override
    public InteractionLog load(Path path) {
        String file = path.toString();
        List<Interaction> out = new ArrayList<>();
        LogFiles.forEachNonBlankLine(path, (lineNo, line) -> {
            String[] f = line.split("::", -1);
            if (f.length != 4) {
                throw new DataFormatException(file, lineNo, line,
                        "expected 4 fields user::item::rating::timestamp, found " + f.length);
            }
            String user = f[0].trim();
            String item = f[1].trim();
            if (user.isEmpty() || item.isEmpty()) {
                throw new DataFormatException(file, lineNo, line, "empty " + (user.isEmpty() ? "user" : "item") + " field");
            }
            double rating = DelimitedLogLoader.parseRating(f[2], file, lineNo, line);
            long ts;
            try {
                ts = Long.parseLong(f[3].trim());
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, lineNo, line, "timestamp '" + f[3] + "' is not unix seconds");
            }
            out.add(new Interaction(user, item, ts, rating, lineNo));
        });
        return new InteractionLog(file, out);
    }
}
