package io.robustrec.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one delimited record into fields. With quoting on (CSV), a field that starts with {@code "} runs to
 * the matching closing quote, may contain the delimiter and line breaks, and writes a literal quote as
 * {@code ""} (RFC 4180). With quoting off (TSV), quotes are ordinary characters: product names such as
 * {@code 7" FRAME} are common in tab-separated dumps.
 */
public final class DelimitedSplitter {

    private final char delimiter;
    private final boolean quoting;

    /**
     * @param delimiter the field separator
     * @param quoting   whether {@code "} quotes fields
     */
    public DelimitedSplitter(char delimiter, boolean quoting) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter='" + delimiter + "' cannot be a quote or line break");
        }
        this.delimiter = delimiter;
        this.quoting = quoting;
    }

    /**
     * Whether {@code record} ends inside an open quoted field, so that the next physical line belongs to it.
     */
    public boolean isIncomplete(String record) {
        if (!quoting) {
            return false;
        }
        boolean inQuotes = false;
        boolean fieldStart = true;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = c == delimiter;
            }
        }
        return inQuotes;
    }

    /**
     * Splits a complete record.
     *
     * @throws IllegalArgumentException describing the problem when a quoted field is not closed or is followed
     *                                  by text other than a delimiter
     */
    public List<String> split(String record) {
        List<String> fields = new ArrayList<>();
        if (!quoting) {
            int start = 0;
            for (int i = 0; i < record.length(); i++) {
                if (record.charAt(i) == delimiter) {
                    fields.add(record.substring(start, i));
                    start = i + 1;
                }
            }
            fields.add(record.substring(start));
            return fields;
        }
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == '"') {
                int open = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = record.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && record.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("quoted field opened at character " + (open + 1) + " is not closed");
                }
                if (i < n && record.charAt(i) != delimiter) {
                    throw new IllegalArgumentException("unexpected '" + record.charAt(i) + "' after the closing quote at character " + i);
                }
            } else {
                while (i < n && record.charAt(i) != delimiter) {
                    field.append(record.charAt(i));
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // skip the delimiter; a trailing delimiter yields a final empty field on the next pass
        }
    }
}
