package io.robustrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The datasets the project knows by name. {@link #builtIn()} holds the real datasets the tutorials use; the same
 * entries are written in {@code datasets/registry.tsv} (a test keeps the two equal). Further registries can be
 * read from a TSV file with the header {@code name file sha256 licence url citation}.
 */
public final class DatasetRegistry {

    /** UCI Online Retail, as the tab-separated gzip mirror. */
    public static final DatasetInfo ONLINE_RETAIL = new DatasetInfo("onlineretail", "onlineretail.tsv.gz",
            "3b6250578363bc513be265798dec61f429806e1b4e7a47888a7ac24bbf201cea",
            "CC BY 4.0 (UCI Machine Learning Repository); CC0 in the CRAN package onlineretail 0.1.2",
            "https://archive.ics.uci.edu/dataset/352/online+retail",
            "Daqing Chen, Sai Liang Sain, Kun Guo (2012). Data mining for the online retail industry: A case study of "
                    + "RFM model-based customer segmentation using data mining. Journal of Database Marketing and "
                    + "Customer Strategy Management 19(3). UCI Machine Learning Repository.");

    /** MovieTweetings 100K snapshot, ratings file. */
    public static final DatasetInfo MOVIETWEETINGS_100K = new DatasetInfo("movietweetings-100k", "ratings.dat.gz",
            "27716de23f9f314919111834ca2cbce51846ae1ef6c1a167882a41d098e791c3",
            "MIT (keep the LICENSE notice with any copy)",
            "https://github.com/sidooms/MovieTweetings/tree/master/snapshots/100K",
            "Simon Dooms, Toon De Pessemier, Luc Martens (2013). MovieTweetings: a movie rating dataset collected "
                    + "from Twitter. Workshop on Crowdsourcing and Human Computation for Recommender Systems "
                    + "(CrowdRec) at RecSys 2013.");

    private static final DatasetRegistry BUILT_IN = new DatasetRegistry(List.of(ONLINE_RETAIL, MOVIETWEETINGS_100K));

    private final Map<String, DatasetInfo> entries = new LinkedHashMap<>();

    /**
     * @param entries the datasets; names must be unique
     */
    public DatasetRegistry(List<DatasetInfo> entries) {
        for (DatasetInfo d : entries) {
            if (this.entries.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("dataset name '" + d.name() + "' registered twice");
            }
        }
    }

    /** The project's real datasets. */
    public static DatasetRegistry builtIn() {
        return BUILT_IN;
    }

    /** All entries in registration order. */
    public List<DatasetInfo> entries() {
        return List.copyOf(entries.values());
    }

    /** The entry with this name. */
    public Optional<DatasetInfo> get(String name) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The entry with this name.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public DatasetInfo require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("dataset '" + name
                + "' is not registered; known datasets: " + entries.keySet()));
    }

    /**
     * Reads a registry TSV: header {@code name file sha256 licence url citation}, one dataset per line,
     * lines starting with {@code #} and blank lines ignored.
     */
    public static DatasetRegistry load(Path tsv) {
        String file = tsv.toString();
        List<DatasetInfo> out = new ArrayList<>();
        try (BufferedReader r = LogFiles.open(tsv)) {
            String header = r.readLine();
            List<String> expected = List.of("name", "file", "sha256", "licence", "url", "citation");
            if (header == null || !List.of(header.split("\t", -1)).equals(expected)) {
                throw new DataFormatException(file, 1, header, "header must be " + String.join("\\t", expected));
            }
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != expected.size()) {
                    throw new DataFormatException(file, lineNo, line, "expected " + expected.size() + " fields, found " + f.length);
                }
                try {
                    out.add(new DatasetInfo(f[0], f[1], f[2], f[3], f[4], f[5]));
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, lineNo, line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw LogFiles.readError(tsv, e);
        }
        return new DatasetRegistry(out);
    }
}
