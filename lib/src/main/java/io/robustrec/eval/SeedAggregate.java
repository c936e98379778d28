package io.robustrec.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The same experiment repeated with several seeds, summarised per metric@K as mean &plusmn; standard
 * deviation across seeds. The standard deviation is the sample one (divisor seeds - 1), NaN for a single seed.
 * Each seed's result is first reduced to its mean over cases; the seeds may have different cases.
 */
public final class SeedAggregate {

    private final String model;
    private final int[] cutoffs;
    private final List<EvalResult> perSeed;

    private SeedAggregate(String model, int[] cutoffs, List<EvalResult> perSeed) {
        this.model = model;
        this.cutoffs = cutoffs;
        this.perSeed = perSeed;
    }

    /**
     * Aggregates one result per seed.
     *
     * @param perSeed at least one result, all with the same protocol and cutoffs
     */
    public static SeedAggregate of(List<EvalResult> perSeed) {
        Objects.requireNonNull(perSeed, "perSeed");
        if (perSeed.isEmpty()) {
            throw new IllegalArgumentException("perSeed is empty: need at least one result");
        }
        EvalResult first = Objects.requireNonNull(perSeed.get(0), "perSeed[0]");
        for (int i = 1; i < perSeed.size(); i++) {
            EvalResult r = Objects.requireNonNull(perSeed.get(i), "perSeed[" + i + "]");
            if (r.protocol() != first.protocol() || !Arrays.equals(r.cutoffs(), first.cutoffs())) {
                throw new IllegalArgumentException("perSeed[" + i + "] has protocol " + r.protocol() + " and cutoffs "
                        + Arrays.toString(r.cutoffs()) + " but perSeed[0] has " + first.protocol() + " and "
                        + Arrays.toString(first.cutoffs()));
            }
        }
        return new SeedAggregate(first.model(), first.cutoffs(), List.copyOf(perSeed));
    }

    /** Number of seeds. */
    public int seeds() {
        return perSeed.size();
    }

    /** The per-seed means of a metric, in seed order. */
    public double[] values(String metric, int k) {
        Metric m = Metric.parse(metric);
        double[] v = new double[perSeed.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = perSeed.get(i).metric(m, k);
        }
        return v;
    }

    /** Mean across seeds. */
    public double mean(String metric, int k) {
        double[] v = values(metric, k);
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation across seeds; NaN for one seed. */
    public double std(String metric, int k) {
        double[] v = values(metric, k);
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = mean(metric, k);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** "mean ± std" with four decimals, for example "0.1234 ± 0.0056". */
    public String format(String metric, int k) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean(metric, k), std(metric, k));
    }

    /** One row per metric x K with columns metric, K, mean, std, seeds, "mean ± std". */
    public Table toTable() {
        StringColumn metric = StringColumn.create("metric");
        IntColumn k = IntColumn.create("K");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn text = StringColumn.create("mean ± std");
        for (int kk : cutoffs) {
            for (Metric m : Metric.values()) {
                String name = m.displayName();
                metric.append(name);
                k.append(kk);
                mean.append(mean(name, kk));
                std.append(std(name, kk));
                seeds.append(perSeed.size());
                text.append(format(name, kk));
            }
        }
        return Table.create(model + " over " + perSeed.size() + " seeds", metric, k, mean, std, seeds, text);
    }
}
