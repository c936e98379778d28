package io.robustrec.cli;

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
        return Datasets.load(data, format, prep, seed);
    }
}
