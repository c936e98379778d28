package io.robustrec.model.nd4j;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.LossKind;
import io.robustrec.model.SASRec;
import io.robustrec.model.SequenceModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionMemoryTest {

    private static final int[][] INPUT = {{0, 1, 2, 3}, {4, 5, 6, 7}};
    private static final int[][] TARGET = {{0, 2, 3, 4}, {5, 6, 7, 8}};

    @Test
    void releaseFreesTheStepArraysAndKeepsTheModelIntact() {
        SequenceModel m = SequenceModel.build(new SASRec(), new BackboneConfig(4, 8, 1, 2, 0.2), 9, LossKind.BCE, 3);
        float[] before = m.scoreAll(List.of(new int[]{1, 2, 3})).toFloatVector();
        Map<String, INDArray> feed = m.feed(INPUT, TARGET, TARGET, null, true, 11L);
        Map<String, INDArray> g = Gradients.quietly(() -> m.graph().calculateGradients(feed, m.parameterNames()));
        INDArray tableGradient = g.get(SequenceModel.ITEM_TABLE);
        assertFalse(tableGradient.wasClosed());

        long bytes = SessionMemory.release(m.graph());

        assertTrue(bytes > 0, "released " + bytes + " bytes");
        assertTrue(tableGradient.wasClosed(), "a gradient the run returned is freed with the run");
        for (String p : m.parameterNames()) {
            assertFalse(m.graph().getVariable(p).getArr().wasClosed(), p + " must survive");
        }
        // the graph still runs, on both paths, and the parameters are unchanged
        assertArrayEquals(before, m.scoreAll(List.of(new int[]{1, 2, 3})).toFloatVector(), 0f);
        Gradients.quietly(() -> m.graph().calculateGradients(m.feed(INPUT, TARGET, TARGET, null, true, 11L), m.parameterNames()));
        SessionMemory.release(m.graph());
    }
}
