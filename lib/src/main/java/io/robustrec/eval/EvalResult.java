package io.robustrec.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The per-case outcome of one evaluation: for every case its user index, target, the target's rank and the
 * number of candidates it was ranked among. Every metric, subset and grouping is computed from these on demand,
 * so any grouping (head/tail users, popular/rare targets, shift scenario) or paired test is one call away.
 *
 * <p>Metric names are "HR", "NDCG", "MRR" and "Recall" (case-insensitive); see {@link Metric} for the formulas.
 * Recall@K equals HR@K because every case has exactly one target. A mean over zero cases is NaN.
 * Immutable: the arrays are copied in and out.
 */
public final class EvalResult {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final Protocol protocol;
    private final int[] cutoffs;
    private final int[] userIndices;
    private final int[] targets;
    private final int[] ranks;
    private final int[] candidateCounts;

    private EvalResult(String model, Protocol protocol, int[] cutoffs, int[] userIndices, int[] targets,
                       int[] ranks, int[] candidateCounts) {
        this.model = model;
        this.protocol = protocol;
        this.cutoffs = cutoffs;
        this.userIndices = userIndices;
        this.targets = targets;
        this.ranks = ranks;
        this.candidateCounts = candidateCounts;
    }

    /**
     * Builds a result from per-case arrays (copied).
     *
     * @param model           display name of the evaluated model
     * @param protocol        the protocol the ranks come from
     * @param cutoffs         K values used by {@link #toTable()} and {@link #toMap()}, strictly increasing, >= 1
     * @param userIndices     user index of each case
     * @param targets         target item of each case
     * @param ranks           1-based rank of each case's target
     * @param candidateCounts number of candidates of each case, target included (so {@code rank <= count})
     */
    public static EvalResult of(String model, Protocol protocol, int[] cutoffs, int[] userIndices, int[] targets,
                                int[] ranks, int[] candidateCounts) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(protocol, "protocol");
        int[] ks = new EvalConfig(protocol, cutoffs, 1, 0L).cutoffs(); // reuse its validation
        int n = ranks.length;
        if (userIndices.length != n || targets.length != n || candidateCounts.length != n) {
            throw new IllegalArgumentException("per-case arrays differ in length: userIndices=" + userIndices.length
                    + ", targets=" + targets.length + ", ranks=" + n + ", candidateCounts=" + candidateCounts.length);
        }
        for (int i = 0; i < n; i++) {
            if (ranks[i] < 1 || ranks[i] > candidateCounts[i]) {
                throw new IllegalArgumentException("case " + i + ": rank=" + ranks[i] + " outside 1.."
                        + candidateCounts[i] + " (candidateCounts)");
            }
        }
        return new EvalResult(model, protocol, ks, userIndices.clone(), targets.clone(), ranks.clone(),
                candidateCounts.clone());
    }

    /** Display name of the evaluated model. */
    public String model() {
        return model;
    }

    /** The protocol the ranks come from. */
    public Protocol protocol() {
        return protocol;
    }

    /** The reported cutoffs. */
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    /** Number of cases. */
    public int size() {
        return ranks.length;
    }

    /** Rank of every case's target (1 = best). */
    public int[] ranks() {
        return ranks.clone();
    }

    /** User index of every case. */
    public int[] userIndices() {
        return userIndices.clone();
    }

    /** Target item of every case. */
    public int[] targets() {
        return targets.clone();
    }

    /** Number of candidates of every case, target included. */
    public int[] candidateCounts() {
        return candidateCounts.clone();
    }

    /** A copy under another model name (for example to tell seeds or variants apart in a comparison). */
    public EvalResult renamed(String newModel) {
        return new EvalResult(Objects.requireNonNull(newModel, "newModel"), protocol, cutoffs, userIndices, targets,
                ranks, candidateCounts);
    }

    /**
     * Mean of a metric over the cases; NaN when there are none.
     *
     * @param name "HR", "NDCG", "MRR" or "Recall" (any case)
     * @param k    cutoff, any value >= 1 (not only the configured cutoffs)
     */
    public double metric(String name, int k) {
        return metric(Metric.parse(name), k);
    }

    /** Mean of a metric over the cases; NaN when there are none. */
    public double metric(Metric metric, int k) {
        Objects.requireNonNull(metric, "metric");
        Metric.checkCutoff(k);
        if (ranks.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int r : ranks) {
            sum += metric.value(r, k);
        }
        return sum / ranks.length;
    }

    /**
     * The metric value of every case, in case order (one case per user in the usual leave-one-out split,
     * hence the name); the input of paired tests.
     */
    public double[] perUser(String name, int k) {
        return perUser(Metric.parse(name), k);
    }

    /** The metric value of every case, in case order. */
    public double[] perUser(Metric metric, int k) {
        Objects.requireNonNull(metric, "metric");
        Metric.checkCutoff(k);
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = metric.value(ranks[i], k);
        }
        return out;
    }

    /** The cases whose index (0-based, in case order) satisfies the predicate, in their original order. */
    public EvalResult subset(IntPredicate keepCase) {
        Objects.requireNonNull(keepCase, "keepCase");
        int[] keep = new int[ranks.length];
        int m = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (keepCase.test(i)) {
                keep[m++] = i;
            }
        }
        return select(Arrays.copyOf(keep, m));
    }

    private EvalResult select(int[] idx) {
        int[] u = new int[idx.length];
        int[] t = new int[idx.length];
        int[] r = new int[idx.length];
        int[] c = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            u[j] = userIndices[idx[j]];
            t[j] = targets[idx[j]];
            r[j] = ranks[idx[j]];
            c[j] = candidateCounts[idx[j]];
        }
        return new EvalResult(model, protocol, cutoffs, u, t, r, c);
    }

    /**
     * Splits the cases into groups: every case goes to exactly one group, so the groups are disjoint and
     * together exhaustive. Groups come back in the order of {@code groupNames}; an empty group is kept
     * (with NaN metrics) rather than dropped.
     *
     * @param groupOfCase for each case, the index of its group in {@code groupNames}
     * @param groupNames  distinct group names
     */
    public Map<String, EvalResult> groupBy(int[] groupOfCase, String[] groupNames) {
        return groupBy(new Grouping("groups", groupNames, groupOfCase));
    }

    /** Splits the cases by a {@link Grouping} built for these cases. */
    public Map<String, EvalResult> groupBy(Grouping grouping) {
        Objects.requireNonNull(grouping, "grouping");
        if (grouping.size() != ranks.length) {
            throw new IllegalArgumentException("grouping '" + grouping.name() + "' labels " + grouping.size()
                    + " cases but this result has " + ranks.length);
        }
        String[] names = grouping.groupNames();
        int[] of = grouping.groupOfCase();
        int[] counts = new int[names.length];
        for (int g : of) {
            counts[g]++;
        }
        int[][] members = new int[names.length][];
        for (int g = 0; g < names.length; g++) {
            members[g] = new int[counts[g]];
        }
        int[] fill = new int[names.length];
        for (int i = 0; i < of.length; i++) {
            members[of[i]][fill[of[i]]++] = i;
        }
        Map<String, EvalResult> out = new LinkedHashMap<>();
        for (int g = 0; g < names.length; g++) {
            out.put(names[g], select(members[g]));
        }
        return out;
    }

    /**
     * The configured metrics as a table: one row per metric (HR, NDCG, MRR, Recall), one column per cutoff
     * named "@K". The table is named after the model and protocol.
     */
    public Table toTable() {
        StringColumn metricCol = StringColumn.create("metric");
        DoubleColumn[] cols = new DoubleColumn[cutoffs.length];
        for (int j = 0; j < cutoffs.length; j++) {
            cols[j] = DoubleColumn.create("@" + cutoffs[j]);
        }
        for (Metric m : Metric.values()) {
            metricCol.append(m.displayName());
            for (int j = 0; j < cutoffs.length; j++) {
                cols[j].append(metric(m, cutoffs[j]));
            }
        }
        Table t = Table.create(model + " (" + protocol + ", n=" + ranks.length + ")", metricCol);
        t.addColumns(cols);
        return t;
    }

    /**
     * The configured metrics as an ordered map: keys "HR@5", "NDCG@5", ... (metrics in {@link Metric} order
     * within each cutoff) with Double values, then "count" (number of cases, Integer).
     */
    public Map<String, Number> toMap() {
        Map<String, Number> out = new LinkedHashMap<>();
        for (int k : cutoffs) {
            for (Metric m : Metric.values()) {
                out.put(m.displayName() + "@" + k, metric(m, k));
            }
        }
        out.put("count", ranks.length);
        return out;
    }

    /**
     * {@link #toMap()} as a JSON object. Strict JSON has no NaN, so the metrics of an empty result are
     * written as null.
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Number> e : toMap().entrySet()) {
            Number v = e.getValue();
            m.put(e.getKey(), v instanceof Double d && d.isNaN() ? null : v);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write evaluation result of " + model + " as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "EvalResult[" + model + ", " + protocol + ", n=" + ranks.length + ", " + toMap() + "]";
    }
}
