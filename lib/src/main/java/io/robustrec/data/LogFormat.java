package io.robustrec.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The interaction-log file formats the library reads. */
public enum LogFormat {
    /** Comma-separated with a header row and RFC 4180 quoting; columns chosen by a {@link ColumnMapping}. */
    CSV,
    /** Tab-separated with a header row (no quoting: tabs cannot occur inside fields). */
    TSV,
    /** MovieLens / MovieTweetings {@code ratings.dat}: {@code user::item::rating::unix_seconds}. */
    MOVIELENS,
    /** SASRec pair file: {@code user item} per line; line order is time order. */
    SASREC,
    /** Sequence file: {@code user i1 i2 ...} per line; the position is the time. */
    SEQ,
    /** RecBole atomic {@code .inter} file: tab separated, typed header such as {@code user_id:token}. */
    INTER;

    /**
     * Parses a format name, case-insensitively ("csv", "MovieLens", ...).
     *
     * @throws IllegalArgumentException naming the bad value and the known formats
     */
    public static LogFormat parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (LogFormat f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("format='" + name + "' is not one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** A loader for this format with the default {@link ColumnMapping} (used only by CSV and TSV). */
    public LogLoader loader() {
        return loader(ColumnMapping.defaults());
    }

    /**
     * A loader for this format.
     *
     * @param mapping column names for CSV and TSV; ignored by the other formats, whose layout is fixed
     */
    public LogLoader loader(ColumnMapping mapping) {
        return switch (this) {
            case CSV -> DelimitedLogLoader.csv(mapping);
            case TSV -> DelimitedLogLoader.tsv(mapping);
            case MOVIELENS -> new MovieLensLoader();
            case SASREC -> new SasRecPairLoader();
            case SEQ -> new SequenceFileLoader();
            case INTER -> new AtomicInterLoader();
        };
    }
}
