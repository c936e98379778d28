package io.robustrec.robust.tp;

import io.robustrec.train.Optimizer;
import io.robustrec.train.OptimizerKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReptileTest {

    /**
     * Task i has loss ½‖θ − c_i‖², gradient θ − c_i. Two inner steps from Θ, then the interpolating outer step
     * θ ← Θ − β(Θ − θ₂), written out by hand.
     */
    @Test
    void matchesTheFormulaOnAToyQuadratic() {
        double[] start = {1.0, -2.0, 0.5};
        double[][] c = {{3.0, 0.0, -1.0}, {-1.0, 4.0, 2.0}};
        double alpha = 0.3;
        double beta = 0.25;
        INDArray theta = Nd4j.createFromArray(start.clone());
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("theta", theta);

        Map<String, INDArray> delta = Reptile.displacement(params, 2, alpha,
                i -> Map.of("theta", theta.sub(Nd4j.createFromArray(c[i]))));
        assertArrayEquals(start, theta.toDoubleVector(), 0.0, "the inner loop must restore Θ");

        double[] expectedDelta = new double[3];
        double[] expectedOuter = new double[3];
        for (int j = 0; j < 3; j++) {
            double t1 = start[j] - alpha * (start[j] - c[0][j]);
            double t2 = t1 - alpha * (t1 - c[1][j]);
            expectedDelta[j] = start[j] - t2;
            expectedOuter[j] = start[j] - beta * (start[j] - t2);
        }
        assertArrayEquals(expectedDelta, delta.get("theta").toDoubleVector(), 1e-12);

        new Optimizer(OptimizerKind.SGD, beta, 0.0, params).step(params, delta, 0);
        assertArrayEquals(expectedOuter, theta.toDoubleVector(), 1e-12);
    }

    /** The second step is taken where the first ended: Δ = α(g₁ + g₂(Θ)) − α² H g₁ with Hessian H = I. */
    @Test
    void secondStepSeesTheFirstStepsGradient() {
        INDArray theta = Nd4j.createFromArray(0.0, 0.0);
        Map<String, INDArray> params = Map.of("w", theta);
        double alpha = 0.1;
        double[][] c = {{1.0, 0.0}, {0.0, 1.0}};
        Map<String, INDArray> delta = Reptile.displacement(params, 2, alpha,
                i -> Map.of("w", theta.sub(Nd4j.createFromArray(c[i]))));
        // g1 = -c1, θ1 = α c1, g2(θ1) = α c1 - c2, θ2 = α c1 - α(α c1 - c2) => Δ = Θ - θ2 = -(α - α²) c1 - α c2
        assertArrayEquals(new double[]{-(alpha - alpha * alpha), -alpha}, delta.get("w").toDoubleVector(), 1e-12);
    }

    /** The batched form averages the chains' displacements, each chain started from the same Θ. */
    @Test
    void meanDisplacementAveragesIndependentChainsFromTheSameStart() {
        double[] start = {0.5, -1.0};
        double[][][] c = {{{1.0, 0.0}, {0.0, 2.0}}, {{-3.0, 1.0}}, {{2.0, 2.0}, {1.0, -1.0}}};
        double alpha = 0.2;
        INDArray theta = Nd4j.createFromArray(start.clone());
        Map<String, INDArray> params = Map.of("w", theta);
        Map<String, INDArray> mean = Reptile.meanDisplacement(params, 3, m -> c[m].length, alpha,
                (m, i) -> Map.of("w", theta.sub(Nd4j.createFromArray(c[m][i]))));
        assertArrayEquals(start, theta.toDoubleVector(), 0.0, "the chains must restore Θ");
        double[] expected = new double[2];
        for (double[][] chain : c) {
            for (int j = 0; j < 2; j++) {
                double t = start[j];
                for (double[] target : chain) {
                    t -= alpha * (t - target[j]);
                }
                expected[j] += (start[j] - t) / c.length;
            }
        }
        assertArrayEquals(expected, mean.get("w").toDoubleVector(), 1e-12);
        assertEquals("chains=0 must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> Reptile.meanDisplacement(params, 0, m -> 1, alpha, (m, i) -> Map.of())).getMessage());
    }

    @Test
    void parametersWithoutGradientStayPut() {
        INDArray a = Nd4j.createFromArray(1.0);
        INDArray b = Nd4j.createFromArray(2.0);
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("a", a);
        params.put("b", b);
        Map<String, INDArray> delta = Reptile.displacement(params, 3, 0.5, i -> Map.of("a", Nd4j.createFromArray(1.0)));
        assertEquals(1.5, delta.get("a").getDouble(0), 1e-12);
        assertEquals(0.0, delta.get("b").getDouble(0), 0.0);
    }

    @Test
    void rejectsBadArguments() {
        Map<String, INDArray> p = Map.of("w", Nd4j.createFromArray(0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reptile.displacement(p, 0, 0.1, i -> Map.of()));
        assertTrue(e.getMessage().contains("k=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reptile.displacement(p, 1, -1, i -> Map.of()));
        assertTrue(e.getMessage().contains("alpha=-1.0"), e.getMessage());
    }
}
