package io.robustrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads RecBole atomic {@code .inter} files: tab separated, header fields {@code name:type} such as
 * {@code user_id:token  item_id:token  rating:float  timestamp:float}. The columns are found by name
 * ({@code user_id}, {@code item_id}, optional {@code rating}, optional {@code timestamp}); without a timestamp
 * column the 1-based data-line index is the time. Other columns are ignored.
 */
public final class AtomicInterLoader implements LogLoader {

    @Override
    public InteractionLog load(Path path) {
        String file = path.toString();
        List<Interaction> out = new ArrayList<>();
        try (BufferedReader r = LogFiles.open(path)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, "", "file is empty: a header row 'user_id:token\\titem_id:token...' is expected");
            }
            String[] h = header.split("\t", -1);
            List<String> names = new ArrayList<>();
            for (String col : h) {
                int colon = col.indexOf(':');
                names.add((colon < 0 ? col : col.substring(0, colon)).trim());
            }
            int ui = names.indexOf("user_id");
            int ii = names.indexOf("item_id");
            if (ui < 0 || ii < 0) {
                throw new DataFormatException(file, 1, header, "header needs user_id and item_id columns; columns are " + names);
            }
            int ri = names.indexOf("rating");
            int ti = names.indexOf("timestamp");
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != h.length) {
                    throw new DataFormatException(file, lineNo, line,
                            "expected " + h.length + " tab-separated fields as in the header, found " + f.length);
                }
                String user = f[ui].trim();
                String item = f[ii].trim();
                if (user.isEmpty() || item.isEmpty()) {
                    throw new DataFormatException(file, lineNo, line, "empty " + (user.isEmpty() ? "user_id" : "item_id") + " field");
                }
                double rating = ri < 0 ? Double.NaN : DelimitedLogLoader.parseRating(f[ri], file, lineNo, line);
                long ts = lineNo - 1;
                if (ti >= 0) {
                    try {
                        ts = TimestampParser.parse(f[ti]);
                    } catch (IllegalArgumentException e) {
                        throw new DataFormatException(file, lineNo, line, e.getMessage());
                    }
                }
                out.add(new Interaction(user, item, ts, rating, lineNo));
            }
        } catch (IOException e) {
            throw LogFiles.readError(path, e);
        }
        return new InteractionLog(file, out);
    }
}
