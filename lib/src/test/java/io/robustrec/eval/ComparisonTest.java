package io.robustrec.eval;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ComparisonTest {

    private static EvalResult result(String name, int... ranks) {
        int n = ranks.length;
        int[] users = new int[n];
        int[] targets = new int[n];
        int[] cands = new int[n];
        for (int i = 0; i < n; i++) {
            users[i] = i;
            targets[i] = 1 + i;
            cands[i] = 100;
        }
        return EvalResult.of(name, Protocol.FULL, new int[]{5, 10, 20}, users, targets, ranks, cands);
    }

    @Test
    void tableLaysModelsGroupsAndMetricsSideBySide() {
        EvalResult a = result("A", 1, 7, 30, 2);
        EvalResult b = result("B", 4, 1, 1, 50);
        Grouping g = new Grouping("half", new String[]{"first", "second"}, new int[]{0, 0, 1, 1});
        Map<String, EvalResult> models = new LinkedHashMap<>();
        models.put("A", a);
        models.put("B", b);
        Comparison c = Comparison.of(models).by(g);

        Table long_ = c.table();
        // 2 models x (all + 2 groups) x 3 cutoffs x 4 metrics
        assertEquals(2 * 3 * 3 * 4, long_.rowCount());
        assertEquals(List.of("model", "grouping", "group", "metric", "K", "value", "count"), long_.columnNames());
        Table bSecondNdcg10 = long_.where(long_.stringColumn("model").isEqualTo("B")
                .and(long_.stringColumn("group").isEqualTo("second"))
                .and(long_.stringColumn("metric").isEqualTo("NDCG"))
                .and(long_.intColumn("K").isEqualTo(10)));
        assertEquals(1, bSecondNdcg10.rowCount());
        assertEquals((1.0 + 0) / 2, bSecondNdcg10.doubleColumn("value").get(0), 1e-12);
        assertEquals(2, bSecondNdcg10.intColumn("count").get(0));

        Table wide = c.wideTable();
        assertEquals(6, wide.rowCount());
        assertEquals(4 + 12, wide.columnCount());
        assertEquals(List.of("A", "A", "A", "B", "B", "B"), wide.stringColumn("model").asList());
        assertEquals(List.of("all", "first", "second", "all", "first", "second"), wide.stringColumn("group").asList());
        assertEquals(a.metric("MRR", 10), wide.doubleColumn("MRR@10").get(0), 1e-12);
        assertEquals(0.5, wide.doubleColumn("HR@5").get(1), 1e-12);
    }

    @Test
    void resultsMustShareTheirCases() {
        EvalResult a = result("A", 1, 2, 3);
        EvalResult shorter = result("B", 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(List.of(a, shorter)));
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(List.of(a, a)));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.of(List.of(a)).by(new Grouping("g", new String[]{"x"}, new int[]{0, 0})));
        assertEquals(12, Comparison.of(List.of(a, a.renamed("A2"))).table().rowCount() / 2);
    }
}
