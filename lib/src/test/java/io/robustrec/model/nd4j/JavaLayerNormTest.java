package io.robustrec.model.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaLayerNormTest {

    private static final int N = 7;
    private static final int D = 5;

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    @Test
    void forwardIsTheLayerNormFormula() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, N, D).muli(3).addi(1);
        INDArray gain = Nd4j.rand(DataType.FLOAT, D).addi(0.5);
        INDArray bias = Nd4j.randn(DataType.FLOAT, D);
        INDArray y = new JavaLayerNorm().compute(List.of(x, gain, bias), List.of())[0];
        for (int i = 0; i < N; i++) {
            double mean = 0;
            for (int j = 0; j < D; j++) {
                mean += x.getDouble(i, j) / D;
            }
            double var = 0;
            for (int j = 0; j < D; j++) {
                var += Math.pow(x.getDouble(i, j) - mean, 2) / D;
            }
            for (int j = 0; j < D; j++) {
                double expected = (x.getDouble(i, j) - mean) / Math.sqrt(var + 1e-5) * gain.getDouble(j) + bias.getDouble(j);
                assertEquals(expected, y.getDouble(i, j), 1e-5, "row " + i + " col " + j);
            }
        }
    }

    /**
     * The forward pass's three-pass row (centred values not stored) is the arithmetic of the backward pass's
     * {@code normalise} followed by the affine step, bit for bit, so forward and backward see the same x̂; rows of
     * 50 and 7 values exercise the four-way partial sums and their remainder.
     */
    @Test
    void forwardRowIsBitIdenticalToNormaliseThenAffine() {
        java.util.Random random = new java.util.Random(4);
        for (int d : new int[]{50, 7}) {
            float[] gain = new float[d];
            float[] bias = new float[d];
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
                gain[j] = 0.5f + random.nextFloat();
                bias[j] = (float) random.nextGaussian();
                row[j] = 10f + 3f * (float) random.nextGaussian();
            }
            float[] fused = row.clone();
            LayerNormKernel.normaliseAffine(fused, 0, d, gain, bias);
            float[] stepwise = row.clone();
            LayerNormKernel.normalise(stepwise, 0, d);
            for (int j = 0; j < d; j++) {
                stepwise[j] = stepwise[j] * gain[j] + bias[j];
                assertEquals(Float.floatToIntBits(stepwise[j]), Float.floatToIntBits(fused[j]), "d " + d + " col " + j);
            }
        }
    }

    /**
     * The fused op inside a float SameDiff graph gives the gradients that the elementary form of the same function
     * gives in double precision (a one-term change of the backward formula fails this).
     */
    @Test
    void gradientsEqualThoseOfTheElementaryFormInDouble() {
        Nd4j.getRandom().setSeed(5);
        INDArray x0 = Nd4j.randn(DataType.DOUBLE, N, D).muli(2);
        INDArray g0 = Nd4j.rand(DataType.DOUBLE, D).addi(0.5);
        INDArray b0 = Nd4j.randn(DataType.DOUBLE, D);
        INDArray w0 = Nd4j.randn(DataType.DOUBLE, N, D);

        SameDiff fused = SameDiff.create();
        SDVariable x = fused.var("x", x0.castTo(DataType.FLOAT));
        SDVariable gain = fused.var("gain", g0.castTo(DataType.FLOAT));
        SDVariable bias = fused.var("bias", b0.castTo(DataType.FLOAT));
        SDVariable y = new JavaLayerNorm(fused, x, gain, bias).outputVariable();
        fused.setLossVariables(fused.math.square(y.mul(fused.constant(w0.castTo(DataType.FLOAT)))).sum("loss"));
        Map<String, INDArray> got = Gradients.quietly(() -> fused.calculateGradients(Map.of(), "x", "gain", "bias"));

        SameDiff plain = SameDiff.create();
        SDVariable px = plain.var("x", x0);
        SDVariable centred = px.sub(px.mean(true, -1));
        SDVariable inv = plain.math.rsqrt(centred.mul(centred).mean(true, -1).add(1e-5));
        SDVariable py = centred.mul(inv).mul(plain.var("gain", g0)).add(plain.var("bias", b0));
        plain.setLossVariables(plain.math.square(py.mul(plain.constant(w0))).sum("loss"));
        Map<String, INDArray> expected = Gradients.quietly(() -> plain.calculateGradients(Map.of(), "x", "gain", "bias"));

        for (String v : List.of("x", "gain", "bias")) {
            double[] e = expected.get(v).data().asDouble();
            double[] a = got.get(v).castTo(DataType.DOUBLE).data().asDouble();
            assertEquals(e.length, a.length, v);
            for (int k = 0; k < e.length; k++) {
                assertEquals(e[k], a[k], 2e-4 * (1 + Math.abs(e[k])), v + "[" + k + "]");
            }
        }
    }

    @Test
    void modelGraphsUseTheFusedOpOnTheCpuBackend() {
        assertTrue(JavaKernels.active());
        var m = io.robustrec.model.SequenceModel.build(io.robustrec.model.Backbones.create("sasrec"),
                new io.robustrec.model.BackboneConfig(4, 6, 1, 1, 0.0), 9, io.robustrec.model.LossKind.BCE, 1);
        long fusedOps = m.graph().getOps().values().stream().filter(o -> o.getOp() instanceof JavaLayerNorm).count();
        assertEquals(6, fusedOps, "two per block and the final one, in the full pass and in the last-position ranking pass");
    }

    /**
     * A graph built with ND4J's own layer norm (its own normalisation, any axis) keeps it: its copy in the
     * gradient graph is not computed in Java, and its gradient still matches finite differences in double.
     */
    @Test
    void nd4jsOwnLayerNormIsLeftAlone() {
        Nd4j.getRandom().setSeed(8);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.randn(DataType.DOUBLE, 4, 3));
        SDVariable gain = sd.var("g", Nd4j.rand(DataType.DOUBLE, 3).addi(0.5));
        SDVariable bias = sd.var("b", Nd4j.randn(DataType.DOUBLE, 3));
        SDVariable y = sd.nn.layerNorm(x, gain, bias, false, 1);
        sd.setLossVariables(sd.math.square(y.mul(sd.constant(Nd4j.randn(DataType.DOUBLE, 4, 3)))).sum("loss"));
        Gradients.quietly(() -> sd.calculateGradients(Map.of(), "x"));
        long copies = sd.getFunction("grad").getOps().values().stream()
                .filter(o -> o.getOp() instanceof JavaKernelOp).count();
        assertTrue(copies > 0, "the registry gives the gradient graph this library's class");
        assertTrue(sd.getFunction("grad").getOps().values().stream()
                .filter(o -> o.getOp() instanceof JavaKernelOp k)
                .noneMatch(o -> ((JavaKernelOp) o.getOp()).computedInJava()), "but not the Java computation");
        FiniteDifferences.assertGradient(sd, "x", Map.of(), 1e-6);
        FiniteDifferences.assertGradient(sd, "g", Map.of(), 1e-6);
    }

    @Test
    void mismatchedGainIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JavaLayerNorm().compute(
                List.of(Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 4), Nd4j.zeros(DataType.FLOAT, 3)),
                List.of()));
        assertEquals("layer norm: rows of 3 values, input of 6, gain of 4, bias of 3", e.getMessage());
    }
}
