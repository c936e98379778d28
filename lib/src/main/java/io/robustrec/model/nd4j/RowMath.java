package io.robustrec.model.nd4j;

/**
 * Reductions over a run of floats for the Java kernels, each in four partial results.
 *
 * <p>Why: a single running float sum is one long dependency chain (each add waits for the previous one) that the
 * JIT may not reorder; with rows of d = 50 values that chain was a third of the layer norm kernel.
 */
final class RowMath {

    private RowMath() {
    }

    /** Σ v[start, start + n), in four partial sums. */
    static float sum(float[] v, int start, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += v[start + j];
            s1 += v[start + j + 1];
            s2 += v[start + j + 2];
            s3 += v[start + j + 3];
        }
        for (; j < n; j++) {
            s0 += v[start + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ a[aStart + j] · b[bStart + j] for j &lt; n, in four partial sums. */
    static float dot(float[] a, int aStart, float[] b, int bStart, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[aStart + j] * b[bStart + j];
            s1 += a[aStart + j + 1] * b[bStart + j + 1];
            s2 += a[aStart + j + 2] * b[bStart + j + 2];
            s3 += a[aStart + j + 3] * b[bStart + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[aStart + j] * b[bStart + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (v[start + j] − centre)² for j &lt; n, in four partial sums, without storing the differences. */
    static float centredSquares(float[] v, int start, int n, float centre) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            float c0 = v[start + j] - centre;
            float c1 = v[start + j + 1] - centre;
            float c2 = v[start + j + 2] - centre;
            float c3 = v[start + j + 3] - centre;
            s0 += c0 * c0;
            s1 += c1 * c1;
            s2 += c2 * c2;
            s3 += c3 * c3;
        }
        for (; j < n; j++) {
            float c = v[start + j] - centre;
            s0 += c * c;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** max v[start, start + n) (−∞ when n = 0; NaN when any value is NaN). */
    static float max(float[] v, int start, int n) {
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = Float.NEGATIVE_INFINITY;
        float m2 = Float.NEGATIVE_INFINITY;
        float m3 = Float.NEGATIVE_INFINITY;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            m0 = Math.max(m0, v[start + j]);
            m1 = Math.max(m1, v[start + j + 1]);
            m2 = Math.max(m2, v[start + j + 2]);
            m3 = Math.max(m3, v[start + j + 3]);
        }
        for (; j < n; j++) {
            m0 = Math.max(m0, v[start + j]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }
}
