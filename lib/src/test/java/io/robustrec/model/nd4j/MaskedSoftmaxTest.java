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

class MaskedSoftmaxTest {

    // batch 2, 2 heads, the last 3 of 5 positions as queries; sequence 0 has two padded keys, sequence 1 none
    private static final float[][] KEY_MASK = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}};

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    @Test
    void weightsAreTheSoftmaxOverVisibleKeysInFloatAndDouble() {
        assertSoftmaxOverVisibleKeys(KEY_MASK);
    }

    /**
     * Left padding (every sequence this library builds, and trivially a row of padding only) takes a shorter path in
     * float; keys masked anywhere else (a hole in the middle, padding at the end) take the general one. Both give the
     * formula's weights, and a row of padding only gives zeros.
     */
    @Test
    void masksThatAreNotLeftPaddingGiveTheSameFormula() {
        assertSoftmaxOverVisibleKeys(new float[][]{{1, 0, 1, 1, 1}, {0, 0, 0, 0, 0}});
        assertSoftmaxOverVisibleKeys(new float[][]{{1, 1, 1, 1, 0}, {0, 0, 0, 0, 1}});
    }

    private static void assertSoftmaxOverVisibleKeys(float[][] keyMask) {
        Nd4j.getRandom().setSeed(11);
        INDArray scores = Nd4j.randn(DataType.DOUBLE, 2, 2, 3, 5).muli(4);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray mask = Nd4j.createFromArray(keyMask).castTo(type);
            INDArray a = new MaskedSoftmax().compute(List.of(scores.castTo(type), mask), List.of())[0];
            double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 2; h++) {
                    for (int i = 0; i < 3; i++) {
                        double z = 0;
                        for (int j = 0; j <= i + 2; j++) {
                            z += keyMask[b][j] * Math.exp(scores.getDouble(b, h, i, j));
                        }
                        for (int j = 0; j < 5; j++) {
                            boolean visible = j <= i + 2 && keyMask[b][j] == 1;
                            double expected = visible ? Math.exp(scores.getDouble(b, h, i, j)) / z : 0;
                            assertEquals(expected, a.getDouble(b, h, i, j), tolerance, type + " " + b + h + i + j);
                        }
                    }
                }
            }
        }
    }

    /** A query whose visible keys are all padding (the first position of a short sequence) gets zero weights. */
    @Test
    void aQuerySeeingOnlyPaddingGetsZeros() {
        INDArray scores = Nd4j.rand(DataType.FLOAT, 1, 1, 3, 3);
        INDArray mask = Nd4j.createFromArray(new float[][]{{0, 1, 1}});
        INDArray a = new MaskedSoftmax().compute(List.of(scores, mask), List.of())[0];
        assertEquals(0.0, a.slice(0).slice(0).getRow(0).sumNumber().doubleValue(), 0.0);
        assertEquals(1.0, a.slice(0).slice(0).getRow(1).sumNumber().doubleValue(), 1e-6);
        assertEquals(1.0, a.getDouble(0, 0, 1, 1), 1e-6);
    }

    /** Every output entry is written: a recycled output buffer full of NaN is overwritten completely. */
    @Test
    void overwritesEveryEntryOfAReusedOutput() {
        INDArray scores = Nd4j.rand(DataType.FLOAT, 2, 2, 3, 5);
        INDArray out = Nd4j.valueArrayOf(new long[]{2, 2, 3, 5}, Float.NaN, DataType.FLOAT);
        new MaskedSoftmax().compute(List.of(scores, Nd4j.createFromArray(KEY_MASK)), List.of(out));
        assertEquals(0, out.isNaN().castTo(DataType.INT).sumNumber().intValue());
        assertEquals(12.0, out.sumNumber().doubleValue(), 1e-5); // 12 rows, each summing to one
    }

    @Test
    void aNaNScoreMakesItsRowNaN() {
        INDArray scores = Nd4j.rand(DataType.FLOAT, 1, 1, 2, 2);
        scores.putScalar(new long[]{0, 0, 1, 0}, Float.NaN);
        INDArray a = new MaskedSoftmax().compute(List.of(scores, Nd4j.ones(DataType.FLOAT, 1, 2)), List.of())[0];
        assertTrue(Double.isNaN(a.getDouble(0, 0, 1, 1)));
        assertEquals(1.0, a.getDouble(0, 0, 0, 0), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(12);
        SDVariable s = sd.var("s", Nd4j.randn(DataType.DOUBLE, 2, 2, 3, 5));
        SDVariable mask = sd.constant("mask", Nd4j.createFromArray(KEY_MASK).castTo(DataType.DOUBLE));
        SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 5));
        SDVariable a = new MaskedSoftmax(sd, s, mask).outputVariable();
        sd.setLossVariables(sd.math.square(a.mul(w)).sum("loss"));
        FiniteDifferences.assertGradient(sd, "s", Map.of(), 1e-7);
    }

    @Test
    void mismatchedShapesAreAnErrorNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaskedSoftmax()
                .compute(List.of(Nd4j.rand(DataType.FLOAT, 2, 1, 3, 5), Nd4j.ones(DataType.FLOAT, 2, 4)), List.of()));
        assertTrue(e.getMessage().contains("[2, 1, 3, 5]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }

    /** Within 2.5e-7 of e^x from the underflow bound to 88, shifted arguments included; NaN stays NaN. */
    @Test
    void floatExpIsAccurateOverTheWholeFloatRange() {
        int n = 175_700;
        float[] v = new float[n + 3];
        for (int j = 0; j < n; j++) {
            v[j] = 1f + FloatExp.UNDERFLOW + j * 1e-3f; // shifted by 1 below: arguments from -87.33 to 88.37
        }
        v[n] = 1f;       // e^0
        v[n + 1] = -99f; // below the bound: raised to it
        v[n + 2] = Float.NaN;
        float[] x = v.clone();
        FloatExp.expShifted(v, v.length, 1f, new float[v.length], new int[v.length]);
        double worst = 0;
        for (int j = 0; j < n; j++) {
            double exact = Math.exp(x[j] - 1f); // of the argument as float subtraction rounds it
            worst = Math.max(worst, Math.abs(v[j] - exact) / exact);
        }
        assertTrue(worst < 2.5e-7, "worst relative error " + worst);
        assertEquals(1f, v[n]);
        assertEquals(Math.exp(FloatExp.UNDERFLOW), v[n + 1], 1e-6 * Math.exp(FloatExp.UNDERFLOW));
        assertTrue(Float.isNaN(v[n + 2]));
    }
}
