package io.robustrec.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares command-line runs ({@link RunReport}s) of a baseline trainer and candidate trainers, per backbone and
 * training-noise level, the way the robust-training papers report them: mean ± std over seeds, the candidate chosen on
 * <em>validation</em> NDCG@10 (never on test), its relative gain over the baseline, and a Wilcoxon signed-rank test on
 * the per-user test metric of all paired seeds pooled. Also the time per epoch of every trainer against the baseline.
 */
public final class RunComparison {

    /**
     * One (backbone, noise, metric) cell.
     *
     * @param model        backbone
     * @param trainNoise   training noise
     * @param population   which test cases
     * @param metric       e.g. "NDCG@10"
     * @param chosen       the candidate with the best mean validation NDCG@10
     * @param pairedSeeds  seeds run by both the baseline and the chosen candidate (the means and the test use these)
     * @param baselineMean baseline's mean test metric over the paired seeds
     * @param chosenMean   chosen candidate's mean test metric over the paired seeds
     * @param relativeGain (chosen − baseline) / baseline
     * @param test         Wilcoxon signed-rank test, chosen − baseline, per user, paired seeds pooled
     */
    public record Outcome(String model, double trainNoise, Population population, String metric, String chosen,
                          List<Long> pairedSeeds, double baselineMean, double chosenMean, double relativeGain, PairedTest test) {
    }

    /**
     * The comparison.
     *
     * @param outcomes one per (backbone, noise, metric)
     * @param accuracy the outcomes with every trainer's mean ± std, as a table
     * @param time     seconds per epoch of every trainer and its ratio to the baseline's, per (backbone, noise)
     */
    public record Result(List<Outcome> outcomes, Table accuracy, Table time) {
    }

    private RunComparison() {
    }

