package io.robustrec.data;

import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry point from "what the user typed" to a prepared dataset: a registered dataset name
 * ({@code onlineretail}, {@code movietweetings-100k}), {@code synthetic}, or a file path with a format.
 */
public final class Datasets {

    /** Names understood besides file paths. */
    public static final List<String> NAMES = List.of("synthetic", "onlineretail", "movietweetings-100k");

    private Datasets() {
    }

    /**
     * Loads and prepares a dataset.
     *
     * @param nameOrPath a name from {@link #NAMES} or a path to an interaction file
     * @param format     file format for paths (csv, tsv, movielens, sasrec, seq, inter); ignored for names
     * @param prep       preparation settings (the name inside is replaced by the dataset's)
     * @param seed       seed for the synthetic world
     */
    public static PreparedData load(String nameOrPath, String format, PrepConfig prep, long seed) {
        return load(nameOrPath, format, ColumnMapping.defaults(), prep, seed);
    }

    /**
     * As {@link #load(String, String, PrepConfig, long)}, with the column names of a CSV/TSV file.
     */
    public static PreparedData load(String nameOrPath, String format, ColumnMapping columns, PrepConfig prep, long seed) {
        String key = nameOrPath.toLowerCase(Locale.ROOT);
        switch (key) {
            case "synthetic":
                SyntheticWorld world = SyntheticWorld.generate(WorldConfig.defaults().toBuilder().seed(seed).build());
                return Preparation.prepare(world.log(), prep.withName("synthetic"));
            case "onlineretail":
                return OnlineRetail.prepare(require("onlineretail"), prep.withName("onlineretail"));
            case "movietweetings":
            case "movietweetings-100k":
                return MovieTweetings.prepare(require("movietweetings-100k"), prep.withName("movietweetings-100k"));
            default:
                Path path = Path.of(nameOrPath);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("data=" + nameOrPath + ": no such file, and not one of " + NAMES);
                }
                if (format == null || format.isBlank()) {
                    throw new IllegalArgumentException("data=" + nameOrPath + " is a file: give its format (--format "
                            + "csv|tsv|movielens|sasrec|seq|inter)");
                }
                LogFormat f = LogFormat.parse(format);
                InteractionLog log = (f == LogFormat.CSV || f == LogFormat.TSV ? f.loader(columns) : f.loader()).load(path);
                String name = path.getFileName().toString().replaceAll("\\.(gz|csv|tsv|dat|txt|inter)$", "");
                return Preparation.prepare(log, prep.withName(name));
        }
    }

    /**
     * Finds a registered dataset in the data directory, or explains where it was looked for.
     */
    public static Path require(String name) {
        DatasetInfo info = DatasetRegistry.builtIn().require(name);
        Optional<DataDirectory> dir = DataDirectory.fromEnvironment();
        if (dir.isEmpty()) {
            throw new IllegalStateException("dataset " + name + " needs a data directory: set " + DataDirectory.ENV
                    + " (or -D" + DataDirectory.PROPERTY + ") to a folder holding " + name + "/" + info.file());
        }
        return dir.get().find(info).orElseThrow(() -> new IllegalStateException(dir.get().missingMessage(info)));
    }

    /** Whether a registered dataset is available without downloading. */
    public static boolean available(String name) {
        return DataDirectory.locate(name).isPresent();
    }
}
