package io.robustrec.model.nd4j;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.GRU;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaGruTest {

    private static final int L = 6;
    private static final int B = 3;
    private static final int N = 4;
    private static final int D = 3;

    /** x, h0, W_x, W_h, b and an upstream gradient G, fixed by a seed. */
    private static INDArray[] inputs(long seed) {
        Nd4jRepairs.install();
        Nd4j.getRandom().setSeed(seed);
        return new INDArray[]{
                Nd4j.rand(DataType.FLOAT, L, B, N).subi(0.5).muli(2),
                Nd4j.rand(DataType.FLOAT, B, D).subi(0.5),
                Nd4j.rand(DataType.FLOAT, N, 3 * D).subi(0.5),
                Nd4j.rand(DataType.FLOAT, D, 3 * D).subi(0.5),
                Nd4j.rand(DataType.FLOAT, 3 * D).subi(0.5),
                Nd4j.rand(DataType.FLOAT, L, B, D).subi(0.5)};
    }

    @Test
    void forwardEqualsNdFourJsGru() {
        INDArray[] in = inputs(1);
        // the plain GRU class runs natively (only JavaGru is routed to Java)
        float[] expected = Nd4j.exec(new GRU(in[0], in[1], in[2], in[3], in[4]))[0].dup('c').data().asFloat();
        float[] actual = new GruKernel(in[0], in[1], in[2], in[3], in[4]).forward();
        assertArrayEquals(expected, actual, 1e-6f);
    }

    /** loss = Σ h ⊙ G, in double, for central differences. */
    private static double loss(INDArray[] in) {
        float[] h = new GruKernel(in[0], in[1], in[2], in[3], in[4]).forward();
        float[] g = in[5].dup('c').data().asFloat();
        double s = 0;
        for (int i = 0; i < h.length; i++) {
            s += (double) h[i] * g[i];
        }
        return s;
    }

    @Test
    void backwardMatchesFiniteDifferencesForEveryInput() {
        INDArray[] in = inputs(2);
        GruKernel kernel = new GruKernel(in[0], in[1], in[2], in[3], in[4]);
        kernel.forward();
        GruKernel.Gradients g = kernel.backward(in[5].dup('c').data().asFloat());
        float[][] analytic = {g.x(), g.h0(), g.wx(), g.wh(), g.b()};
        String[] names = {"x", "h0", "W_x", "W_h", "b"};
        double eps = 1e-2;
        for (int p = 0; p < 5; p++) {
            INDArray param = in[p];
            for (int i = 0; i < param.length(); i++) {
                double orig = param.getDouble(i);
                param.putScalar(i, orig + eps);
                double up = loss(in);
                param.putScalar(i, orig - eps);
                double down = loss(in);
                param.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                // ND4J 1.0.0-M2.1's native gru_bp misses these by up to 2e-2; the Java backward is within 3e-5
                assertEquals(numeric, analytic[p][i], 1e-4, "dL/d" + names[p] + "[" + i + "]");
            }
        }
    }

    @Test
    void gatesSaturateWithoutOverflow() {
        assertEquals(1f, GruKernel.tanh(1000f));
        assertEquals(-1f, GruKernel.tanh(-1000f));
        assertEquals(0f, GruKernel.sigmoid(-1000f));
        assertEquals(1f, GruKernel.sigmoid(1000f));
        for (float v = -12f; v <= 12f; v += 0.0137f) {
            // a rational approximation: a few units in the last place of a float near ±1
            assertEquals(Math.tanh(v), GruKernel.tanh(v), 4e-7, "tanh(" + v + ")");
            assertEquals(1 / (1 + Math.exp(-v)), GruKernel.sigmoid(v), 2e-7, "sigmoid(" + v + ")");
        }
        assertEquals(0f, GruKernel.tanh(0f));
        assertEquals(-GruKernel.tanh(0.7f), GruKernel.tanh(-0.7f), "odd");
    }

    @Test
    void sameDiffRunsTheJavaOpsAndTheirGradientsAreTheKernels() {
        assertTrue(JavaKernels.active(), "the CPU backend runs Java kernels");
        INDArray[] in = inputs(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", in[0]);
        SDVariable h0 = sd.var("h0", in[1]);
        SDVariable wx = sd.var("wx", in[2]);
        SDVariable wh = sd.var("wh", in[3]);
        SDVariable b = sd.var("b", in[4]);
        SDVariable h = new JavaGru(sd, x, h0, wx, wh, b).outputVariable();
        sd.setLossVariables(h.mul(sd.constant(in[5])).sum());
        Map<String, INDArray> grads = Gradients.quietly(() -> sd.calculateGradients(Map.of(), "x", "h0", "wx", "wh", "b"));
        boolean javaBackward = false;
        for (SameDiffOp op : sd.getFunction("grad").getOps().values()) {
            javaBackward |= op.getOp() instanceof JavaGruBackward;
        }
        assertTrue(javaBackward, "the gradient graph uses JavaGruBackward");
        GruKernel kernel = new GruKernel(in[0], in[1], in[2], in[3], in[4]);
        kernel.forward();
        GruKernel.Gradients g = kernel.backward(in[5].dup('c').data().asFloat());
        assertArrayEquals(g.x(), grads.get("x").dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(g.h0(), grads.get("h0").dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(g.wx(), grads.get("wx").dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(g.wh(), grads.get("wh").dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(g.b(), grads.get("b").dup('c').data().asFloat(), 1e-6f);
    }

    @Test
    void aBackwardNeverReusesTheForwardOfOtherInputs() {
        INDArray[] a = inputs(4);
        INDArray[] b = inputs(5);
        JavaGru forwardOnA = new JavaGru();
        forwardOnA.compute(List.of(a[0], a[1], a[2], a[3], a[4]), List.of()); // leaves a's forward pass behind
        JavaGruBackward backward = new JavaGruBackward();
        INDArray[] onB = backward.compute(List.of(b[0], b[1], b[2], b[3], b[4], b[5]), List.of());
        GruKernel fresh = new GruKernel(b[0], b[1], b[2], b[3], b[4]);
        fresh.forward();
        GruKernel.Gradients expected = fresh.backward(b[5].dup('c').data().asFloat());
        assertArrayEquals(expected.wh(), onB[3].dup('c').data().asFloat(), 0f);
        assertArrayEquals(expected.x(), onB[0].dup('c').data().asFloat(), 0f);
    }

    @Test
    void gru4recTrainsThroughTheJavaGru() {
        SequenceModel m = SequenceModel.build(Backbones.create("gru4rec"), new BackboneConfig(5, 4, 2, 1, 0), 7,
                LossKind.SOFTMAX, 1);
        int[][] input = {{0, 1, 2, 3, 4}, {0, 0, 5, 6, 7}};
        int[][] target = {{0, 2, 3, 4, 5}, {0, 0, 6, 7, 1}};
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            var out = m.gradientsAndOutputs(m.feed(input, target, target, null, true, 1L), List.of(SequenceModel.LOSS),
                    m.parameterNames());
            double loss = out.getOutputs().get(SequenceModel.LOSS).getDouble(0);
            first = step == 0 ? loss : first;
            last = loss;
            for (String p : m.parameterNames()) {
                m.parameters().get(p).subi(out.getGradients().get(p).mul(0.5));
            }
            m.releaseWorkingMemory();
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
