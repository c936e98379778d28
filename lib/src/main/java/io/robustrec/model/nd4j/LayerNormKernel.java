package io.robustrec.model.nd4j;

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

    static void check(int length, int d, float[] gain, float[] bias) {
        if (d < 1 || length % d != 0 || gain.length != d || bias.length != d) {
            throw new IllegalArgumentException("layer norm: rows of " + d + " values, input of " + length
                    + ", gain of " + gain.length + ", bias of " + bias.length);
        }
    }
}
