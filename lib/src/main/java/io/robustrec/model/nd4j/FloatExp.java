package io.robustrec.model.nd4j;

/**
 * e^x in single precision, to within 2.5e-7 relative error, for a run of values in passes that the JIT vectorises
 * ({@link #expShifted}): the Java kernels' softmax.
 *
 * <p>Why not {@code Math.exp}: it works in double precision, one value at a time, and cost the attention softmax
 * more than the rest of the kernel together. Here x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in a high part with trailing
 * zero bits and a low part, so that n·ln 2 is subtracted almost exactly), e^r by its Taylor polynomial of degree 7
 * (truncation error below 6e-9) and 2^n written straight into the exponent bits.
 */
final class FloatExp {

    /** Arguments below this are raised to it: e^x would be under the smallest normal float. */
    static final float UNDERFLOW = -87.33f;

    private static final float LOG2_E = 1.4426950408889634f;
    private static final float LN2_HIGH = 0.693145751953125f; // 12 trailing zero bits: n · LN2_HIGH is exact
    private static final float LN2_LOW = 1.4286067653e-6f;

    private static final float ROUNDING = 12582912f; // 1.5 · 2^23: adding and subtracting it rounds to an integer

    private FloatExp() {
    }

    /**
     * Replaces {@code v[j]} by e^(v[j] − shift) for j &lt; n, where every v[j] − shift ≤ 88 (a softmax subtracts the
     * row maximum, so all are ≤ 0). Results under the smallest normal float (e^-87.33) come out as that float, not 0;
     * NaN stays NaN.
     *
     * <p>Three passes over the run, because one loop body that mixes float arithmetic with the float-to-int
     * conversion and the bit reinterpretation is not vectorised by the JIT (measured: about 5 ns per value in one
     * loop, under 1 ns in three).
     *
     * @param exponent scratch of at least n floats
     * @param bits     scratch of at least n ints
     */
    static void expShifted(float[] v, int n, float shift, float[] exponent, int[] bits) {
        for (int j = 0; j < n; j++) {
            float x = Math.max(v[j] - shift, UNDERFLOW);
            float power = (x * LOG2_E + ROUNDING) - ROUNDING; // nearest integer to x / ln 2
            float r = x - power * LN2_HIGH - power * LN2_LOW;
            v[j] = 1f + r * (1f + r * (1f / 2 + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720
                    + r * (1f / 5040)))))));
            exponent[j] = power;
        }
        for (int j = 0; j < n; j++) {
            bits[j] = ((int) exponent[j] + 127) << 23;
        }
        for (int j = 0; j < n; j++) {
            v[j] *= Float.intBitsToFloat(bits[j]);
        }
    }
}
