package io.robustrec.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several models' results on the same cases, side by side, overall and per group.
 *
 * <pre>{@code
 * Table t = Comparison.of(Map.of("MostPopular", pop, "SASRec", sasrec))
 *         .by(UserGroups.headTail(UserGroups.historyLengths(testCases)))
 *         .table();
 * }</pre>
 * Immutable; {@link #by(Grouping)} returns a new comparison.
 */
public final class Comparison {

    /** Value of the "grouping" and "group" columns for the rows over all cases. */
    public static final String ALL = "all";

    private final Map<String, EvalResult> results;
    private final List<Grouping> groupings;

    private Comparison(Map<String, EvalResult> results, List<Grouping> groupings) {
        this.results = results;
        this.groupings = groupings;
    }

    /**
     * Compares results evaluated on the same cases (same users and targets in the same order).
     *
     * @param resultsByModel model label to result, in the order the rows should appear
     * @throws IllegalArgumentException when empty or when two results do not hold the same cases
     */
    public static Comparison of(Map<String, EvalResult> resultsByModel) {
        Objects.requireNonNull(resultsByModel, "resultsByModel");
        if (resultsByModel.isEmpty()) {
            throw new IllegalArgumentException("resultsByModel is empty: nothing to compare");
        }
        Map<String, EvalResult> copy = new LinkedHashMap<>(resultsByModel);
        EvalResult first = null;
        String firstName = null;
        for (Map.Entry<String, EvalResult> e : copy.entrySet()) {
            EvalResult r = Objects.requireNonNull(e.getValue(), "result of " + e.getKey());
            if (first == null) {
                first = r;
                firstName = e.getKey();
            } else {
                requireSameCases(firstName, first, e.getKey(), r);
            }
        }
        return new Comparison(copy, List.of());
    }

    /** Compares results given as a list, labelled by {@link EvalResult#model()} (which must be distinct). */
    public static Comparison of(List<EvalResult> results) {
        Map<String, EvalResult> m = new LinkedHashMap<>();
        for (EvalResult r : results) {
            if (m.put(r.model(), r) != null) {
                throw new IllegalArgumentException("two results are both named '" + r.model()
                        + "': use of(Map) or EvalResult.renamed to tell them apart");
            }
        }
        return of(m);
    }

    static void requireSameCases(String nameA, EvalResult a, String nameB, EvalResult b) {
        if (!Arrays.equals(a.userIndices(), b.userIndices()) || !Arrays.equals(a.targets(), b.targets())) {
            throw new IllegalArgumentException("results '" + nameA + "' (" + a.size() + " cases) and '" + nameB
                    + "' (" + b.size() + " cases) are not on the same cases (users and targets in the same order)");
        }
    }

    /** A comparison that additionally reports every group of {@code grouping} (built for these cases). */
    public Comparison by(Grouping grouping) {
        Objects.requireNonNull(grouping, "grouping");
        int size = results.values().iterator().next().size();
        if (grouping.size() != size) {
            throw new IllegalArgumentException("grouping '" + grouping.name() + "' labels " + grouping.size()
                    + " cases but the compared results have " + size);
        }
        List<Grouping> g = new ArrayList<>(groupings);
        g.add(grouping);
        return new Comparison(results, List.copyOf(g));
    }

    /** The compared results, in row order. */
    public Map<String, EvalResult> results() {
        return new LinkedHashMap<>(results);
    }

    /**
     * Long format: one row per model x (grouping, group) x metric x K, with columns
     * model, grouping, group, metric, K, value, count. Rows over all cases have grouping = group = "all".
     * Handy for filtering and plotting.
     */
    public Table table() {
        StringColumn model = StringColumn.create("model");
        StringColumn grouping = StringColumn.create("grouping");
        StringColumn group = StringColumn.create("group");
        StringColumn metric = StringColumn.create("metric");
        IntColumn k = IntColumn.create("K");
        DoubleColumn value = DoubleColumn.create("value");
        IntColumn count = IntColumn.create("count");
        for (Map.Entry<String, EvalResult> e : results.entrySet()) {
            for (Cell cell : cells(e.getValue())) {
                for (int kk : cell.result.cutoffs()) {
                    for (Metric m : Metric.values()) {
                        model.append(e.getKey());
                        grouping.append(cell.grouping);
                        group.append(cell.group);
                        metric.append(m.displayName());
                        k.append(kk);
                        value.append(cell.result.metric(m, kk));
                        count.append(cell.result.size());
                    }
                }
            }
        }
        return Table.create("comparison", model, grouping, group, metric, k, value, count);
    }

    /**
     * Wide format for reading: one row per model x (grouping, group), columns model, grouping, group, count,
     * then one column per metric@K (for example "NDCG@10").
     */
    public Table wideTable() {
        StringColumn model = StringColumn.create("model");
        StringColumn grouping = StringColumn.create("grouping");
        StringColumn group = StringColumn.create("group");
        IntColumn count = IntColumn.create("count");
        Map<String, DoubleColumn> metricCols = new LinkedHashMap<>();
        for (Map.Entry<String, EvalResult> e : results.entrySet()) {
            for (Cell cell : cells(e.getValue())) {
                model.append(e.getKey());
                grouping.append(cell.grouping);
                group.append(cell.group);
                count.append(cell.result.size());
                for (Map.Entry<String, Number> kv : cell.result.toMap().entrySet()) {
                    if (!kv.getKey().equals("count")) {
                        metricCols.computeIfAbsent(kv.getKey(), DoubleColumn::create)
                                .append(kv.getValue().doubleValue());
                    }
                }
            }
        }
        Table t = Table.create("comparison", model, grouping, group, count);
        for (DoubleColumn c : metricCols.values()) {
            if (c.size() != model.size()) {
                throw new IllegalStateException("results report different cutoffs; column " + c.name()
                        + " would be ragged: use table() instead");
            }
            t.addColumns(c);
        }
        return t;
    }

    private record Cell(String grouping, String group, EvalResult result) {
    }

    private List<Cell> cells(EvalResult r) {
        List<Cell> out = new ArrayList<>();
        out.add(new Cell(ALL, ALL, r));
        for (Grouping g : groupings) {
            for (Map.Entry<String, EvalResult> e : r.groupBy(g).entrySet()) {
                out.add(new Cell(g.name(), e.getKey(), e.getValue()));
            }
        }
        return out;
    }
}
