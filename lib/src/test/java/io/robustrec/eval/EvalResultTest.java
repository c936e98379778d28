package io.robustrec.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalResultTest {

    /** Six cases with ranks 1, 2, 3, 6, 11, 30. */
    static EvalResult sample() {
        return EvalResult.of("m", Protocol.FULL, new int[]{5, 10, 20},
                new int[]{0, 1, 2, 3, 4, 5}, new int[]{7, 8, 9, 7, 8, 9},
                new int[]{1, 2, 3, 6, 11, 30}, new int[]{50, 50, 50, 50, 50, 50});
    }

    @Test
    void meansAndPerUserValues() {
        EvalResult r = sample();
        assertEquals(3.0 / 6, r.metric("HR", 5), 1e-12);
        assertEquals(4.0 / 6, r.metric("HR", 10), 1e-12);
        assertEquals(5.0 / 6, r.metric("Recall", 20), 1e-12);
        assertEquals((1 + 0.5 + 1.0 / 3 + 1.0 / 6) / 6, r.metric("MRR", 10), 1e-12);
        double[] ndcg = r.perUser("NDCG", 10);
        assertEquals(6, ndcg.length);
        assertEquals(1.0, ndcg[0], 1e-12);
        assertEquals(1 / (Math.log(7) / Math.log(2)), ndcg[3], 1e-12);
        assertEquals(0.0, ndcg[4], 0.0);
        // any K works, not only the configured cutoffs
        assertEquals(2.0 / 6, r.metric("HR", 2), 1e-12);
    }

    @Test
    void ofValidatesItsArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalResult.of("m",
                Protocol.FULL, new int[]{5}, new int[]{0}, new int[]{1}, new int[]{7}, new int[]{5}));
        assertTrue(e.getMessage().contains("rank=7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvalResult.of("m", Protocol.FULL, new int[]{5},
                new int[]{0, 1}, new int[]{1}, new int[]{1}, new int[]{5}));
    }

    @Test
    void subsetKeepsOrderAndEmptySubsetHasNaNMetrics() {
        EvalResult r = sample();
        EvalResult even = r.subset(i -> i % 2 == 0);
        assertArrayEquals(new int[]{1, 3, 11}, even.ranks());
        assertArrayEquals(new int[]{0, 2, 4}, even.userIndices());
        assertArrayEquals(new int[]{7, 9, 8}, even.targets());
        EvalResult none = r.subset(i -> false);
        assertEquals(0, none.size());
        assertTrue(Double.isNaN(none.metric("HR", 5)));
    }

    @Test
    void groupByIsDisjointAndExhaustiveAndKeepsEmptyGroups() {
        EvalResult r = sample();
        Map<String, EvalResult> g = r.groupBy(new int[]{1, 0, 1, 1, 0, 1}, new String[]{"a", "b", "c"});
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(g.keySet()));
        assertArrayEquals(new int[]{1, 4}, g.get("a").userIndices());
        assertArrayEquals(new int[]{0, 2, 3, 5}, g.get("b").userIndices());
        assertEquals(0, g.get("c").size());
        int[] all = g.values().stream().flatMapToInt(x -> Arrays.stream(x.userIndices())).sorted().toArray();
        assertArrayEquals(r.userIndices(), all);
        // metrics of a group are the metrics of its cases
        assertEquals(0.5, g.get("a").metric("HR", 10), 1e-12); // ranks 2 and 11

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.groupBy(new int[]{0, 0, 0, 0, 0, 3}, new String[]{"a", "b"}));
        assertTrue(e.getMessage().contains("case 5") && e.getMessage().contains("group 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.groupBy(new int[]{0, 0}, new String[]{"a"}));
        assertThrows(IllegalArgumentException.class,
                () -> r.groupBy(new int[]{0, 0, 0, 0, 0, 0}, new String[]{"a", "a"}));
    }

    @Test
    void tableHasOneRowPerMetricAndOneColumnPerCutoff() {
        EvalResult r = sample();
        Table t = r.toTable();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("metric", "@5", "@10", "@20"), t.columnNames());
        assertEquals(List.of("HR", "NDCG", "MRR", "Recall"), t.stringColumn("metric").asList());
        assertEquals(r.metric("NDCG", 10), t.doubleColumn("@10").get(1), 1e-12);
        assertEquals(r.metric("HR", 20), t.doubleColumn("@20").get(0), 1e-12);
    }

    @Test
    void jsonRoundTripHasEveryMetricAtEveryCutoffPlusCount() throws Exception {
        EvalResult r = sample();
        Map<String, Object> parsed = new ObjectMapper().readValue(r.toJson(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        List<String> expectedKeys = new ArrayList<>();
        for (int k : new int[]{5, 10, 20}) {
            for (String m : new String[]{"HR", "NDCG", "MRR", "Recall"}) {
                expectedKeys.add(m + "@" + k);
            }
        }
        expectedKeys.add("count");
        assertEquals(expectedKeys, new ArrayList<>(parsed.keySet()));
        assertEquals(new ArrayList<>(r.toMap().keySet()), expectedKeys);
        assertEquals(6, ((Number) parsed.get("count")).intValue());
        for (String key : expectedKeys) {
            assertEquals(r.toMap().get(key).doubleValue(), ((Number) parsed.get(key)).doubleValue(), 1e-15, key);
        }
        Map<String, Object> empty = new ObjectMapper().readValue(r.subset(i -> false).toJson(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        assertNull(empty.get("HR@5"));
        assertEquals(0, ((Number) empty.get("count")).intValue());
    }
}
