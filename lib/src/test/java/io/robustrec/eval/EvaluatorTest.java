package io.robustrec.eval;

import io.robustrec.eval.TestRecommenders.FunctionRecommender;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {

    private static final double EPS = 1e-12;

    /**
     * Six items. Case 0: history [1, 2], target 3; items 1, 2 outrank the target but are masked; item 4 outranks
     * it; item 5 ties it (not counted). Rank 2 among 4 candidates.
     * Case 1: history [3, 1], target 3 (repeat); item 1 masked, target kept; items 5, 6 outrank it. Rank 3 of 5.
     * Case 2: all scores equal: rank 1 (ties favour the target). History [2, 2, 2] masks one item: 5 candidates.
     */
    private static FunctionRecommender tiny() {
        return TestRecommenders.table(6, Map.of(
                "[1, 2]", new float[]{-1e30f, 0.9f, 0.8f, 0.5f, 0.7f, 0.5f, 0.1f},
                "[3, 1]", new float[]{-1e30f, 0.9f, 0.1f, 0.6f, 0.2f, 0.8f, 0.7f},
                "[2, 2, 2]", new float[]{-1e30f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}));
    }

    private static List<EvalCase> tinyCases() {
        return List.of(new EvalCase(10, new int[]{1, 2}, 3),
                new EvalCase(11, new int[]{3, 1}, 3),
                new EvalCase(12, new int[]{2, 2, 2}, 1));
    }

    @Test
    void fullRankingMasksHistoryKeepsTargetAndCountsTiesForTheTarget() {
        EvalResult r = new Evaluator().evaluate(tiny(), tinyCases());
        assertArrayEquals(new int[]{2, 3, 1}, r.ranks());
        assertArrayEquals(new int[]{4, 5, 5}, r.candidateCounts());
        assertArrayEquals(new int[]{10, 11, 12}, r.userIndices());
        assertArrayEquals(new int[]{3, 3, 1}, r.targets());
        assertEquals(Protocol.FULL, r.protocol());
        assertEquals("test", r.model());
    }

    @Test
    void metricsFollowTheDesignFormulas() {
        EvalResult r = new Evaluator().evaluate(tiny(), tinyCases());
        // ranks 2, 3, 1
        assertEquals(1.0 / 3, r.metric("HR", 1), EPS);
        assertEquals(2.0 / 3, r.metric("HR", 2), EPS);
        assertEquals(1.0, r.metric("HR", 5), EPS);
        assertEquals(r.metric("HR", 2), r.metric("Recall", 2), EPS);
        double log2of3 = Math.log(3) / Math.log(2);
        assertEquals((1 / log2of3 + 1 / 2.0 + 1) / 3, r.metric("NDCG", 5), EPS);
        assertEquals((1 / log2of3 + 1) / 3, r.metric("ndcg", 2), EPS);
        assertEquals((0.5 + 1.0 / 3 + 1) / 3, r.metric("MRR", 5), EPS);
        assertEquals((0.5 + 1) / 3, r.metric("mrr", 2), EPS);
        assertArrayEquals(new double[]{0.5, 0, 1}, r.perUser("MRR", 2), EPS);
    }

    @Test
    void unknownMetricNamesTheValidOnes() {
        EvalResult r = new Evaluator().evaluate(tiny(), tinyCases());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.metric("precision", 5));
        assertTrue(e.getMessage().contains("precision") && e.getMessage().contains("HR, NDCG, MRR, Recall"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.metric("HR", 0));
    }

    @Test
    void badCasesAndBadModelOutputAreErrorsNamingTheCase() {
        FunctionRecommender model = tiny();
        Evaluator ev = new Evaluator();
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(model, List.of(new EvalCase(7, new int[]{1}, 9))));
        assertTrue(target.getMessage().contains("case 0") && target.getMessage().contains("target=9"),
                target.getMessage());
        IllegalArgumentException hist = assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(model, List.of(new EvalCase(7, new int[]{0, 1}, 2))));
        assertTrue(hist.getMessage().contains("history item 0"), hist.getMessage());

        FunctionRecommender nan = new FunctionRecommender(3, h -> new float[]{0f, 1f, Float.NaN, 0.5f});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ev.evaluate(nan, List.of(new EvalCase(4, new int[0], 1))));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("user 4"), e.getMessage());

        FunctionRecommender narrow = new FunctionRecommender(3, h -> new float[]{0f, 1f, 2f, 3f}) {
            @Override
            public int numItems() {
                return 4;
            }
        };
        IllegalStateException shape = assertThrows(IllegalStateException.class,
                () -> ev.evaluate(narrow, List.of(new EvalCase(4, new int[0], 1))));
        assertTrue(shape.getMessage().contains("[1, 4]") && shape.getMessage().contains("[1, 5]"), shape.getMessage());
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> EvalConfig.defaults().withBatchSize(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvalConfig.defaults().withCutoffs(10, 5));
        assertTrue(e.getMessage().contains("[10, 5]"), e.getMessage());
        assertArrayEquals(new int[]{5, 10, 20}, EvalConfig.defaults().cutoffs());
        assertEquals(128, EvalConfig.defaults().batchSize());
    }

    private static List<EvalCase> randomCases(int n, int numItems, int maxHistory, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int[] h = new int[rng.nextInt(0, maxHistory + 1)];
            for (int i = 0; i < h.length; i++) {
                h[i] = rng.nextInt(1, numItems + 1);
            }
            cases.add(new EvalCase(u, h, rng.nextInt(1, numItems + 1)));
        }
        return cases;
    }

    @Test
    void resultsDoNotDependOnBatchSizeUnderEitherProtocol() {
        List<EvalCase> cases = randomCases(50, 300, 200, 5);
        for (Protocol p : Protocol.values()) {
            int[] reference = null;
            for (int batch : new int[]{1, 7, 512}) {
                FunctionRecommender model = TestRecommenders.random(300, 3);
                EvalResult r = new Evaluator(EvalConfig.of(p).withBatchSize(batch)).evaluate(model, cases);
                assertEquals((50 + batch - 1) / batch, model.batchSizes.size(), "one scoreAll call per batch");
                assertTrue(model.batchSizes.stream().allMatch(b -> b <= batch));
                if (reference == null) {
                    reference = r.ranks();
                } else {
                    assertArrayEquals(reference, r.ranks(), p + " batch " + batch);
                }
            }
        }
    }

    @Test
    void sampledNegativesAvoidHistoryAndTargetAndAreDeterministicBySeed() {
        int numItems = 300;
        // history sizes exercise both sampling paths: rejection (few excluded) and list-then-shuffle (> half)
        for (int historySize : new int[]{0, 20, 160}) {
            int[] h = new int[historySize];
            for (int i = 0; i < historySize; i++) {
                h[i] = 1 + (i * 7) % numItems;
            }
            EvalCase c = new EvalCase(3, h, 299);
            Set<Integer> forbidden = new HashSet<>();
            for (int x : h) {
                forbidden.add(x);
            }
            forbidden.add(299);
            int[] neg = new Evaluator(EvalConfig.of(Protocol.SAMPLED100).withSeed(1)).sampledNegatives(c, numItems);
            assertEquals(100, neg.length);
            Set<Integer> distinct = new HashSet<>();
            for (int x : neg) {
                assertTrue(x >= 1 && x <= numItems);
                assertFalse(forbidden.contains(x), "negative " + x + " is in the history or the target");
                distinct.add(x);
            }
            assertEquals(100, distinct.size(), "drawn without replacement");
            assertArrayEquals(neg, new Evaluator(EvalConfig.of(Protocol.SAMPLED100).withSeed(1))
                    .sampledNegatives(c, numItems));
            assertFalse(Arrays.equals(neg, new Evaluator(EvalConfig.of(Protocol.SAMPLED100).withSeed(2))
                    .sampledNegatives(c, numItems)), "another seed draws other negatives");
        }
    }

    @Test
    void sampledNegativesAreUniformOverEligibleItems() {
        int numItems = 300;
        for (int historySize : new int[]{10, 160}) {
            int[] h = new int[historySize];
            for (int i = 0; i < historySize; i++) {
                h[i] = i + 1;
            }
            int[] freq = new int[numItems + 1];
            Evaluator ev = new Evaluator(EvalConfig.of(Protocol.SAMPLED100).withSeed(9));
            int draws = 2000;
            for (int u = 0; u < draws; u++) {
                for (int x : ev.sampledNegatives(new EvalCase(u, h, numItems), numItems)) {
                    freq[x]++;
                }
            }
            int eligible = numItems - historySize - 1;
            double expected = draws * 100.0 / eligible;
            for (int j = historySize + 1; j < numItems; j++) {
                assertEquals(expected, freq[j], 0.12 * expected, "item " + j + " with history " + historySize);
            }
        }
    }

    @Test
    void sampledRankCountsOnlyDrawnNegativesAndUsesAllWhenFewerThan100() {
        // 50 items, history of 10 and target: 39 eligible, all used -> 40 candidates
        int[] h = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        EvalCase c = new EvalCase(0, h, 11);
        // score = item id: history items 1..10 and the target are low; every eligible item (12..50) outranks it
        FunctionRecommender byId = new FunctionRecommender(50, hist -> {
            float[] row = new float[51];
            for (int j = 0; j <= 50; j++) {
                row[j] = j;
            }
            return row;
        });
        EvalResult r = new Evaluator(EvalConfig.of(Protocol.SAMPLED100)).evaluate(byId, List.of(c));
        assertEquals(40, r.candidateCounts()[0]);
        assertEquals(40, r.ranks()[0]);

        // 300 items: the rank is 1 + the number of drawn negatives above the target
        EvalCase big = new EvalCase(5, new int[]{1, 2, 3}, 150);
        Evaluator ev = new Evaluator(EvalConfig.of(Protocol.SAMPLED100).withSeed(4));
        FunctionRecommender byId300 = new FunctionRecommender(300, hist -> {
            float[] row = new float[301];
            for (int j = 0; j <= 300; j++) {
                row[j] = j;
            }
            return row;
        });
        int expected = 1 + (int) Arrays.stream(ev.sampledNegatives(big, 300)).filter(x -> x > 150).count();
        EvalResult rb = ev.evaluate(byId300, List.of(big));
        assertEquals(expected, rb.ranks()[0]);
        assertEquals(101, rb.candidateCounts()[0]);
        assertNotEquals(1, expected, "sanity: some negatives outrank the target");
    }

    @Test
    void randomScoresGiveUniformRanksAndFullRankingIsFast() {
        int users = 6000;
        int numItems = 3400;
        List<EvalCase> cases = randomCases(users, numItems, 50, 11);
        FunctionRecommender model = TestRecommenders.random(numItems, 1);
        long t0 = System.nanoTime();
        EvalResult full = new Evaluator().evaluate(model, cases);
        long total = System.nanoTime() - t0;
        System.out.printf("full ranking %d users x %d items: %.3f s total, %.3f s in the model's scoreAll, "
                        + "%.3f s evaluator overhead%n", users, numItems, total / 1e9, model.scoringNanos / 1e9,
                (total - model.scoringNanos) / 1e9);
        // For random scores the rank is uniform over the candidates: E[HR@10] = mean of 10 / candidates.
        double expectedHr = Arrays.stream(full.candidateCounts()).mapToDouble(c -> Math.min(10.0, c) / c).average()
                .orElseThrow();
        assertEquals(expectedHr, full.metric("HR", 10), 5 * Math.sqrt(expectedHr / users));

        EvalResult sampled = new Evaluator(EvalConfig.of(Protocol.SAMPLED100))
                .evaluate(TestRecommenders.random(numItems, 1), cases);
        assertEquals(10.0 / 101, sampled.metric("HR", 10), 5 * Math.sqrt(0.1 * 0.9 / users));
        assertTrue(Arrays.stream(sampled.candidateCounts()).allMatch(c -> c == 101));
    }
}
