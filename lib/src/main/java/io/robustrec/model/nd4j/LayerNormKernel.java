package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Row arithmetic shared by {@link JavaLayerNorm} and its backward pass, and the streaming of rows between ND4J's
 * native arrays and a small Java buffer.
 *
 * <p>Why stream: copying a whole [B·L, d] activation into a Java array (5 MB at the benchmark shape) allocated
 * large short-lived heap arrays on every call.
 */
final class LayerNormKernel {

    /** Rows copied between native memory and the Java buffer at a time. */
    static final int CHUNK_ROWS = 256;

    private LayerNormKernel() {
    }

    /**
     * Replaces {@code v[start, start + d)} by its standardised values x̂ = (x − μ) / sqrt(σ² + ε) (biased variance)
     * and returns 1 / sqrt(σ² + ε).
     */
    static float normalise(float[] v, int start, int d) {
        float mean = RowMath.sum(v, start, d) / d;
        for (int j = start; j < start + d; j++) {
            v[j] -= mean;
        }
        float inverseStd = (float) (1.0 / Math.sqrt(RowMath.dot(v, start, v, start, d) / d + JavaLayerNorm.EPSILON));
        for (int j = start; j < start + d; j++) {
            v[j] *= inverseStd;
        }
        return inverseStd;
    }

    /**
     * Replaces {@code v[start, start + d)} by its layer norm x̂ · gain + bias, the same arithmetic as
     * {@link #normalise} followed by the affine step, in three passes over the row instead of five (the centred
     * values are not stored in between).
     */
    static void normaliseAffine(float[] v, int start, int d, float[] gain, float[] bias) {
        float mean = RowMath.sum(v, start, d) / d;
        float inverseStd = (float) (1.0 / Math.sqrt(RowMath.centredSquares(v, start, d, mean) / d
                + JavaLayerNorm.EPSILON));
        for (int j = 0; j < d; j++) {
            v[start + j] = ((v[start + j] - mean) * inverseStd) * gain[j] + bias[j];
        }
    }

    /** The op's x (as a row-major float array in its own buffer), its row width, and the gain and bias values. */
    record Inputs(INDArray x, int width, long rows, float[] gain, float[] bias) {
    }

    /** Reads x, gain and bias, checking that gain and bias have one value per column of x. */
    static Inputs read(List<INDArray> inputs) {
        INDArray x = JavaKernels.rowMajorFloat(inputs.get(0));
        int d = (int) x.size(x.rank() - 1);
        float[] gain = JavaKernels.read(inputs.get(1));
        float[] bias = JavaKernels.read(inputs.get(2));
        if (d < 1 || x.length() % d != 0 || gain.length != d || bias.length != d) {
            throw new IllegalArgumentException("layer norm: rows of " + d + " values, input of " + x.length()
                    + ", gain of " + gain.length + ", bias of " + bias.length);
        }
        return new Inputs(x, d, x.length() / d, gain, bias);
    }

    /** A row-major float array to compute {@code out}'s values in: {@code out} itself when it is one. */
    static INDArray workArray(INDArray out) {
        return JavaKernels.contiguousFloat(out) ? out : Nd4j.create(DataType.FLOAT, out.shape());
    }

    /** Copies {@code work} into {@code out} when they differ ({@link #workArray}), returning {@code out}. */
    static INDArray finish(INDArray work, INDArray out) {
        if (work != out) {
            out.assign(work.castTo(out.dataType()));
        }
        return out;
    }

    /** Native memory of a row-major float array. */
    static FloatBuffer buffer(INDArray rowMajorFloat) {
        return rowMajorFloat.data().asNioFloat();
    }
}
