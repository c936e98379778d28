package io.robustrec.robust.tp;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.nd4j.Gradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscriminatorTest {

    private static SequenceModel model;
    private static Discriminator disc;
    private static final int[][] INPUT = {{0, 0, 3, 4, 5}, {0, 1, 2, 6, 7}, {8, 9, 1, 3, 2}};
    private static final int[][] POS = {{0, 0, 4, 5, 6}, {0, 2, 6, 7, 8}, {9, 1, 3, 2, 5}};
    private static final float[] R = {1f, 0f, 0f};

    @BeforeAll
    static void build() {
        model = SequenceModel.build(Backbones.create("gru4rec"), new BackboneConfig(5, 6, 1, 1, 0.0), 10,
                LossKind.SOFTMAX, 3L);
        disc = Discriminator.attach(model, 4, 11L);
        List<String> wanted = new ArrayList<>(model.parameterNames());
        wanted.addAll(disc.parameterNames());
        wanted.add(SequenceModel.LAST_HIDDEN);
        // gradients of activations must be requested before the gradient function exists
        Gradients.quietly(() -> model.graph().calculateGradients(feed(0.0), wanted));
    }

    private static Map<String, INDArray> feed(double lambda) {
        return Discriminator.addTo(model.feed(INPUT, POS, POS, null, false), R, lambda);
    }

    private static Map<String, INDArray> grads(double lambda) {
        List<String> wanted = new ArrayList<>(model.parameterNames());
        wanted.addAll(disc.parameterNames());
        wanted.add(SequenceModel.LAST_HIDDEN);
        Map<String, INDArray> g = Gradients.quietly(() -> model.graph().calculateGradients(feed(lambda), wanted));
        g.replaceAll((k, v) -> v.dup());
        return g;
    }

    /** ∂BCE/∂φ written out: z = relu(φW₁ + b₁)W₂ + b₂, ∂BCE/∂z_b = (σ(z_b) − R_b)/B. */
    private static double[][] analyticBceGradientOnPhi() {
        Map<String, INDArray> p = disc.parameters(model);
        INDArray phi = model.graph().output(feed(0.0), SequenceModel.LAST_HIDDEN).get(SequenceModel.LAST_HIDDEN);
        INDArray w1 = p.get("tp_disc_w1");
        INDArray b1 = p.get("tp_disc_b1");
        INDArray w2 = p.get("tp_disc_w2");
        double b2 = p.get("tp_disc_b2").getDouble(0);
        int rows = (int) phi.size(0);
        int d = (int) phi.size(1);
        int h = (int) w1.size(1);
        double[][] out = new double[rows][d];
        for (int b = 0; b < rows; b++) {
            double[] a = new double[h];
            double z = b2;
            for (int j = 0; j < h; j++) {
                a[j] = b1.getDouble(0, j);
                for (int i = 0; i < d; i++) {
                    a[j] += phi.getDouble(b, i) * w1.getDouble(i, j);
                }
                z += Math.max(0, a[j]) * w2.getDouble(j, 0);
            }
            double dz = (1 / (1 + Math.exp(-z)) - R[b]) / rows;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < h; j++) {
                    s += a[j] > 0 ? w1.getDouble(i, j) * w2.getDouble(j, 0) : 0;
                }
                out[b][i] = dz * s;
            }
        }
        return out;
    }

    /** φ feeds nothing but the discriminator under the softmax loss, so its gradient is exactly −λ ∂BCE/∂φ. */
    @Test
    void reversalFlipsExactlyTheDiscriminatorsGradientOnPhi() {
        double[][] bce = analyticBceGradientOnPhi();
        for (double lambda : new double[]{0.0, 0.7, 3.0}) {
            INDArray g = grads(lambda).get(SequenceModel.LAST_HIDDEN);
            for (int b = 0; b < bce.length; b++) {
                for (int i = 0; i < bce[b].length; i++) {
                    assertEquals(-lambda * bce[b][i], g.getDouble(b, i), 1e-6 + 1e-4 * Math.abs(bce[b][i]),
                            "λ=" + lambda + " row " + b + " dim " + i);
                }
            }
        }
    }

    /** θ_d always gets +∇BCE; θ gets ∇L − λ∇BCE: the λ-dependent part is linear with slope −∇_θ BCE. */
    @Test
    void discriminatorGetsPlainGradientAndBackboneGetsReversedOne() {
        Map<String, INDArray> g0 = grads(0.0);
        Map<String, INDArray> g1 = grads(1.0);
        Map<String, INDArray> g2 = grads(2.5);
        for (String n : disc.parameterNames()) {
            assertArrayEquals(g0.get(n).reshape(-1).toDoubleVector(), g2.get(n).reshape(-1).toDoubleVector(), 1e-7, n);
        }
        boolean someNonZero = false;
        for (String n : model.parameterNames()) {
            double[] a = g0.get(n).reshape(-1).toDoubleVector();
            double[] b = g1.get(n).reshape(-1).toDoubleVector();
            double[] c = g2.get(n).reshape(-1).toDoubleVector();
            for (int i = 0; i < a.length; i++) {
                double slope = b[i] - a[i];
                assertEquals(a[i] + 2.5 * slope, c[i], 1e-5 + 1e-3 * Math.abs(c[i]), n + "[" + i + "]");
                someNonZero |= Math.abs(slope) > 1e-6;
            }
        }
        assertTrue(someNonZero, "the discriminator must reach the backbone");
    }

    /** −slope = ∇_θ BCE: check one backbone weight against a central difference of the BCE output. */
    @Test
    void reversedGradientMatchesFiniteDifferencesOfTheDiscriminatorLoss() {
        Map<String, INDArray> g0 = grads(0.0);
        Map<String, INDArray> g1 = grads(1.0);
        String name = null;
        int index = -1;
        double best = 0;
        for (String n : model.parameterNames()) {
            if (n.equals(SequenceModel.ITEM_TABLE)) {
                continue;
            }
            double[] a = g0.get(n).reshape(-1).toDoubleVector();
            double[] b = g1.get(n).reshape(-1).toDoubleVector();
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > best) {
                    best = Math.abs(a[i] - b[i]);
                    name = n;
                    index = i;
                }
            }
        }
        assertTrue(best > 1e-5, "largest ∇_θ BCE entry " + best);
        double analytic = -(g1.get(name).reshape(-1).toDoubleVector()[index] - g0.get(name).reshape(-1).toDoubleVector()[index]);
        INDArray w = model.graph().getVariable(name).getArr();
        INDArray flat = w.reshape(w.length());
        double orig = flat.getDouble(index);
        double eps = 1e-2;
        flat.putScalar(index, orig + eps);
        double up = bce();
        flat.putScalar(index, orig - eps);
        double down = bce();
        flat.putScalar(index, orig);
        double numeric = (up - down) / (2 * eps);
        assertEquals(numeric, analytic, 2e-3 * Math.abs(analytic) + 2e-5, name + "[" + index + "]");
    }

    private static double bce() {
        return model.graph().output(feed(0.0), Discriminator.BCE).get(Discriminator.BCE).getDouble(0);
    }

    @Test
    void scoringNeedsNoDiscriminatorInputs() {
        INDArray s = model.scoreAll(List.of(new int[]{1, 2, 3}));
        assertArrayEquals(new long[]{1, 11}, s.shape());
        assertTrue(Discriminator.isAttached(model));
    }

    @Test
    void attachingTwiceFails() {
        assertThrows(IllegalStateException.class, () -> Discriminator.attach(model, 4, 1L));
    }
}
