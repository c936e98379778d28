package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Row arithmetic shared by {@link JavaLayerNorm} and its backward pass. */
final class LayerNormKernel {

    private LayerNormKernel() {
    }

    /**
     * Replaces {@code v[start, start + d)} by its standardised values x̂ = (x − μ) / sqrt(σ² + ε) (biased variance)
     * and returns 1 / sqrt(σ² + ε).
     */
    static float normalise(float[] v, int start, int d) {
        float mean = 0f;
        for (int j = 0; j < d; j++) {
            mean += v[start + j];
        }
        mean /= d;
        float variance = 0f;
        for (int j = 0; j < d; j++) {
            float c = v[start + j] - mean;
            v[start + j] = c;
            variance += c * c;
        }
        float inverseStd = (float) (1.0 / Math.sqrt(variance / d + JavaLayerNorm.EPSILON));
        for (int j = 0; j < d; j++) {
            v[start + j] *= inverseStd;
        }
        return inverseStd;
    }

    /** The op's first three inputs as row-major floats: x (rows of {@code width} values), gain and bias. */
    record Inputs(float[] x, int width, float[] gain, float[] bias) {
    }

    /** Reads x, gain and bias, checking that gain and bias have one value per column of x. */
    static Inputs read(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        int d = (int) x.size(x.rank() - 1);
        float[] v = JavaKernels.read(x);
        float[] gain = JavaKernels.read(inputs.get(1));
        float[] bias = JavaKernels.read(inputs.get(2));
        if (d < 1 || v.length % d != 0 || gain.length != d || bias.length != d) {
            throw new IllegalArgumentException("layer norm: rows of " + d + " values, input of " + v.length
                    + ", gain of " + gain.length + ", bias of " + bias.length);
        }
        return new Inputs(v, d, gain, bias);
    }
}
