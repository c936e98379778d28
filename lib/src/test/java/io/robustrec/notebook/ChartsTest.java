package io.robustrec.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {

    @Test
    void trainingCurvesHaveOneSeriesPerNameAgainstOneBasedEpochs() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train loss", new double[]{3, 2, 1.5});
        series.put("valid loss", new double[]{3.5, 2.5});
        XYChart chart = Charts.trainingCurvesOf("Loss", "loss", series);

        assertEquals(List.of("train loss", "valid loss"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries train = chart.getSeriesMap().get("train loss");
        assertArrayEquals(new double[]{1, 2, 3}, train.getXData());
        assertArrayEquals(new double[]{3, 2, 1.5}, train.getYData());
        assertArrayEquals(new double[]{1, 2}, chart.getSeriesMap().get("valid loss").getXData());
        assertEquals("Loss", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertEquals(Charts.WIDTH, chart.getWidth());
        assertEquals(Charts.HEIGHT, chart.getHeight());
    }

    @Test
    void trainingCurvesCountNonFiniteValuesInTheTitle() {
        XYChart chart = Charts.trainingCurves("Loss", "loss",
                Map.of("train", java.util.Arrays.asList(1.0, Double.NaN, 0.5, null)));
        assertArrayEquals(new double[]{1, 3}, chart.getSeriesMap().get("train").getXData());
        assertEquals("Loss (2 non-finite values not shown)", chart.getTitle());
        assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves("t", "y", Map.of("a", List.of())));
        assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves("t", "y", Map.of()));
    }

    @Test
    void linesShareTheGivenXAxisAndCountNonFiniteValues() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("random", new double[]{0.30, 0.12, Double.NaN});
        series.put("adversarial", new double[]{0.30, 0.05, 0.01});
        XYChart chart = Charts.lines("Replacement", "replaced items k", "NDCG@10", new double[]{0, 1, 2}, series);

        assertEquals(List.of("random", "adversarial"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{0, 1}, chart.getSeriesMap().get("random").getXData(), "NaN point left out");
        assertArrayEquals(new double[]{0, 1, 2}, chart.getSeriesMap().get("adversarial").getXData());
        assertArrayEquals(new double[]{0.30, 0.05, 0.01}, chart.getSeriesMap().get("adversarial").getYData());
        assertEquals("replaced items k", chart.getXAxisTitle());
        assertEquals("Replacement (1 non-finite values not shown)", chart.getTitle());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("t", "x", "y", new double[]{0, 1}, Map.of("short", new double[]{1})));
        assertTrue(e.getMessage().contains("'short' has 1 values but x has 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.lines("t", "x", "y", new double[0], Map.of("a", new double[0])));
        assertThrows(IllegalArgumentException.class, () -> Charts.lines("t", "x", "y", new double[]{0}, Map.of()));
    }

    @Test
    void histogramCountsEveryFiniteValueOnce() {
        double[] values = {0, 0.1, 0.2, 0.5, 0.9, 1.0, 1.0, Double.NaN};
        CategoryChart chart = Charts.histogram("h", "x", values, 4, false);
        CategorySeries s = chart.getSeriesMap().get("count");
        List<Double> counts = s.getYData().stream().map(Number::doubleValue).toList();
        assertEquals(List.of(3.0, 0.0, 1.0, 3.0), counts, "bins [0,.25) [.25,.5) [.5,.75) [.75,1]");
        List<Double> centers = s.getXData().stream().map(x -> ((Number) x).doubleValue()).toList();
        assertEquals(0.125, centers.get(0), 1e-12);
        assertEquals(0.875, centers.get(3), 1e-12);
        assertTrue(chart.getTitle().contains("1 non-finite values not shown"), chart.getTitle());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void logHistogramLeavesEmptyBinsBlankAndRenders() {
        double[] values = {1, 1, 1, 1, 1, 1, 1, 1, 1, 10};
        CategoryChart chart = Charts.histogram("long tail", "count", values, 3, true);
        List<Number> ys = new ArrayList<>(chart.getSeriesMap().get("count").getYData());
        assertEquals(9.0, ys.get(0).doubleValue());
        assertNull(ys.get(1), "an empty bin cannot be drawn on a log axis");
        assertEquals(1.0, ys.get(2).doubleValue());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(Charts.WIDTH, img.getWidth());
    }

    @Test
    void overlaidHistogramsShareBins() {
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("clean", new double[]{0, 1, 2});
        samples.put("noisy", new double[]{2, 4});
        CategoryChart chart = Charts.histogram("h", "x", samples, 2, false);
        assertEquals(List.of("clean", "noisy"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of(2.0, 1.0), chart.getSeriesMap().get("clean").getYData().stream()
                .map(Number::doubleValue).toList());
        assertEquals(List.of(0.0, 2.0), chart.getSeriesMap().get("noisy").getYData().stream()
                .map(Number::doubleValue).toList());
        assertTrue(chart.getStyler().isOverlapped());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("h", "x", new double[]{1}, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("h", "x", new double[]{Double.NaN}, 3, false));
    }

    @Test
    void rankFrequencySortsDescendingOnLogLogAxesAndCountsZeros() {
        XYChart chart = Charts.rankFrequency("popularity", "interactions", new long[]{3, 0, 10, 1});
        XYSeries s = chart.getSeriesMap().get("points");
        assertArrayEquals(new double[]{1, 2, 3}, s.getXData());
        assertArrayEquals(new double[]{10, 3, 1}, s.getYData());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals("popularity (1 points with non-positive or non-finite coordinates not shown)", chart.getTitle());
        assertThrows(IllegalArgumentException.class, () -> Charts.rankFrequency("p", "c", new long[]{-1}));
    }

    @Test
    void logLogScatterChecksLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.logLogScatter("t", "x", "y", new double[]{1, 2}, new double[]{1}));
        assertEquals("x.length=2 must equal y.length=1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.logLogScatter("t", "x", "y", new double[]{0}, new double[]{1}));
    }

    @Test
    void groupedBarsCarryMeansAndErrorBars() {
        Map<String, double[]> means = new LinkedHashMap<>();
        means.put("ERM", new double[]{0.20, 0.30});
        means.put("DRO", new double[]{0.25, 0.28});
        Map<String, double[]> stds = new LinkedHashMap<>();
        stds.put("ERM", new double[]{0.01, 0.02});
        stds.put("DRO", new double[]{0.03, 0.00});
        CategoryChart chart = Charts.groupedBars("NDCG@10", "NDCG@10", List.of("head", "tail"), means, stds);

        assertEquals(List.of("ERM", "DRO"), List.copyOf(chart.getSeriesMap().keySet()));
        CategorySeries dro = chart.getSeriesMap().get("DRO");
        assertEquals(List.of("head", "tail"), new ArrayList<>(dro.getXData()));
        assertEquals(List.of(0.25, 0.28), new ArrayList<>(dro.getYData()));
        assertEquals(List.of(0.03, 0.0), new ArrayList<>(dro.getExtraValues()));
        assertEquals(Charts.WIDTH, BitmapEncoder.getBufferedImage(chart).getWidth());
    }

    /** Labels wider than their share of the axis are turned so that neighbours do not run into each other. */
    @Test
    void groupedBarsTurnCrowdedLabels() {
        Map<String, double[]> five = Map.of("full ranking", new double[]{0.1, 0.2, 0.3, 0.4, 0.5});
        CategoryChart crowded = Charts.groupedBars("t", "y",
                List.of("MostPopular", "ItemTransition", "gru4rec", "caser", "sasrec"), five, null);
        assertEquals(30, crowded.getStyler().getXAxisLabelRotation());
        CategoryChart roomy = Charts.groupedBars("t", "y", List.of("head", "tail"), Map.of("ERM", new double[]{0.2, 0.3}), null);
        assertEquals(0, roomy.getStyler().getXAxisLabelRotation());
    }

    @Test
    void groupedBarsRejectMismatchedInput() {
        Map<String, double[]> means = Map.of("ERM", new double[]{0.2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.groupedBars("t", "y", List.of("a", "b"), means, null));
        assertEquals("means['ERM'].length=1 must equal the number of categories 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.groupedBars("t", "y", List.of("a"), means, Map.of("DRO", new double[]{0.1})));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.groupedBars("t", "y", List.of("a"), means, Map.of("ERM", new double[]{-0.1})));
        assertThrows(IllegalArgumentException.class, () -> Charts.groupedBars("t", "y", List.of(), means, null));
    }
}
