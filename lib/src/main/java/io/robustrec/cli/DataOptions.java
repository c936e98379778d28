package io.robustrec.cli;

import io.robustrec.data.ColumnMapping;
import io.robustrec.data.Datasets;
import io.robustrec.data.DedupPolicy;
import io.robustrec.data.PrepConfig;
import io.robustrec.data.PreparedData;
import picocli.CommandLine.Option;

import java.util.Locale;

/** Options naming a dataset and how to prepare it, shared by the subcommands. */
final class DataOptions {

    @Option(names = "--data", required = true,
            description = "synthetic | onlineretail | movietweetings-100k | path to an interaction file")
    String data;

    @Option(names = "--format", description = "file format for a path: csv, tsv, movielens, sasrec, seq, inter")
    String format;

    @Option(names = "--columns", defaultValue = "user,item,timestamp",
            description = "csv/tsv column names: user,item,timestamp[,rating] (default ${DEFAULT-VALUE})")
    String columns;

    @Option(names = "--data-dir", description = "folder holding the registered datasets (default: $ROBUSTREC_DATA)")
    String dataDir;

    @Option(names = "--min-count", defaultValue = "5", description = "k of the iterative k-core on users and items (default ${DEFAULT-VALUE})")
    int minCount;

    @Option(names = "--dedup", defaultValue = "first", description = "repeated user-item pairs: all, first, last (default ${DEFAULT-VALUE})")
    String dedup;

    @Option(names = "--rating-threshold", description = "keep events with rating >= this value")
    Double ratingThreshold;

    PreparedData load(long seed) {
        if (dataDir != null) {
            System.setProperty(io.robustrec.data.DataDirectory.PROPERTY, dataDir);
        }
        DedupPolicy policy;
        switch (dedup.toLowerCase(Locale.ROOT)) {
            case "all": policy = DedupPolicy.KEEP_ALL; break;
            case "first": policy = DedupPolicy.KEEP_FIRST; break;
            case "last": policy = DedupPolicy.KEEP_LAST; break;
            default: throw new IllegalArgumentException("--dedup=" + dedup + " is not one of all, first, last");
        }
        PrepConfig prep = PrepConfig.defaults(data).withDedup(policy).withMinCounts(minCount, minCount);
        if (ratingThreshold != null) {
            prep = prep.withRatingThreshold(ratingThreshold);
        }
        String[] c = columns.split(",");
        if (c.length < 3 || c.length > 4) {
            throw new IllegalArgumentException("--columns=" + columns + " must name user,item,timestamp[,rating]");
        }
        ColumnMapping mapping = new ColumnMapping(c[0].trim(), c[1].trim(), c[2].trim(), c.length == 4 ? c[3].trim() : null);
        return Datasets.load(data, format, mapping, prep, seed);
    }
}
