package io.robustrec.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@code robustrec train --json} report read back, so that runs made from the command line (several seeds,
 * trainers, noise levels) can be compared in a notebook or with {@code robustrec compare}.
 *
 * @param file             where it was read from
 * @param model            backbone or baseline name
 * @param trainer          the run's tag ({@code train --tag}), else its trainer name ("erm", "rsr-soft", ...)
 * @param seed             the run's seed
 * @param trainNoise       share of training items replaced by random ones (0 for none)
 * @param validationNdcg10 best validation NDCG@10 (what model selection may look at)
 * @param epochSeconds     training seconds of every epoch, in order (empty for baselines)
 * @param test             test metrics of the existing users by name ("NDCG@10", "Recall@10", ...)
 * @param existing         the existing users' test cases (empty when the run was made without {@code --per-user})
 * @param newUsers         the new users' test cases ({@code --split existing-new} with {@code --per-user}), else empty
 */
public record RunReport(Path file, String model, String trainer, long seed, double trainNoise, double validationNdcg10,
                        double[] epochSeconds, Map<String, Double> test, Cases existing, Cases newUsers) {

    public RunReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(newUsers, "newUsers");
        epochSeconds = epochSeconds.clone();
        test = Map.copyOf(test);
    }

    /**
     * Per-user test cases, in case order.
     *
     * @param users          user index of each case
     * @param ranks          1-based rank of each case's target
     * @param historyLengths history length of each case (what head and tail are cut by)
     */
    public record Cases(int[] users, int[] ranks, int[] historyLengths) {
        /** No per-user cases. */
        public static final Cases NONE = new Cases(new int[0], new int[0], new int[0]);

        public Cases {
            users = users.clone();
            ranks = ranks.clone();
            historyLengths = historyLengths.clone();
            if (users.length != ranks.length || users.length != historyLengths.length) {
                throw new IllegalArgumentException("per-user arrays differ in length: users=" + users.length + ", ranks="
                        + ranks.length + ", historyLengths=" + historyLengths.length);
            }
        }

        /** Number of cases. */
        public int size() {
            return ranks.length;
        }

        /** The cases whose index satisfies the predicate, in order. */
        Cases subset(java.util.function.IntPredicate keep) {
            int[] idx = java.util.stream.IntStream.range(0, ranks.length).filter(keep).toArray();
            int[] u = new int[idx.length];
            int[] r = new int[idx.length];
            int[] h = new int[idx.length];
            for (int j = 0; j < idx.length; j++) {
                u[j] = users[idx[j]];
                r[j] = ranks[idx[j]];
                h[j] = historyLengths[idx[j]];
            }
            return new Cases(u, r, h);
        }
    }

    /**
     * Reads one report.
     *
     * @throws IllegalArgumentException naming the file and the missing or malformed field
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static RunReport read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a readable JSON report (" + e.getMessage() + ")", e);
        }
        JsonNode config = required(file, root, "config");
        // a tagged run (train --tag) is compared under its tag, so variants of one trainer stay apart
        String trainer = config.has("tag") ? config.get("tag").asText()
                : config.has("trainer") ? config.get("trainer").asText() : "none";
        Map<String, Double> test = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = required(file, root, "test").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            test.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
        }
        double[] seconds = new double[0];
        if (root.has("epochs")) {
            JsonNode epochs = root.get("epochs");
            seconds = new double[epochs.size()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = required(file, epochs.get(i), "seconds").asDouble();
            }
        }
        return new RunReport(file, required(file, config, "model").asText(), trainer,
                required(file, config, "seed").asLong(),
                config.has("train_noise") ? config.get("train_noise").asDouble() : 0.0,
                required(file, root, "validation_ndcg10").asDouble(), seconds, test,
                cases(file, root, "test_per_user"), cases(file, root, "test_new_users_per_user"));
    }

    /**
     * Reads every {@code *.json} file of a folder (not its subfolders), in file-name order.
     *
     * @throws IllegalArgumentException when the folder is missing or holds no report
     */
    public static List<RunReport> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("runs folder " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("runs folder " + dir + " holds no *.json report");
        }
        List<RunReport> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f));
        }
        return List.copyOf(out);
    }

    /** A test metric by name and cutoff, e.g. ("NDCG", 10). */
    public double metric(String name, int k) {
        String key = Metric.parse(name).displayName() + "@" + k;
        Double v = test.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": the test metrics hold no " + key + " (have " + test.keySet() + ")");
        }
        return v;
    }

    /** A metric's mean over a population's test cases (from the per-user ranks). */
    public double metric(String name, int k, Population population) {
        if (population == Population.ALL && test.containsKey(Metric.parse(name).displayName() + "@" + k)) {
            return metric(name, k);
        }
        return java.util.Arrays.stream(perUser(Metric.parse(name), k, population)).average().orElse(Double.NaN);
    }

    /**
     * A population's test cases.
     *
     * @throws IllegalStateException when the report has no per-user ranks for it (trained without {@code --per-user},
     *                               or without {@code --split existing-new} for new users)
     */
    public Cases cases(Population population) {
        Cases from = population == Population.NEW ? newUsers : existing;
        if (from.size() == 0) {
            throw new IllegalStateException(file + " has no per-user ranks of " + (population == Population.NEW
                    ? "new users: train with --split existing-new --per-user" : "the test users: train with --per-user"));
        }
        if (population == Population.HEAD || population == Population.TAIL) {
            int want = population == Population.HEAD ? UserGroups.HEAD : UserGroups.TAIL;
            int[] group = UserGroups.headTail(from.historyLengths()).groupOfCase();
            return from.subset(i -> group[i] == want);
        }
        return from;
    }

    /** The metric of every test case of the existing users, in case order: the input of paired tests between runs. */
    public double[] perUser(Metric metric, int k) {
        return perUser(metric, k, Population.ALL);
    }

    /** The metric of every case of a population, in case order. */
    public double[] perUser(Metric metric, int k, Population population) {
        int[] ranks = cases(population).ranks();
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = metric.value(ranks[i], k);
        }
        return out;
    }

    /**
     * Mean training seconds per epoch, leaving out the first epoch (graph building and JIT warm-up) when there is a
     * second one; NaN for a baseline.
     */
    public double secondsPerEpoch() {
        if (epochSeconds.length == 0) {
            return Double.NaN;
        }
        int from = epochSeconds.length >= 2 ? 1 : 0;
        double sum = 0;
        for (int i = from; i < epochSeconds.length; i++) {
            sum += epochSeconds[i];
        }
        return sum / (epochSeconds.length - from);
    }

    private static JsonNode required(Path file, JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(file + ": the report has no field '" + field + "'");
        }
        return v;
    }

    private static Cases cases(Path file, JsonNode root, String field) {
        if (!root.has(field)) {
            return Cases.NONE;
        }
        JsonNode pu = root.get(field);
        int[] ranks = ints(required(file, pu, "rank"));
        return new Cases(ints(required(file, pu, "user")), ranks, ints(required(file, pu, "history_length")));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
