package io.robustrec.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutSiteTest {

    @Test
    void maskIsInvertedDropoutWithTheRequestedRate() {
        DropoutSite site = new DropoutSite("m", 1000);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(5L);
        INDArray mask = site.mask(20, 0.25, rng);
        assertArrayEquals(new long[]{20, 1000}, mask.shape());
        int zeros = 0;
        for (float v : mask.reshape(-1).toFloatVector()) {
            assertTrue(v == 0f || Math.abs(v - 4f / 3f) < 1e-6, "entry " + v);
            zeros += v == 0f ? 1 : 0;
        }
        assertEquals(0.25, zeros / 20_000.0, 0.015); // 5 standard deviations of a binomial(20000, 0.25) share
        assertEquals(1.0, mask.meanNumber().doubleValue(), 0.02);
    }

    @Test
    void sameSeedGivesTheSameMask() {
        DropoutSite site = new DropoutSite("m", 50);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(0L);
        rng.setSeed(42L);
        float[] a = site.mask(4, 0.5, rng).reshape(-1).toFloatVector();
        rng.setSeed(43L);
        float[] b = site.mask(4, 0.5, rng).reshape(-1).toFloatVector();
        rng.setSeed(42L);
        float[] c = site.mask(4, 0.5, rng).reshape(-1).toFloatVector();
        assertArrayEquals(a, c, 0f);
        assertTrue(!java.util.Arrays.equals(a, b), "another seed gives another mask");
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DropoutSite("m", 0));
        assertTrue(e.getMessage().contains("elementsPerSequence=0"), e.getMessage());
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(0L);
        e = assertThrows(IllegalArgumentException.class, () -> new DropoutSite("m", 3).mask(2, 1.0, rng));
        assertTrue(e.getMessage().contains("rate=1.0"), e.getMessage());
    }
}
