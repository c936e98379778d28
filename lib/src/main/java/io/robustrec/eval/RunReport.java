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
 * @param trainer          trainer name ("erm", "rsr-soft", ...)
 * @param seed             the run's seed
 * @param trainNoise       share of training items replaced by random ones (0 for none)
 * @param validationNdcg10 best validation NDCG@10 (what model selection may look at)
 * @param epochSeconds     training seconds of every epoch, in order (empty for baselines)
 * @param test             test metrics by name ("NDCG@10", "Recall@10", ...)
 * @param users            per test case, the user index (empty when the run was made without {@code --per-user})
 * @param ranks            per test case, the 1-based rank of the target (same length as {@code users})
 */
public record RunReport(Path file, String model, String trainer, long seed, double trainNoise, double validationNdcg10,
                        double[] epochSeconds, Map<String, Double> test, int[] users, int[] ranks) {

    public RunReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trainer, "trainer");
        epochSeconds = epochSeconds.clone();
        test = Map.copyOf(test);
        users = users.clone();
        ranks = ranks.clone();
        if (users.length != ranks.length) {
            throw new IllegalArgumentException(file + ": " + users.length + " per-user users but " + ranks.length + " ranks");
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
        String trainer = config.has("trainer") ? config.get("trainer").asText() : "none";
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
        int[] users = new int[0];
        int[] ranks = new int[0];
        if (root.has("test_per_user")) {
            JsonNode pu = root.get("test_per_user");
            users = ints(required(file, pu, "user"));
            ranks = ints(required(file, pu, "rank"));
        }
        return new RunReport(file, required(file, config, "model").asText(), trainer,
                required(file, config, "seed").asLong(),
                config.has("train_noise") ? config.get("train_noise").asDouble() : 0.0,
                required(file, root, "validation_ndcg10").asDouble(), seconds, test, users, ranks);
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

    /** The metric of every test case, in case order: the input of paired tests between runs. */
    public double[] perUser(Metric metric, int k) {
        if (ranks.length == 0) {
            throw new IllegalStateException(file + " has no per-user ranks: train with --per-user");
        }
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

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
