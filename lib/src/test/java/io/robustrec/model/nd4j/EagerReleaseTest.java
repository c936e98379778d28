package io.robustrec.model.nd4j;

import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import io.robustrec.train.Optimizer;
import io.robustrec.train.OptimizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EagerReleaseTest {

    private static final int ITEMS = 30;
    private static final int L = 12;

    static Stream<Arguments> backbonesAndLosses() {
        List<Arguments> all = new ArrayList<>();
        for (String b : Backbones.NAMES) {
            for (LossKind k : LossKind.values()) {
                all.add(Arguments.of(b, k));
            }
        }
        return all.stream();
    }

    /**
     * Freeing intermediates during the run must not change a single bit: the same training steps through
     * {@link SequenceModel#gradientsAndOutputs} (freeing early) and through SameDiff directly (freeing at the end)
     * give identical losses, gradients and, afterwards, identical scores. The freed buffers are handed to later ops
     * filled with NaN, so an op that read its output before writing it would show.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backbonesAndLosses")
    void trainingStepsAreBitIdenticalToTheUnfreedRun(String backbone, LossKind loss) {
        BackboneConfig config = new BackboneConfig(L, 8, 2, 2, 0.2);
        SequenceModel eager = SequenceModel.build(Backbones.create(backbone), config, ITEMS, loss, 5);
        SequenceModel plain = SequenceModel.build(Backbones.create(backbone), config, ITEMS, loss, 5);
        eager.workingMemory().testMode(0, true); // recycle even these small buffers, as NaN until written
        Optimizer eagerOpt = new Optimizer(OptimizerKind.ADAM, 1e-2, 0, eager.parameters());
        Optimizer plainOpt = new Optimizer(OptimizerKind.ADAM, 1e-2, 0, plain.parameters());
        SplittableRandom rnd = new SplittableRandom(9);
        for (int step = 0; step < 4; step++) {
            int[][][] batch = batch(rnd, 6);
            long seed = 100L + step;
            OutAndGrad a = eager.gradientsAndOutputs(eager.feed(batch[0], batch[1], batch[2], null, true, seed),
                    List.of(SequenceModel.LOSS, SequenceModel.SAMPLE_LOSS, SequenceModel.HIDDEN), eager.parameterNames());
            OutAndGrad b = Gradients.quietly(() -> plain.graph().calculateGradientsAndOutputs(
                    plain.feed(batch[0], batch[1], batch[2], null, true, seed),
                    List.of(SequenceModel.LOSS, SequenceModel.SAMPLE_LOSS, SequenceModel.HIDDEN), plain.parameterNames()));
            for (String out : List.of(SequenceModel.LOSS, SequenceModel.SAMPLE_LOSS, SequenceModel.HIDDEN)) {
                // HIDDEN is an intermediate that later ops read: asked for, it must survive the run
                assertFalse(a.getOutputs().get(out).wasClosed(), out + " was freed although requested");
                assertArrayEquals(b.getOutputs().get(out).data().asFloat(), a.getOutputs().get(out).data().asFloat(), 0f,
                        "step " + step + " output " + out);
            }
            for (String p : eager.parameterNames()) {
                assertArrayEquals(b.getGradients().get(p).data().asFloat(), a.getGradients().get(p).data().asFloat(), 0f,
                        "step " + step + " gradient of " + p);
            }
            eagerOpt.step(eager.parameters(), a.getGradients(), 0);
            plainOpt.step(plain.parameters(), b.getGradients(), 0);
            eager.releaseWorkingMemory();
            plain.releaseWorkingMemory();
        }
        assertTrue(eager.eagerlyFreedBytes() > 0, "nothing was freed early");
        assertTrue(eager.workingMemory().reuses() > 0, "no freed buffer was reused");
        List<int[]> histories = List.of(new int[]{1, 2, 3}, new int[]{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertArrayEquals(plain.scoreAll(histories).data().asFloat(), eager.scoreAll(histories).data().asFloat(), 0f);
    }

    @Test
    void runningTheGraphDirectlyFreesNothingEarly() {
        SequenceModel m = SequenceModel.build(Backbones.create("sasrec"), new BackboneConfig(L, 8, 1, 1, 0.2), ITEMS,
                LossKind.BCE, 5);
        int[][][] batch = batch(new SplittableRandom(3), 4);
        Map<String, INDArray> feed = m.feed(batch[0], batch[1], batch[2], null, true, 1L);
        m.gradients(feed, m.parameterNames()); // builds the gradient graph: not freed early either
        m.releaseWorkingMemory();
        assertEquals(0, m.eagerlyFreedBytes());
        Gradients.quietly(() -> m.graph().calculateGradients(m.feed(batch[0], batch[1], batch[2], null, true, 1L),
                m.parameterNames()));
        assertEquals(0, m.eagerlyFreedBytes(), "the listener acts only inside the model's own methods");
        m.releaseWorkingMemory();
        m.gradients(m.feed(batch[0], batch[1], batch[2], null, true, 1L), m.parameterNames());
        assertTrue(m.eagerlyFreedBytes() > 0);
        m.releaseWorkingMemory();
    }

    private static int[][][] batch(SplittableRandom rnd, int rows) {
        int[][][] b = new int[3][rows][L];
        for (int r = 0; r < rows; r++) {
            int pad = rnd.nextInt(L - 2); // left padding, as real batches have
            for (int t = pad; t < L; t++) {
                for (int k = 0; k < 3; k++) {
                    b[k][r][t] = 1 + rnd.nextInt(ITEMS);
                }
            }
        }
        return b;
    }
}
