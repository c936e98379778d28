package io.robustrec.robust.rsr;

import io.robustrec.data.Batch;
import io.robustrec.data.BatchConfig;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.data.TrainingBatches;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.nd4j.Gradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftClusterGraphTest {

    private static SplitData split;
    private static final BackboneConfig SHAPE = new BackboneConfig(12, 8, 1, 1, 0.0);

    @BeforeAll
    static void world() {
        WorldConfig cfg = WorldConfig.defaults().toBuilder().numUsers(120).numItems(60).numCategories(3).maxLength(30)
                .noiseRatio(0).noShift().seed(8).build();
        split = Splits.leaveOneOut(SyntheticWorld.generate(cfg).toSequenceDataset());
    }

    private static SoftClusterGraph graph(RsrConfig config) {
        SequenceModel m = SequenceModel.build(Backbones.create("gru4rec"), SHAPE, split.numItems(), LossKind.SOFTMAX, 3);
        SoftClusterGraph g = SoftClusterGraph.attach(m, config, 4);
        Gradients.quietly(() -> {
            m.graph().createGradFunction();
            return null;
        });
        return g;
    }

    private static double entropy(float[] q) {
        double h = 0;
        for (float p : q) {
            h -= p > 0 ? p * Math.log(p) : 0;
        }
        return h;
    }

    @Test
    void assignmentsSumToOneAndSharpenAsTemperatureFalls() {
        List<int[]> histories = split.train().subList(0, 40);
        double previousEntropy = Double.POSITIVE_INFINITY;
        double previousMax = 0;
        for (double tau : new double[]{100, 1, 0.1, 0.01}) {
            float[][] q = graph(RsrConfig.soft().withClusters(5).withTemperature(tau)).assignments(histories);
            double meanEntropy = 0;
            double meanMax = 0;
            for (float[] row : q) {
                double s = 0;
                float max = 0;
                for (float p : row) {
                    assertTrue(p >= 0);
                    s += p;
                    max = Math.max(max, p);
                }
                assertEquals(1.0, s, 1e-5);
                meanEntropy += entropy(row) / q.length;
                meanMax += max / (double) q.length;
            }
            assertTrue(meanEntropy < previousEntropy, "tau=" + tau + " entropy " + meanEntropy + " vs " + previousEntropy);
            assertTrue(meanMax > previousMax, "tau=" + tau);
            previousEntropy = meanEntropy;
            previousMax = meanMax;
        }
        assertTrue(previousMax > 0.9, "tau=0.01 is nearly hard: mean max q " + previousMax);
    }

    /**
     * ∂L/∂μ against central differences: without the adversarial switch μ learns from λ·L_cluster only; with it,
     * μ also gets the reversed gradient of the weighted loss.
     */
    @Test
    void centreGradientMatchesFiniteDifferences() {
        double lambda = 0.7;
        for (boolean adversarial : new boolean[]{false, true}) {
            SoftClusterGraph g = graph(RsrConfig.soft().withClusters(3).withTemperature(0.5).withClusterLossWeight(lambda)
                    .withCentresAdversarial(adversarial));
            SequenceModel m = g.model();
            Batch b = TrainingBatches.of(split, new BatchConfig(SHAPE.maxLength(), 32, TargetMode.ALL_POSITIONS, false, 1))
                    .batches(0).get(0);
            Map<String, INDArray> feed = g.withWeights(m.feed(b.input(), b.positive(), b.negative(), null, false),
                    new double[]{0.6, 0.3, 0.1});
            INDArray grad = m.graph().calculateGradients(feed, SoftClusterGraph.CENTRES).get(SoftClusterGraph.CENTRES).dup();
            INDArray mu = g.centres();
            double[][] h = m.graph().output(feed, SequenceModel.LAST_HIDDEN).get(SequenceModel.LAST_HIDDEN).toDoubleMatrix();
            // The DEC targets P are held fixed (they are detached in the graph), so L_cluster is recomputed here with
            // P from the unperturbed centres; at that point it must equal the graph's value.
            double[][] target = decTargets(softAssign(h, mu.toDoubleMatrix(), 0.5));
            assertEquals(losses(m, feed)[1], klTo(target, h, mu.toDoubleMatrix(), 0.5), 1e-4);
            double eps = 1e-2;
            double err = 0;
            double norm = 0;
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < SHAPE.dim(); j++) {
                    double v = mu.getDouble(k, j);
                    mu.putScalar(new long[]{k, j}, v + eps);
                    double[] plus = losses(m, feed);
                    mu.putScalar(new long[]{k, j}, v - eps);
                    double[] minus = losses(m, feed);
                    mu.putScalar(new long[]{k, j}, v);
                    double dRobust = (plus[0] - minus[0]) / (2 * eps);
                    mu.putScalar(new long[]{k, j}, v + eps);
                    double clusterPlus = klTo(target, h, mu.toDoubleMatrix(), 0.5);
                    mu.putScalar(new long[]{k, j}, v - eps);
                    double clusterMinus = klTo(target, h, mu.toDoubleMatrix(), 0.5);
                    mu.putScalar(new long[]{k, j}, v);
                    double dCluster = (clusterPlus - clusterMinus) / (2 * eps);
                    double expected = lambda * dCluster - (adversarial ? dRobust : 0);
                    err += Math.pow(grad.getDouble(k, j) - expected, 2);
                    norm += expected * expected;
                }
            }
            assertTrue(norm > 1e-10, "gradient is not trivially zero");
            assertTrue(Math.sqrt(err / norm) < 0.05, "adversarial=" + adversarial + " relative error " + Math.sqrt(err / norm));
        }
    }

    private static double[][] softAssign(double[][] h, double[][] mu, double tau) {
        double[][] q = new double[h.length][mu.length];
        for (int i = 0; i < h.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < mu.length; k++) {
                q[i][k] = cos(h[i], mu[k]) / tau;
                max = Math.max(max, q[i][k]);
            }
            double z = 0;
            for (int k = 0; k < mu.length; k++) {
                q[i][k] = Math.exp(q[i][k] - max);
                z += q[i][k];
            }
            for (int k = 0; k < mu.length; k++) {
                q[i][k] /= z;
            }
        }
        return q;
    }

    private static double cos(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt((aa + 1e-12) * (bb + 1e-12));
    }

    /** p_ik ∝ q_ik² / Σ_j q_jk. */
    private static double[][] decTargets(double[][] q) {
        int k = q[0].length;
        double[] f = new double[k];
        for (double[] row : q) {
            for (int c = 0; c < k; c++) {
                f[c] += row[c];
            }
        }
        double[][] p = new double[q.length][k];
        for (int i = 0; i < q.length; i++) {
            double z = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = q[i][c] * q[i][c] / f[c];
                z += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= z;
            }
        }
        return p;
    }

    private static double klTo(double[][] p, double[][] h, double[][] mu, double tau) {
        double[][] q = softAssign(h, mu, tau);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                s += p[i][c] * (Math.log(p[i][c] + 1e-12) - Math.log(q[i][c]));
            }
        }
        return s / p.length;
    }

    private static double[] losses(SequenceModel m, Map<String, INDArray> feed) {
        Map<String, INDArray> out = m.graph().output(feed, SoftClusterGraph.ROBUST_LOSS, SoftClusterGraph.CLUSTER_LOSS);
        return new double[]{out.get(SoftClusterGraph.ROBUST_LOSS).getDouble(0), out.get(SoftClusterGraph.CLUSTER_LOSS).getDouble(0)};
    }
}
