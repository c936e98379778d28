package io.robustrec.notebook;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts for the tutorial's recurring plots: training curves, histograms (optionally log-scaled),
 * log-log scatter plots for long-tailed distributions, and grouped bars with error bars.
 *
 * <p>All charts are {@value #WIDTH}x{@value #HEIGHT} pixels with a title and axis labels. Values that a chart cannot
 * show (non-finite values, non-positive values on a log axis) are counted and the count is stated in the title, so
 * nothing disappears silently.
 */
public final class Charts {
    /** Default chart width in pixels. */
    public static final int WIDTH = 720;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 420;

    private Charts() {
    }

    /**
     * Training curves: one line per named series against the epoch number (1-based). Series may have different
     * lengths (early stopping).
     *
     * @param title  chart title
     * @param yLabel y-axis label (for example "loss" or "NDCG@10")
     * @param series series name to per-epoch values, in legend order
     */
    public static XYChart trainingCurves(String title, String yLabel, Map<String, ? extends List<? extends Number>> series) {
        requireNonEmpty(series, "series");
        XYChart chart = xyChart(title, "epoch", yLabel);
        int dropped = 0;
        for (Map.Entry<String, ? extends List<? extends Number>> e : series.entrySet()) {
            List<? extends Number> ys = e.getValue();
            if (ys == null || ys.isEmpty()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' is empty; every series needs values");
            }
            double[] x = new double[ys.size()];
            double[] y = new double[ys.size()];
            for (int i = 0; i < ys.size(); i++) {
                x[i] = i + 1;
                y[i] = ys.get(i) == null ? Double.NaN : ys.get(i).doubleValue();
            }
            dropped += addLine(chart, e.getKey(), x, y);
        }
        chart.getStyler().setXAxisDecimalPattern("#");
        noteDropped(chart, dropped, "non-finite values");
        return chart;
    }

    /**
     * Lines against a shared numeric x axis, for sweeps (a metric against a noise ratio, a number of replaced items,
     * a hyper-parameter). Non-finite values are left out of their line and counted in the title.
     *
     * @param x      the x positions, shared by every series
     * @param series series name to one value per x position, in legend order
     */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        requireNonEmpty(series, "series");
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one position (x=" + (x == null ? "null" : "[]") + ")");
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        int dropped = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' is null");
            }
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + e.getValue().length
                        + " values but x has " + x.length + " positions");
            }
            dropped += addLine(chart, e.getKey(), x, e.getValue());
        }
        noteDropped(chart, dropped, "non-finite values");
        return chart;
    }

    /** Adds one line with circle markers, skipping non-finite points; returns how many were skipped. */
    private static int addLine(XYChart chart, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("series '" + name + "' has no finite value");
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return x.length - xs.size();
    }

    /** Training curves from arrays (see {@link #trainingCurves(String, String, Map)}). */
    public static XYChart trainingCurvesOf(String title, String yLabel, Map<String, double[]> series) {
        requireNonEmpty(series, "series");
        Map<String, List<Double>> lists = new LinkedHashMap<>();
        series.forEach((k, v) -> lists.put(k, v == null ? List.of() : Arrays.stream(v).boxed().toList()));
        return trainingCurves(title, yLabel, lists);
    }

    /** Histogram of one sample (see {@link #histogram(String, String, Map, int, boolean)}). */
    public static CategoryChart histogram(String title, String xLabel, double[] values, int bins, boolean logY) {
        if (values == null) {
            throw new IllegalArgumentException("values=null must not be null");
        }
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("count", values);
        CategoryChart chart = histogram(title, xLabel, one, bins, logY);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * Histograms of one or more samples over shared equal-width bins spanning all finite values, drawn as
     * overlapping translucent bars. The x tick labels are bin centres.
     *
     * @param logY log-scaled count axis (for long tails); empty bins are then left blank rather than drawn at zero,
     *             which a log axis cannot show
     */
    public static CategoryChart histogram(String title, String xLabel, Map<String, double[]> samples, int bins,
                                          boolean logY) {
        requireNonEmpty(samples, "samples");
        if (bins < 1) {
            throw new IllegalArgumentException("bins=" + bins + " must be >= 1");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nonFinite = 0;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("sample '" + e.getKey() + "' is null");
            }
            for (double v : e.getValue()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    nonFinite++;
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("samples have no finite value to histogram");
        }
        HistogramBins edges = HistogramBins.of(min, max, bins);
        CategoryChart chart = categoryChart(title, xLabel, logY ? "count (log scale)" : "count");
        List<Double> centers = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            centers.add(edges.center(b));
        }
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            long[] counts = edges.count(e.getValue());
            List<Double> ys = new ArrayList<>();
            for (long c : counts) {
                ys.add(logY && c == 0 ? null : (double) c);
            }
            chart.addSeries(e.getKey(), centers, ys);
        }
        chart.getStyler().setYAxisLogarithmic(logY);
        if (logY) {
            long top = 0;
            for (CategorySeries series : chart.getSeriesMap().values()) {
                for (Number n : series.getYData()) {
                    top = Math.max(top, n == null ? 0 : n.longValue());
                }
            }
            // below two decades, decade-only ticks would leave the axis with a single label
            chart.getStyler().setYAxisLogarithmicDecadeOnly(top >= 100);
            // bars grow from the axis minimum; XChart's default minimum of 0 is invalid on a log axis, and 0.5 keeps
            // a count of 1 visible as a bar
            chart.getStyler().setYAxisMin(0.5);
        }
        chart.getStyler().setOverlapped(samples.size() > 1);
        chart.getStyler().setAvailableSpaceFill(0.98);
        chart.getStyler().setXAxisMaxLabelCount(Math.min(bins, 12));
        chart.getStyler().setXAxisDecimalPattern(decimalPattern(edges.width()));
        if (samples.size() > 1) {
            chart.getStyler().setSeriesColors(translucentPalette());
        }
        noteDropped(chart, nonFinite, "non-finite values");
        return chart;
    }

    /**
     * A log-log scatter plot (for example item popularity against its frequency). Points with a non-positive
     * coordinate cannot be drawn on log axes: they are counted and the count is stated in the title.
     */
    public static XYChart logLogScatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null (x=" + (x == null ? "null" : "array")
                    + ", y=" + (y == null ? "null" : "array") + ")");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x.length=" + x.length + " must equal y.length=" + y.length);
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            } else {
                dropped++;
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no point with both coordinates positive and finite among " + x.length);
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        XYSeries s = chart.addSeries("points", xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        noteDropped(chart, dropped, "points with non-positive or non-finite coordinates");
        return chart;
    }

    /**
     * Rank-frequency plot of counts on log-log axes: counts sorted in decreasing order against their rank
     * (1 = most frequent). A straight line suggests a power law, the usual shape of item popularity.
     * Zero counts are counted and stated in the title.
     */
    public static XYChart rankFrequency(String title, String countLabel, long[] counts) {
        if (counts == null) {
            throw new IllegalArgumentException("counts=null must not be null");
        }
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        double[] rank = new double[sorted.length];
        double[] value = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            long c = sorted[sorted.length - 1 - i];
            if (c < 0) {
                throw new IllegalArgumentException("counts contains " + c + "; counts must be >= 0");
            }
            rank[i] = i + 1;
            value[i] = c;
        }
        return logLogScatter(title, "rank", countLabel, rank, value);
    }

    /**
     * Grouped bars: one group per category, one bar per series, with optional error bars (for example the mean and
     * standard deviation of a metric over seeds, per method and dataset).
     *
     * @param categories the groups along the x axis
     * @param means      series name to one mean per category
     * @param stds       series name to one error-bar half-length per category (same keys as {@code means}), or null
     */
    public static CategoryChart groupedBars(String title, String yLabel, List<String> categories,
                                            Map<String, double[]> means, Map<String, double[]> stds) {
        if (categories == null || categories.isEmpty()) {
            throw new IllegalArgumentException("categories=" + categories + " must be non-empty");
        }
        requireNonEmpty(means, "means");
        if (stds != null && !stds.keySet().equals(means.keySet())) {
            throw new IllegalArgumentException("stds keys " + stds.keySet() + " must equal means keys " + means.keySet());
        }
        CategoryChart chart = categoryChart(title, null, yLabel);
        for (Map.Entry<String, double[]> e : means.entrySet()) {
            double[] m = e.getValue();
            checkLength(m, categories.size(), "means['" + e.getKey() + "']");
            List<Double> ys = Arrays.stream(m).boxed().toList();
            for (int i = 0; i < m.length; i++) {
                if (!Double.isFinite(m[i])) {
                    throw new IllegalArgumentException("means['" + e.getKey() + "'][" + i + "]=" + m[i]
                            + " must be finite");
                }
            }
            if (stds == null) {
                chart.addSeries(e.getKey(), categories, ys);
            } else {
                double[] s = stds.get(e.getKey());
                checkLength(s, categories.size(), "stds['" + e.getKey() + "']");
                for (int i = 0; i < s.length; i++) {
                    if (!(s[i] >= 0) || !Double.isFinite(s[i])) {
                        throw new IllegalArgumentException("stds['" + e.getKey() + "'][" + i + "]=" + s[i]
                                + " must be finite and >= 0");
                    }
                }
                chart.addSeries(e.getKey(), categories, ys, Arrays.stream(s).boxed().toList());
            }
        }
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (categories.size() > 6 || labelsCrowded(categories)) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        return chart;
    }

    /**
     * Whether the longest category label is wider than its share of the plot (about 480 px beside the legend, about
     * 8 px per character of the axis font), so that labels side by side would run into each other.
     */
    static boolean labelsCrowded(List<String> categories) {
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        return longest * 8.0 > 480.0 / categories.size();
    }

    private static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(nonNull(title))
                .xAxisTitle(nonNull(xLabel)).yAxisTitle(nonNull(yLabel)).build();
        common(chart.getStyler());
        return chart;
    }

    private static CategoryChart categoryChart(String title, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(nonNull(title))
                .xAxisTitle(nonNull(xLabel)).yAxisTitle(nonNull(yLabel)).build();
        common(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        return chart;
    }

    private static void common(AxesChartStyler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setAxisTickPadding(4);
        styler.setMarkerSize(5);
    }

    private static void noteDropped(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int dropped, String what) {
        if (dropped > 0) {
            chart.setTitle(chart.getTitle() + " (" + dropped + " " + what + " not shown)");
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void requireNonEmpty(Map<?, ?> map, String name) {
        if (map == null || map.isEmpty()) {
            throw new IllegalArgumentException(name + "=" + map + " must be a non-empty map");
        }
    }

    private static void checkLength(double[] a, int expected, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + "=null must have " + expected + " values");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException(name + ".length=" + a.length + " must equal the number of categories "
                    + expected);
        }
    }

    /** A decimal pattern with enough digits to tell neighbouring bin centres apart. */
    static String decimalPattern(double binWidth) {
        if (binWidth >= 1 || binWidth <= 0) {
            return "#,##0.##";
        }
        int digits = Math.min(8, (int) Math.ceil(-Math.log10(binWidth)) + 1);
        return "0." + "#".repeat(digits);
    }

    private static Color[] translucentPalette() {
        Color[] base = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
        Color[] out = new Color[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = new Color(base[i].getRed(), base[i].getGreen(), base[i].getBlue(), 140);
        }
        return out;
    }

    /** Equal-width bins over [min, max]; the last bin is closed so the maximum is counted. */
    record HistogramBins(double min, double max, int bins) {
        static HistogramBins of(double min, double max, int bins) {
            if (min == max) {
                // a constant sample still gets a visible bar: widen around the value
                double half = min == 0 ? 0.5 : Math.abs(min) * 0.5;
                return new HistogramBins(min - half, max + half, bins);
            }
            return new HistogramBins(min, max, bins);
        }

        double width() {
            return (max - min) / bins;
        }

        double center(int b) {
            return min + (b + 0.5) * width();
        }

        int binOf(double v) {
            int b = (int) Math.floor((v - min) / width());
            return Math.max(0, Math.min(bins - 1, b));
        }

        long[] count(double[] values) {
            long[] counts = new long[bins];
            for (double v : values) {
                if (Double.isFinite(v)) {
                    counts[binOf(v)]++;
                }
            }
            return counts;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d bins over [%g, %g]", bins, min, max);
        }
    }
}
