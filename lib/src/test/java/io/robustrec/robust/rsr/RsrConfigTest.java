package io.robustrec.robust.rsr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RsrConfigTest {

    @Test
    void defaults() {
        RsrConfig h = RsrConfig.hard();
        assertEquals(ClusterMode.HARD, h.mode());
        assertEquals(8, h.clusters());
        assertEquals(WeightStep.EXPONENTIATED, h.step());
        assertFalse(h.centresAdversarial());
        assertEquals(ClusterMode.SOFT, RsrConfig.soft().mode());
        assertTrue(RsrConfig.soft().settings().containsKey("rsr.temperature"));
        assertFalse(RsrConfig.hard().settings().containsKey("rsr.temperature"));
        assertEquals(0.5, RsrConfig.soft().withTemperature(0.5).temperature());
    }

    @Test
    void errorsNameParameterAndValue() {
        expect("clusters=0", () -> RsrConfig.hard().withClusters(0));
        expect("lrWeights=-1.0", () -> RsrConfig.hard().withLrWeights(-1));
        expect("lrCentres=0.0", () -> RsrConfig.soft().withLrCentres(0));
        expect("temperature=-1.0", () -> RsrConfig.soft().withTemperature(-1));
        expect("temperature=NaN", () -> RsrConfig.soft().withTemperature(Double.NaN));
        expect("clusterLossWeight=-0.1", () -> RsrConfig.soft().withClusterLossWeight(-0.1));
        expect("refreshEvery=0", () -> RsrConfig.hard().withRefreshEvery(0));
        expect("kmeansIterations=0", () -> RsrConfig.hard().withKmeansIterations(0));
        expect("mode=fuzzy", () -> ClusterMode.parse("fuzzy"));
    }

    private static void expect(String fragment, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }
}
