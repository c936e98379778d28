package io.robustrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loads a delimited log (CSV or TSV) with a header row, picking columns by name through a {@link ColumnMapping}.
 * Blank lines are skipped (they carry no event); every other line must have the header's number of fields.
 */
public final class DelimitedLogLoader implements LogLoader {

    private final DelimitedSplitter splitter;
    private final ColumnMapping mapping;

    /**
     * @param delimiter field separator
     * @param quoting   whether {@code "} quotes fields (RFC 4180)
     * @param mapping   the columns to read
     */
    public DelimitedLogLoader(char delimiter, boolean quoting, ColumnMapping mapping) {
        this.splitter = new DelimitedSplitter(delimiter, quoting);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** Comma separated, quote aware. */
    public static DelimitedLogLoader csv(ColumnMapping mapping) {
        return new DelimitedLogLoader(',', true, mapping);
    }

    /** Tab separated, quotes are plain characters. */
    public static DelimitedLogLoader tsv(ColumnMapping mapping) {
        return new DelimitedLogLoader('\t', false, mapping);
    }

    @Override
    public InteractionLog load(Path path) {
        String file = path.toString();
        List<Interaction> out = new ArrayList<>();
        try (BufferedReader r = LogFiles.open(path)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, "", "file is empty: a header row is expected");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1); // spreadsheet exports often begin with a byte-order mark
            }
            List<String> columns;
            try {
                columns = splitter.split(header).stream().map(String::trim).toList();
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, 1, header, e.getMessage());
            }
            int ui = column(columns, mapping.user(), "user", file, header);
            int ii = column(columns, mapping.item(), "item", file, header);
            int ti = column(columns, mapping.timestamp(), "timestamp", file, header);
            int ri = mapping.rating() == null ? -1 : column(columns, mapping.rating(), "rating", file, header);
            long lineNo = 1;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                long startLine = lineNo;
                String record = line;
                while (splitter.isIncomplete(record)) {
                    String next = r.readLine();
                    if (next == null) {
                        throw new DataFormatException(file, startLine, record, "quoted field not closed before the end of the file");
                    }
                    lineNo++;
                    record = record + "\n" + next;
                }
                if (record.isBlank()) {
                    continue;
                }
                List<String> f;
                try {
                    f = splitter.split(record);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, startLine, record, e.getMessage());
                }
                if (f.size() != columns.size()) {
                    throw new DataFormatException(file, startLine, record,
                            "expected " + columns.size() + " fields as in the header, found " + f.size());
                }
                String user = f.get(ui).trim();
                String item = f.get(ii).trim();
                if (user.isEmpty() || item.isEmpty()) {
                    throw new DataFormatException(file, startLine, record, "empty " + (user.isEmpty() ? "user" : "item") + " field");
                }
                long ts;
                try {
                    ts = TimestampParser.parse(f.get(ti));
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, startLine, record, e.getMessage());
                }
                double rating = Double.NaN;
                if (ri >= 0) {
                    rating = parseRating(f.get(ri), file, startLine, record);
                }
                out.add(new Interaction(user, item, ts, rating, startLine));
            }
        } catch (IOException e) {
            throw LogFiles.readError(path, e);
        }
        return new InteractionLog(file, out);
    }

    static double parseRating(String text, String file, long lineNo, String line) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNo, line, "rating '" + text + "' is not a number");
        }
    }

    private static int column(List<String> columns, String name, String role, String file, String header) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new DataFormatException(file, 1, header, role + " column '" + name
                    + "' is not in the header; columns are " + columns);
        }
        return i;
    }
}
