package io.robustrec.robust.rsr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimplexTest {

    @Test
    void projectionIsOnTheSimplexAndIdempotent() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] v = new double[1 + rng.nextInt(8)];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble(-3, 3);
            }
            double[] w = Simplex.project(v);
            assertEquals(1.0, Arrays.stream(w).sum(), 1e-12);
            assertTrue(Arrays.stream(w).allMatch(x -> x >= 0));
            assertArrayEquals(w, Simplex.project(w), 1e-12);
        }
        assertArrayEquals(new double[]{0.2, 0.3, 0.5}, Simplex.project(new double[]{0.2, 0.3, 0.5}), 1e-12);
        assertArrayEquals(new double[]{0, 1}, Simplex.project(new double[]{-5, 7}), 1e-12);
    }

    /** Brute force over a fine grid of the 3-simplex: no grid point is closer to v than the projection. */
    @Test
    void projectionMatchesBruteForce() {
        SplittableRandom rng = new SplittableRandom(11);
        int steps = 400;
        for (int trial = 0; trial < 20; trial++) {
            double[] v = {rng.nextDouble(-1, 2), rng.nextDouble(-1, 2), rng.nextDouble(-1, 2)};
            double[] w = Simplex.project(v);
            double best = Double.POSITIVE_INFINITY;
            double[] arg = null;
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; i + j <= steps; j++) {
                    double[] p = {(double) i / steps, (double) j / steps, (double) (steps - i - j) / steps};
                    double d = dist2(p, v);
                    if (d < best) {
                        best = d;
                        arg = p;
                    }
                }
            }
            assertTrue(dist2(w, v) <= best + 1e-12, "projection " + Arrays.toString(w) + " vs grid " + Arrays.toString(arg));
            assertArrayEquals(arg, w, 1.5 / steps);
        }
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /** Both ascent steps move weight to the cluster with the highest loss and stay on the simplex. */
    @Test
    void ascentRaisesTheHighestLossCluster() {
        double[] w = {0.25, 0.25, 0.25, 0.25};
        double[] losses = {1.0, 3.0, 2.0, 0.5};
        for (WeightStep step : WeightStep.values()) {
            double[] next = step.ascend(w, losses, 0.1);
            assertEquals(1.0, Arrays.stream(next).sum(), 1e-12);
            assertTrue(next[1] > w[1], step + " " + Arrays.toString(next));
            for (int c : new int[]{0, 2, 3}) {
                assertTrue(next[1] > next[c], step + " " + Arrays.toString(next));
            }
            assertTrue(next[3] <= w[3], step + " lowest loss loses weight " + Arrays.toString(next));
        }
        // exponentiated gradient is exactly w * exp(eta g) / Z and never overflows
        double[] eg = Simplex.exponentiatedAscent(new double[]{0.5, 0.5}, new double[]{0, Math.log(3)}, 1.0);
        assertArrayEquals(new double[]{0.25, 0.75}, eg, 1e-12);
        double[] huge = Simplex.exponentiatedAscent(new double[]{0.5, 0.5}, new double[]{1e6, 0}, 10);
        assertArrayEquals(new double[]{1, 0}, huge, 1e-12);
        // with eta = 0 nothing moves
        assertArrayEquals(w, WeightStep.EUCLIDEAN.ascend(w, losses, 0), 1e-12);
    }

    @Test
    void errorsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simplex.project(new double[]{1, Double.NaN}));
        assertTrue(e.getMessage().contains("v[1]=NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Simplex.exponentiatedAscent(new double[]{1}, new double[]{1}, -1));
        assertTrue(e.getMessage().contains("eta=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightStep.parse("mirror"));
        assertTrue(e.getMessage().contains("projection=mirror"), e.getMessage());
    }
}
