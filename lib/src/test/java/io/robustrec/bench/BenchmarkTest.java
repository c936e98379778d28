package io.robustrec.bench;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkTest {

    /** A shape small enough for a unit test: 300 users make three ranking batches of 128 (the last one partial). */
    private static final Benchmark.Shape SMALL = new Benchmark.Shape(300, 40, 2, 1, 8, 5);

    @Test
    void everyBackboneGivesPositiveRatesConsistentWithItsTimes() {
        for (String name : Backbones.NAMES) {
            Benchmark.Result r = Benchmark.run(Backbones.create(name), new BackboneConfig(6, 4, 1, 1, 0.2), SMALL);
            assertTrue(r.trainSequencesPerSecond() > 0 && Double.isFinite(r.trainSequencesPerSecond()), name);
            assertTrue(r.evalSeconds() > 0 && r.evalFirstPassSeconds() > 0, name + ": " + r);
            // users/s counts the second (steady) pass; the first pass is reported apart
            assertEquals(SMALL.users() / r.evalSeconds(), r.evalUsersPerSecond(), 1e-9 * r.evalUsersPerSecond(), name);
            assertTrue(r.peakRssMb() > 0, name + ": peak RSS " + r.peakRssMb());
        }
    }

    @Test
    void shapeNamesTheBadParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Benchmark.Shape(300, 1, 2, 1, 8, 5));
        assertTrue(e.getMessage().contains("items=1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Benchmark.Shape(300, 40, 2, -1, 8, 5));
        assertTrue(e.getMessage().contains("warmup=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Benchmark.Shape(300, 40, 2, 1, 0, 5));
        assertTrue(e.getMessage().contains("batch=0"), e.getMessage());
    }
}
