package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * The GRU of ND4J's {@code gru} op, forward and backward through time, in Java with BLAS for the matrix products.
 *
 * <p>Why: ND4J 1.0.0-M2.1's native {@code gru_bp} is wrong (see {@link JavaGru}), and it re-runs the forward
 * recurrence and spends most of its time in element-wise loops over strided slices of the gate matrix (the two
 * native GRU ops took about three quarters of a GRU4Rec training step at B = 128, L = 200, d = 50). Here the
 * input projections of all time steps are one matrix product, each step does one small product for the recurrent
 * part and the gate arithmetic on plain arrays, and the weight gradients are one product each after the backward
 * loop.
 *
 * <p>The function is the native op's (gate order reset, update, candidate; the reset gate scales the recurrent
 * projection of the candidate, as in ND4J), with σ and tanh evaluated to within 4e-7 by {@link #tanh}:
 * <pre>
 *   [z_r, z_u, z_c] = x_t·W_x + b,   [a_r, a_u, a_c] = h_{t−1}·W_h
 *   r = σ(z_r + a_r),  u = σ(z_u + a_u),  c = tanh(z_c + r ⊙ a_c)
 *   h_t = u ⊙ h_{t−1} + (1 − u) ⊙ c
 * </pre>
 * Shapes: x [L, B, n] (time major), h0 [B, d], W_x [n, 3d], W_h [d, 3d], b [3d]; output h [L, B, d]. All arrays
 * below are row-major copies of those.
 */
final class GruKernel {

    private final int steps;
    private final int batch;
    private final int in;
    private final int units;
    private final float[] x;          // kept for the backward pass (null for inference)
    private final INDArray xRowMajor; // for inference: the input itself when row-major float, not copied to Java
    private final float[] h0;
    private final INDArray wx;
    private final INDArray wh;
    private final float[] bias;

    // kept by forward() for backward(), each [L, B, d]; the gate values only when a backward pass will follow
    private final float[] h;
    private final float[] reset;
    private final float[] update;
    private final float[] candidate;
    private final float[] recurrentCandidate; // a_c

    /** A kernel whose forward pass keeps what {@link #backward} needs. */
    GruKernel(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b) {
        this(x, h0, wx, wh, b, true);
    }

    /**
     * @param forBackward whether {@link #backward} will be called: if not, the forward pass keeps no gate values
     *                    (inference writes a fifth of the memory)
     */
    GruKernel(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, boolean forBackward) {
        this.steps = (int) x.size(0);
        this.batch = (int) x.size(1);
        this.in = (int) x.size(2);
        this.units = (int) h0.size(1);
        this.x = forBackward ? floats(x) : null;
        this.xRowMajor = forBackward ? null : JavaKernels.rowMajorFloat(x);
        this.h0 = floats(h0);
        this.wx = wx.castTo(DataType.FLOAT).dup('c');
        this.wh = wh.castTo(DataType.FLOAT).dup('c');
        this.bias = floats(b);
        int n = steps * batch * units;
        this.h = new float[n];
        this.reset = forBackward ? new float[n] : null;
        this.update = forBackward ? new float[n] : null;
        this.candidate = forBackward ? new float[n] : null;
        this.recurrentCandidate = forBackward ? new float[n] : null;
    }

    /**
     * Whether this kernel was built from arrays equal to these (same shapes and values): then its forward results
     * serve a backward pass on them.
     */
    boolean sameInputs(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b) {
        return this.x != null && x.size(0) == steps && x.size(1) == batch && x.size(2) == in && h0.size(1) == units
                && this.wx.equals(wx) && this.wh.equals(wh) // small: checked first
                && java.util.Arrays.equals(bias, floats(b)) && java.util.Arrays.equals(this.h0, floats(h0))
                && java.util.Arrays.equals(this.x, floats(x));
    }

    /** Runs the recurrence; returns h, row-major [L, B, d]. */
    float[] forward() {
        int d = units;
        int g = 3 * d;
        long rows = (long) steps * batch;
        INDArray inputs = x != null ? ScratchArrays.matrix("gru_inputs", x, rows, in)
                : xRowMajor.reshape('c', rows, in);
        // the input projections of all steps, [L·B, 3d], read one step's rows at a time (a Java copy of the whole
        // product would be three times the layer's input)
        INDArray projections = ScratchArrays.matrix("gru_projections", rows, g);
        Nd4j.gemm(inputs, wx, projections, false, false, 1.0, 0.0);
        FloatBuffer zAll = projections.data().asNioFloat();
        float[] z = new float[batch * g];
        INDArray previous = Nd4j.create(DataType.FLOAT, batch, d);
        INDArray recurrent = Nd4j.create(DataType.FLOAT, batch, g);
        float[] a = new float[batch * g];
        float[] gates = new float[batch * 2 * d];  // [r, u] of each row of this step
        float[] cand = new float[batch * d];
        // three passes per step: pre-activations, the activation over a whole array (a loop of plain arithmetic
        // that the JIT compiles to vector instructions), then the combination
        for (int t = 0; t < steps; t++) {
            float[] hp = t == 0 ? h0 : h;
            int hpOffset = t == 0 ? 0 : (t - 1) * batch * d;
            previous.data().asNioFloat().put(hp, hpOffset, batch * d);
            Nd4j.gemm(previous, wh, recurrent, false, false, 1.0, 0.0);
            recurrent.data().asNioFloat().get(a);
            zAll.get(t * batch * g, z, 0, batch * g);
            for (int i = 0; i < batch; i++) {
                int zRow = i * g;
                int aRow = i * g;
                int gRow = i * 2 * d;
                for (int j = 0; j < 2 * d; j++) {
                    gates[gRow + j] = z[zRow + j] + bias[j] + a[aRow + j];
                }
            }
            sigmoidInPlace(gates);
            for (int i = 0; i < batch; i++) {
                int zRow = i * g + 2 * d;
                int aRow = i * g + 2 * d;
                int gRow = i * 2 * d;
                for (int j = 0; j < d; j++) {
                    cand[i * d + j] = z[zRow + j] + bias[2 * d + j] + gates[gRow + j] * a[aRow + j];
                }
            }
            tanhInPlace(cand);
            for (int i = 0; i < batch; i++) {
                int out = (t * batch + i) * d;
                int prev = hpOffset + i * d;
                int uRow = i * 2 * d + d;
                for (int j = 0; j < d; j++) {
                    float u = gates[uRow + j];
                    h[out + j] = u * hp[prev + j] + (1 - u) * cand[i * d + j];
                }
                if (reset != null) {
                    System.arraycopy(gates, i * 2 * d, reset, out, d);
                    System.arraycopy(gates, uRow, update, out, d);
                    System.arraycopy(cand, i * d, candidate, out, d);
                    System.arraycopy(a, i * g + 2 * d, recurrentCandidate, out, d);
                }
            }
        }
        previous.close();
        recurrent.close();
        return h;
    }

    /** Gradients of the loss with respect to the op's inputs, row-major, shaped like them. */
    record Gradients(float[] x, float[] h0, float[] wx, float[] wh, float[] b) {
    }

    /**
     * Back-propagation through time of {@code dLdh} (row-major [L, B, d]: the loss gradient at every step's output).
     * Call {@link #forward()} first.
     */
    Gradients backward(float[] dLdh) {
        if (reset == null) {
            throw new IllegalStateException("this GRU kernel was built for inference only; it kept no gate values");
        }
        int d = units;
        int g = 3 * d;
        int rows = steps * batch;
        float[] dzInput = new float[rows * g];      // dL/d(x·W_x + b)
        float[] dzRecurrent = new float[rows * g];  // dL/d(h_{t−1}·W_h)
        float[] dhNext = new float[batch * d];      // dL/dh_{t} arriving through the recurrence
        float[] dhDirect = new float[batch * d];
        INDArray dzStep = Nd4j.create(DataType.FLOAT, batch, g);
        INDArray dhStep = Nd4j.create(DataType.FLOAT, batch, d);
        for (int t = steps - 1; t >= 0; t--) {
            for (int i = 0; i < batch; i++) {
                int at = (t * batch + i) * d;
                int zRow = (t * batch + i) * g;
                for (int j = 0; j < d; j++) {
                    float dh = dLdh[at + j] + dhNext[i * d + j];
                    float r = reset[at + j];
                    float u = update[at + j];
                    float c = candidate[at + j];
                    float prev = t == 0 ? h0[i * d + j] : h[at - batch * d + j];
                    float dzc = dh * (1 - u) * (1 - c * c);
                    float dzu = dh * (prev - c) * u * (1 - u);
                    float dzr = dzc * recurrentCandidate[at + j] * r * (1 - r);
                    dzInput[zRow + j] = dzr;
                    dzInput[zRow + d + j] = dzu;
                    dzInput[zRow + 2 * d + j] = dzc;
                    dzRecurrent[zRow + j] = dzr;
                    dzRecurrent[zRow + d + j] = dzu;
                    dzRecurrent[zRow + 2 * d + j] = dzc * r;
                    dhDirect[i * d + j] = dh * u;
                }
            }
            dzStep.data().asNioFloat().put(dzRecurrent, t * batch * g, batch * g);
            Nd4j.gemm(dzStep, wh, dhStep, false, true, 1.0, 0.0);
            dhStep.data().asNioFloat().get(dhNext);
            for (int k = 0; k < dhNext.length; k++) {
                dhNext[k] += dhDirect[k];
            }
        }
        float[] previous = new float[rows * d]; // h_{t−1} of every step: h0, h_0, …, h_{L−2}
        System.arraycopy(h0, 0, previous, 0, batch * d);
        System.arraycopy(h, 0, previous, batch * d, (steps - 1) * batch * d);
        float[] db = new float[g];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < g; k++) {
                db[k] += dzInput[r * g + k];
            }
        }
        // native copies in per-thread scratch matrices (see ScratchArrays for why they are not allocated anew)
        INDArray dzIn = ScratchArrays.matrix("gru_dz_input", dzInput, rows, g);
        float[] dx = ScratchArrays.product("gru_dx", dzIn, false, wx, true);
        INDArray inputs = ScratchArrays.matrix("gru_inputs", x, rows, in);
        float[] dwx = ScratchArrays.product("gru_dwx", inputs, true, dzIn, false);
        INDArray previousStates = ScratchArrays.matrix("gru_previous", previous, rows, d);
        INDArray dzRec = ScratchArrays.matrix("gru_dz_recurrent", dzRecurrent, rows, g);
        float[] dwh = ScratchArrays.product("gru_dwh", previousStates, true, dzRec, false);
        dzStep.close(); // native memory handed back now, not whenever the JVM collects the handles
        dhStep.close();
        return new Gradients(dx, dhNext, dwx, dwh, db);
    }

    /** Beyond this |v|, tanh(v) rounds to ±1 in float. */
    private static final float TANH_SATURATION = 9f;

    /**
     * tanh in float precision (absolute error under 4e-7, about five units in the last place near ±1) as a ratio of
     * polynomials in v², with no call and no branch, so that a loop over an array of them becomes vector
     * instructions: about 20 times faster than {@code Math.exp}-based forms in a measurement here. The coefficients
     * are a weighted least-squares rational fit of tanh(v)/v on [0, 9] made for this class (degree 6 over degree 3
     * in v²; {@code experiments/fit-tanh.py} reproduces it).
     */
    static float tanh(float v) {
        float x = Math.max(-TANH_SATURATION, Math.min(TANH_SATURATION, v));
        float s = x * x;
        float p = 1f + s * (0.13085094f + s * (3.1051494e-3f + s * (1.1166332e-5f + s * (-2.0271369e-8f
                + s * (5.298819e-11f + s * -8.539112e-14f)))));
        float q = 1f + s * (0.46418422f + s * (2.4499977e-2f + s * 2.5478555e-4f));
        return Math.max(-1f, Math.min(1f, x * p / q));
    }

    /** σ(v) = (1 + tanh(v/2)) / 2, with {@link #tanh}'s accuracy halved in absolute terms. */
    static float sigmoid(float v) {
        return 0.5f + 0.5f * tanh(0.5f * v);
    }

    private static void sigmoidInPlace(float[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = sigmoid(values[k]);
        }
    }

    private static void tanhInPlace(float[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = tanh(values[k]);
        }
    }

    static float[] floats(INDArray a) {
        return JavaKernels.read(a);
    }
}
