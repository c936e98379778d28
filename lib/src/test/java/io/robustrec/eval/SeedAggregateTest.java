package io.robustrec.eval;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedAggregateTest {

    private static EvalResult withHits(int hitsOutOfFour) {
        int[] ranks = new int[4];
        for (int i = 0; i < 4; i++) {
            ranks[i] = i < hitsOutOfFour ? 1 : 50;
        }
        return EvalResult.of("m", Protocol.FULL, new int[]{10}, new int[]{0, 1, 2, 3}, new int[]{1, 1, 1, 1}, ranks,
                new int[]{99, 99, 99, 99});
    }

    @Test
    void meanAndSampleStandardDeviationAcrossSeeds() {
        SeedAggregate agg = SeedAggregate.of(List.of(withHits(1), withHits(2), withHits(3)));
        assertEquals(3, agg.seeds());
        assertArrayEquals(new double[]{0.25, 0.5, 0.75}, agg.values("HR", 10), 1e-12);
        assertEquals(0.5, agg.mean("HR", 10), 1e-12);
        assertEquals(0.25, agg.std("hr", 10), 1e-12); // sqrt((0.0625 + 0 + 0.0625) / 2)
        assertEquals("0.5000 ± 0.2500", agg.format("HR", 10));
        Table t = agg.toTable();
        assertEquals(4, t.rowCount());
        assertEquals(0.25, t.doubleColumn("std").get(0), 1e-12);
        assertTrue(Double.isNaN(SeedAggregate.of(List.of(withHits(1))).std("HR", 10)));
    }

    @Test
    void seedsMustShareProtocolAndCutoffs() {
        EvalResult other = EvalResult.of("m", Protocol.SAMPLED100, new int[]{10}, new int[]{0}, new int[]{1},
                new int[]{1}, new int[]{101});
        assertThrows(IllegalArgumentException.class, () -> SeedAggregate.of(List.of(withHits(1), other)));
        assertThrows(IllegalArgumentException.class, () -> SeedAggregate.of(List.of()));
    }
}
