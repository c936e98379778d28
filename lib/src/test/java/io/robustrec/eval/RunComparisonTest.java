package io.robustrec.eval;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Baseline vs the candidate chosen on validation, over report files. */
class RunComparisonTest {

    private static final int[] USERS = {0, 1, 2, 3, 4, 5};

    /** A report whose test metrics agree with its per-user ranks. */
    private static RunReport report(String trainer, long seed, double validation, int[] ranks, double... epochSeconds) {
        Map<String, Double> test = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            test.put(m.displayName() + "@10", Arrays.stream(ranks).mapToDouble(r -> m.value(r, 10)).average().orElseThrow());
        }
        return new RunReport(Path.of(trainer + "_s" + seed + ".json"), "sasrec", trainer, seed, 0.1, validation,
                epochSeconds, test, cases(USERS, ranks), RunReport.Cases.NONE);
    }

    private static List<RunReport> runs() {
        List<RunReport> r = new ArrayList<>();
        r.add(report("erm", 1, 0.20, new int[]{1, 3, 20, 5, 2, 40}, 9, 2, 2));
        r.add(report("erm", 2, 0.21, new int[]{2, 3, 30, 4, 2, 11}, 9, 2, 2));
        // the hard variant wins on test but loses on validation: it must not be chosen
        r.add(report("rsr-hard", 1, 0.10, new int[]{1, 1, 1, 1, 1, 1}, 9, 4, 4));
        r.add(report("rsr-hard", 2, 0.11, new int[]{1, 1, 1, 1, 1, 1}, 9, 4, 4));
        r.add(report("rsr-soft", 1, 0.30, new int[]{1, 2, 9, 5, 3, 7}, 9, 3, 3));
        r.add(report("rsr-soft", 2, 0.31, new int[]{1, 4, 8, 4, 2, 50}, 9, 3, 3));
        return r;
    }

    @Test
    void choosesOnValidationAndTestsThePooledPerUserDifferences() {
        RunComparison.Result res = RunComparison.compare(runs(), "erm", List.of("rsr-hard", "rsr-soft"), List.of("NDCG@10", "Recall@10"), Population.ALL);
        assertEquals(2, res.outcomes().size());
        RunComparison.Outcome ndcg = res.outcomes().get(0);
        assertEquals("NDCG@10", ndcg.metric());
        assertEquals("rsr-soft", ndcg.chosen());
        assertEquals(List.of(1L, 2L), ndcg.pairedSeeds());
        List<RunReport> all = runs();
        double erm = (all.get(0).metric("NDCG", 10) + all.get(1).metric("NDCG", 10)) / 2;
        double soft = (all.get(4).metric("NDCG", 10) + all.get(5).metric("NDCG", 10)) / 2;
        assertEquals(erm, ndcg.baselineMean(), 1e-12);
        assertEquals(soft, ndcg.chosenMean(), 1e-12);
        assertEquals((soft - erm) / erm, ndcg.relativeGain(), 1e-12);
        double[] a = concat(all.get(4).perUser(Metric.NDCG, 10), all.get(5).perUser(Metric.NDCG, 10));
        double[] b = concat(all.get(0).perUser(Metric.NDCG, 10), all.get(1).perUser(Metric.NDCG, 10));
        assertEquals(PairedTest.wilcoxon(a, b).pValue(), ndcg.test().pValue(), 1e-12);
        assertEquals(12, ndcg.test().n(), "six users times two seeds");
        assertEquals(2, res.accuracy().rowCount());
        assertEquals("rsr-soft", res.accuracy().stringColumn("chosen").get(0));
    }

    @Test
    void timePerEpochLeavesOutTheWarmUpEpochAndIsRelativeToTheBaseline() {
        RunComparison.Result res = RunComparison.compare(runs(), "erm", List.of("rsr-hard", "rsr-soft"), List.of("NDCG@10"), Population.ALL);
        assertEquals(3, res.time().rowCount());
        assertEquals(2.0, res.time().doubleColumn("s/epoch").get(0), 1e-12);
        assertEquals(2.0, res.time().doubleColumn("x erm").get(1), 1e-12, "rsr-hard: 4 s against 2 s");
        assertEquals(1.5, res.time().doubleColumn("x erm").get(2), 1e-12, "rsr-soft: 3 s against 2 s");
    }

    @Test
    void onlySeedsRunByBothArePaired() {
        List<RunReport> r = runs();
        r.add(report("erm", 3, 0.2, new int[]{1, 1, 1, 1, 1, 1}, 9, 2, 2));
        RunComparison.Outcome o = RunComparison.compare(r, "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.ALL).outcomes().get(0);
        assertEquals(List.of(1L, 2L), o.pairedSeeds());
        assertEquals(12, o.test().n());
    }

    @Test
    void aPopulationRestrictsTheCasesOnBothSidesOfThePair() {
        // history lengths 1..6: the longest 20% (cases 4 and 5) are head, cases 0-3 tail
        RunComparison.Outcome tail = RunComparison.compare(runs(), "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.TAIL)
                .outcomes().get(0);
        List<RunReport> all = runs();
        double erm = (tailMean(all.get(0)) + tailMean(all.get(1))) / 2;
        double soft = (tailMean(all.get(4)) + tailMean(all.get(5))) / 2;
        assertEquals(Population.TAIL, tail.population());
        assertEquals(erm, tail.baselineMean(), 1e-12);
        assertEquals(soft, tail.chosenMean(), 1e-12);
        assertEquals(8, tail.test().n(), "four tail users times two seeds");
        assertEquals(List.of(4, 5).size(), all.get(0).cases(Population.HEAD).size());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.NEW));
        assertTrue(e.getMessage().contains("--split existing-new"), e.getMessage());
        List<RunReport> sameLengths = new ArrayList<>();
        for (RunReport r : runs()) {
            sameLengths.add(new RunReport(r.file(), r.model(), r.trainer(), r.seed(), r.trainNoise(), r.validationNdcg10(),
                    r.epochSeconds(), r.test(), new RunReport.Cases(USERS, r.existing().ranks(), new int[6]), RunReport.Cases.NONE));
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(sameLengths, "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.TAIL));
        assertTrue(none.getMessage().contains("has no tail test cases"), none.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Population.parse("old"));
        assertTrue(p.getMessage().contains("'old'") && p.getMessage().contains("all, head, tail, new"), p.getMessage());
    }

    private static double tailMean(RunReport r) {
        int[] ranks = r.existing().ranks();
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Metric.NDCG.value(ranks[i], 10);
        }
        return sum / 4;
    }

    @Test
    void badInputIsNamed() {
        List<RunReport> dup = runs();
        dup.add(report("erm", 1, 0.2, new int[]{1, 1, 1, 1, 1, 1}, 9, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(dup, "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("two runs of sasrec/erm noise 0.1 seed 1"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "dro", List.of("rsr-soft"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("has no dro run"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("tp"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("none of the candidates [tp]"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("rsr-soft", "erm"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("baseline 'erm' is also among the candidates [rsr-soft, erm]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("rsr-soft", "rsr-soft"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("name a trainer twice"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("rsr-soft"), List.of("NDCG10"), Population.ALL));
        assertTrue(e.getMessage().contains("metric=NDCG10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(runs(), "erm", List.of("rsr-soft"), List.of("NDCG@ten"), Population.ALL));
        assertTrue(e.getMessage().contains("metric=NDCG@ten") && e.getMessage().contains("whole number"), e.getMessage());

        List<RunReport> otherUsers = new ArrayList<>(runs().subList(0, 4));
        otherUsers.add(new RunReport(Path.of("odd.json"), "sasrec", "rsr-soft", 1, 0.1, 0.5, new double[]{1},
                runs().get(4).test(), cases(new int[]{6, 1, 2, 3, 4, 5}, new int[]{1, 2, 3, 4, 5, 6}), RunReport.Cases.NONE));
        e = assertThrows(IllegalArgumentException.class,
                () -> RunComparison.compare(otherUsers, "erm", List.of("rsr-soft"), List.of("NDCG@10"), Population.ALL));
        assertTrue(e.getMessage().contains("test different users") && e.getMessage().contains("odd.json"), e.getMessage());
    }

    /** Case i has history length i + 1, so the longest 20% (rounded up) are head. */
    private static RunReport.Cases cases(int[] users, int[] ranks) {
        int[] lengths = new int[users.length];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i + 1;
        }
        return new RunReport.Cases(users, ranks, lengths);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
