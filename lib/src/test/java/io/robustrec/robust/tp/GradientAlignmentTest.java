package io.robustrec.robust.tp;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientAlignmentTest {

    private static final BackboneConfig SHAPE = new BackboneConfig(6, 8, 1, 1, 0.0);

    @Test
    void aUserAgreesWithItselfAndPairsComeInOrder() {
        SequenceModel m = SequenceModel.build(Backbones.create("gru4rec"), SHAPE, 12, LossKind.SOFTMAX, 2L);
        int[] a = {1, 2, 3, 4, 5};
        int[] b = {9, 8, 7, 11};
        int[] c = {4, 10, 12};
        double[] cos = GradientAlignment.pairwiseCosines(m, List.of(a, a, b, c), 1L);
        assertEquals(6, cos.length);
        assertEquals(1.0, cos[0], 1e-6, "pair (0, 1) is the same user twice");
        for (double x : cos) {
            assertTrue(x >= -1 - 1e-9 && x <= 1 + 1e-9, "cosine " + x);
        }
        assertTrue(cos[1] < 0.999, "different users' gradients differ: " + cos[1]);
        assertEquals(cos[1], cos[3], 1e-6, "(0, 2) and (1, 2) compare the same gradients");
        double[] backbone = GradientAlignment.pairwiseCosines(m, List.of(a, b), 1L, false);
        assertEquals(1, backbone.length);
        assertTrue(Math.abs(backbone[0] - cos[1]) > 1e-4, "without the item table the cosine changes");
        assertEquals(GradientAlignment.gradient(m, a, 1L, true).length - 13 * 8,
                GradientAlignment.gradient(m, a, 1L, false).length, "the item table has (12 + 1) x 8 entries");
    }

    @Test
    void worksOnAModelCarryingADiscriminator() {
        SequenceModel m = SequenceModel.build(Backbones.create("caser"), SHAPE, 12, LossKind.BCE, 2L);
        double before = GradientAlignment.meanPairwiseCosine(m, List.of(new int[]{1, 2, 3}, new int[]{3, 4, 5, 6}), 3L);
        SequenceModel m2 = SequenceModel.build(Backbones.create("caser"), SHAPE, 12, LossKind.BCE, 2L);
        Discriminator.attach(m2, 4, 1L);
        double after = GradientAlignment.meanPairwiseCosine(m2, List.of(new int[]{1, 2, 3}, new int[]{3, 4, 5, 6}), 3L);
        assertEquals(before, after, 1e-6, "λ = 0 is fed, so the discriminator does not change ∇L");
        assertThrows(IllegalArgumentException.class, () -> GradientAlignment.pairwiseCosines(m, List.of(new int[]{1, 2}), 1L));
    }
}