    /**
     * Compares the runs.
     *
     * @param reports    the runs; each (backbone, noise, trainer, seed) at most once
     * @param baseline   baseline trainer name (e.g. "erm")
     * @param candidates candidate trainer names (e.g. "rsr-hard", "rsr-soft"); the one with the best mean validation
     *                   NDCG@10 in each (backbone, noise) is compared with the baseline
     * @param metrics    metric names with cutoff, e.g. "NDCG@10", "Recall@10"
     * @param population the test cases compared (all, head or tail existing users, or new users)
     * @throws IllegalArgumentException on the baseline listed among the candidates, a candidate named twice, a duplicate run, a (backbone, noise) without the baseline or without any
     *                                  candidate, or paired runs whose test users differ
     */
    public static Result compare(List<RunReport> reports, String baseline, List<String> candidates, List<String> metrics,
                                 Population population) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(population, "population");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates is empty: name at least one trainer to compare with " + baseline);
        }
        if (candidates.contains(baseline)) {
            throw new IllegalArgumentException("the baseline '" + baseline + "' is also among the candidates " + candidates
                    + ": a trainer cannot be compared with itself; drop it from the candidates");
        }
        if (new HashSet<>(candidates).size() != candidates.size()) {
            throw new IllegalArgumentException("candidates " + candidates + " name a trainer twice");
        }
        // model -> noise -> trainer -> seed -> report
        Map<String, Map<Double, Map<String, Map<Long, RunReport>>>> runs = new LinkedHashMap<>();
        for (RunReport r : reports) {
            RunReport clash = runs.computeIfAbsent(r.model(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.trainNoise(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.trainer(), k -> new LinkedHashMap<>())
                    .put(r.seed(), r);
            if (clash != null) {
                throw new IllegalArgumentException("two runs of " + r.model() + "/" + r.trainer() + " noise " + r.trainNoise()
                        + " seed " + r.seed() + ": " + clash.file() + " and " + r.file());
            }
        }
        List<String> trainers = new ArrayList<>();
        trainers.add(baseline);
        trainers.addAll(candidates);
        Table accuracy = Table.create("Test metrics of " + population.label()
                        + " users, mean ± std over seeds; the candidate is chosen on validation NDCG@10",
                StringColumn.create("backbone"), StringColumn.create("noise"), StringColumn.create("metric"));
        for (String t : trainers) {
            accuracy.addColumns(StringColumn.create(t));
        }
        accuracy.addColumns(StringColumn.create("chosen"), IntColumn.create("paired seeds"),
                DoubleColumn.create("chosen vs " + baseline + " (%)"), DoubleColumn.create("p (Wilcoxon)"));
        Table time = Table.create("Training seconds per epoch (first epoch left out)", StringColumn.create("backbone"),
                StringColumn.create("noise"), StringColumn.create("trainer"), IntColumn.create("runs"),
                DoubleColumn.create("s/epoch"), DoubleColumn.create("x " + baseline));
        List<Outcome> outcomes = new ArrayList<>();
        for (var byModel : runs.entrySet()) {
            for (var byNoise : new TreeSet<>(byModel.getValue().keySet())) {
                Map<String, Map<Long, RunReport>> cell = byModel.getValue().get(byNoise);
                String where = byModel.getKey() + " at noise " + byNoise;
                Map<Long, RunReport> base = cell.get(baseline);
                if (base == null) {
                    throw new IllegalArgumentException(where + " has no " + baseline + " run (trainers: " + cell.keySet() + ")");
                }
                String chosen = chooseOnValidation(cell, candidates, where);
                List<Long> paired = base.keySet().stream().filter(cell.get(chosen)::containsKey).sorted().toList();
                if (paired.isEmpty()) {
                    throw new IllegalArgumentException(where + ": no seed was run by both " + baseline + " " + base.keySet()
                            + " and " + chosen + " " + cell.get(chosen).keySet());
                }
                appendTimes(time, byModel.getKey(), byNoise, cell, trainers, baseline);
                for (String metric : metrics) {
                    String[] nameAndK = metric.split("@");
                    if (nameAndK.length != 2) {
                        throw new IllegalArgumentException("metric=" + metric + " must be NAME@K, e.g. NDCG@10");
                    }
                    Metric m = Metric.parse(nameAndK[0]);
                    int k;
                    try {
                        k = Integer.parseInt(nameAndK[1].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("metric=" + metric + ": the cutoff after @ must be a whole number, e.g. NDCG@10");
                    }
                    double[] b = new double[paired.size()];
                    double[] c = new double[paired.size()];
                    List<double[]> perUserBase = new ArrayList<>();
                    List<double[]> perUserChosen = new ArrayList<>();
                    for (int i = 0; i < paired.size(); i++) {
                        RunReport rb = base.get(paired.get(i));
                        RunReport rc = cell.get(chosen).get(paired.get(i));
                        if (!Arrays.equals(rb.cases(population).users(), rc.cases(population).users())) {
                            throw new IllegalArgumentException("paired runs test different users: " + rb.file() + " and " + rc.file());
                        }
                        if (rb.cases(population).size() == 0) {
                            throw new IllegalArgumentException(where + ": " + rb.file() + " has no " + population.label()
                                    + " test cases (head/tail need users of different history lengths)");
                        }
                        b[i] = rb.metric(m.displayName(), k, population);
                        c[i] = rc.metric(m.displayName(), k, population);
                        perUserBase.add(rb.perUser(m, k, population));
                        perUserChosen.add(rc.perUser(m, k, population));
                    }
                    PairedTest test = PairedTest.wilcoxon(concat(perUserChosen), concat(perUserBase));
                    Outcome o = new Outcome(byModel.getKey(), byNoise, population, m.displayName() + "@" + k, chosen, paired,
                            mean(b), mean(c), (mean(c) - mean(b)) / mean(b), test);
                    outcomes.add(o);
                    accuracy.stringColumn("backbone").append(o.model());
                    accuracy.stringColumn("noise").append(percent(byNoise));
                    accuracy.stringColumn("metric").append(o.metric());
                    for (String t : trainers) {
                        Map<Long, RunReport> runsOfT = cell.get(t);
                        accuracy.stringColumn(t).append(runsOfT == null ? "-"
                                : meanStd(runsOfT.values().stream().mapToDouble(r -> r.metric(m.displayName(), k, population)).toArray()));
                    }
                    accuracy.stringColumn("chosen").append(chosen);
                    accuracy.intColumn("paired seeds").append(paired.size());
                    accuracy.doubleColumn("chosen vs " + baseline + " (%)").append(100 * o.relativeGain());
                    accuracy.doubleColumn("p (Wilcoxon)").append(test.pValue());
                }
            }
        }
        // printed rounded; the values in the columns keep full precision
        accuracy.doubleColumn("chosen vs " + baseline + " (%)").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        accuracy.doubleColumn("p (Wilcoxon)").setPrintFormatter(new NumberColumnFormatter(new DecimalFormat("0.0000",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        time.doubleColumn("s/epoch").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        time.doubleColumn("x " + baseline).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return new Result(List.copyOf(outcomes), accuracy, time);
    }

    /** The candidate with the best mean validation NDCG@10: the test items play no part in the choice. */
    private static String chooseOnValidation(Map<String, Map<Long, RunReport>> cell, List<String> candidates, String where) {
        return candidates.stream().filter(cell::containsKey)
                .max(Comparator.comparingDouble(c -> mean(cell.get(c).values().stream()
                        .mapToDouble(RunReport::validationNdcg10).toArray())))
                .orElseThrow(() -> new IllegalArgumentException(where + " has none of the candidates " + candidates
                        + " (trainers: " + cell.keySet() + ")"));
    }

    /** One row per trainer of the cell: mean seconds per epoch over its runs and the ratio to the baseline's. */
    private static void appendTimes(Table time, String model, double noise, Map<String, Map<Long, RunReport>> cell,
                                    List<String> trainers, String baseline) {
        double baseSeconds = meanSeconds(cell.get(baseline));
        for (String t : trainers) {
            if (cell.containsKey(t)) {
                double s = meanSeconds(cell.get(t));
                time.stringColumn("backbone").append(model);
                time.stringColumn("noise").append(percent(noise));
                time.stringColumn("trainer").append(t);
                time.intColumn("runs").append(cell.get(t).size());
                time.doubleColumn("s/epoch").append(s);
                time.doubleColumn("x " + baseline).append(s / baseSeconds);
            }
        }
    }

    private static double meanSeconds(Map<Long, RunReport> runs) {
        return mean(runs.values().stream().mapToDouble(RunReport::secondsPerEpoch).toArray());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String meanStd(double[] v) {
        return String.format(Locale.ROOT, "%.4f ± %.4f (%d)", mean(v), std(v), v.length);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1); 0 for a single value. */
    private static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
