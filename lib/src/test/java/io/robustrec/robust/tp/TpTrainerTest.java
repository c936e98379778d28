package io.robustrec.robust.tp;

import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.train.EpochRecord;
import io.robustrec.train.ErmTrainer;
import io.robustrec.train.OptimizerKind;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.TrainResult;
import io.robustrec.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpTrainerTest {

    private static SplitData split;
    private static final BackboneConfig SHAPE = new BackboneConfig(12, 8, 1, 1, 0.0);

    @BeforeAll
    static void world() {
        WorldConfig cfg = WorldConfig.defaults().toBuilder().numUsers(160).numItems(60).numCategories(3).maxLength(40)
                .noiseRatio(0).noShift().seed(8).build();
        split = Splits.leaveOneOut(SyntheticWorld.generate(cfg).toSequenceDataset());
    }

    private static TrainConfig small() {
        return TrainConfig.defaults().withEpochs(1).withBatchSize(32).withLearningRate(5e-3).withPatience(0)
                .withLoss(LossKind.SOFTMAX).withSeed(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "gru4rec", "caser"})
    void runsWithEveryBackbone(String backbone) {
        TpTrainer tp = new TpTrainer(TpConfig.defaults().withAdversarialWeight(0.5));
        TrainResult r = tp.fit(Backbones.create(backbone), SHAPE, split, small(), TrainingListener.NONE);
        assertEquals("tp", r.provenance().trainer());
        assertEquals(1, r.history().size());
        assertTrue(Double.isFinite(r.history().get(0).meanLoss()), r.history().toString());
        assertTrue(r.bestValidationNdcg10() >= 0 && r.bestValidationNdcg10() <= 1);
        assertEquals(1, tp.discriminatorHistory().size());
        TpTrainer.DiscriminatorRecord d = tp.discriminatorHistory().get(0);
        assertTrue(d.accuracy() >= 0 && d.accuracy() <= 1 && d.bce() > 0, d.toString());
        assertTrue(Discriminator.isAttached(r.model()));
    }

    /**
     * One inner step, no adversary, outer SGD with β = 1: θ ← Θ − (Θ − (Θ − α∇L)) = Θ − α∇L, plain SGD at rate α on
     * each task of u users. The loop's batch of 32 is cut into tasks of u users (u divides 32), so TP equals SGD with
     * batches of u.
     */
    @ParameterizedTest
    @ValueSource(ints = {32, 4})
    void oneInnerStepWithoutAdversaryAndUnitOuterRateIsPlainSgdOnBatchesOfOneTask(int usersPerStep) {
        double alpha = 0.05;
        TrainConfig base = small().withEpochs(2).withOptimizer(OptimizerKind.SGD);
        TrainResult tp = new TpTrainer(TpConfig.defaults().withInnerSteps(1).withUsersPerStep(usersPerStep)
                .withInnerRate(alpha).withAdversarialWeight(0))
                .fit(Backbones.create("gru4rec"), SHAPE, split, base.withLearningRate(1.0), TrainingListener.NONE);
        TrainResult sgd = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withLearningRate(alpha).withBatchSize(usersPerStep), TrainingListener.NONE);
        assertSameParameters(sgd.model().parameters(), tp.model().parameters());
        boolean moved = false;
        for (int e = 0; e < 2; e++) {
            assertEquals(sgd.history().get(e).meanLoss(), tp.history().get(e).meanLoss(), 1e-4);
            moved |= e > 0 && tp.history().get(e).meanLoss() < tp.history().get(0).meanLoss();
        }
        assertTrue(moved, "training must change the loss");
    }

    /**
     * A batch of B users makes ⌈B / (k·u)⌉ outer iterations: with k = 2, u = 4 and the adversary on, batches of 16
     * (two outer iterations each) train the same weights as batches of 8 (one each), which see the users in the same
     * order; a batch of 16 with 8 users per step (one outer iteration) does not.
     */
    @Test
    void aBatchIsCutIntoOuterIterationsOfKTasks() {
        TpConfig tc = TpConfig.defaults().withInnerSteps(2).withUsersPerStep(4).withAdversarialWeight(0.5);
        TrainResult eight = new TpTrainer(tc).fit(Backbones.create("gru4rec"), SHAPE, split,
                small().withBatchSize(8), TrainingListener.NONE);
        TrainResult sixteen = new TpTrainer(tc).fit(Backbones.create("gru4rec"), SHAPE, split,
                small().withBatchSize(16), TrainingListener.NONE);
        assertSameParameters(eight.model().parameters(), sixteen.model().parameters());
        TrainResult bigTasks = new TpTrainer(tc.withUsersPerStep(8)).fit(Backbones.create("gru4rec"), SHAPE, split,
                small().withBatchSize(16), TrainingListener.NONE);
        INDArray a = eight.model().parameters().get(eight.model().parameters().keySet().iterator().next());
        INDArray b = bigTasks.model().parameters().get(eight.model().parameters().keySet().iterator().next());
        assertTrue(a.sub(b).norm2Number().doubleValue() > 1e-4, "tasks of 8 users must train other weights");
    }

    /**
     * Reptile's batched form with one inner step, no adversary and outer SGD with β = 1 is
     * θ ← Θ − α · (1/M) Σ_m ∇L(D_m). With one target per row (the last-item loss) and M tasks of u users each, that
     * is plain SGD on batches of M · u users; a single chain of the same 16 users (tasks of 4, k = 4) is not.
     */
    @Test
    void chainsAverageTheirDisplacements() {
        double alpha = 0.05;
        assertEquals(0, split.train().size() % 16, "every batch must hold four whole tasks");
        TrainConfig base = small().withEpochs(2).withOptimizer(OptimizerKind.SGD).withLoss(LossKind.SOFTMAX_LAST);
        TpConfig chains = TpConfig.defaults().withInnerSteps(1).withUsersPerStep(4).withChains(4).withInnerRate(alpha)
                .withAdversarialWeight(0);
        TrainResult tp = new TpTrainer(chains).fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withLearningRate(1.0).withBatchSize(16), TrainingListener.NONE);
        TrainResult sgd = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withLearningRate(alpha).withBatchSize(16), TrainingListener.NONE);
        assertSameParameters(sgd.model().parameters(), tp.model().parameters());
        TrainResult oneChain = new TpTrainer(chains.withChains(1).withInnerSteps(4)).fit(Backbones.create("gru4rec"),
                SHAPE, split, base.withLearningRate(1.0).withBatchSize(16), TrainingListener.NONE);
        String name = tp.model().parameters().keySet().iterator().next();
        double gap = tp.model().parameters().get(name).sub(oneChain.model().parameters().get(name)).norm2Number().doubleValue();
        assertTrue(gap > 1e-4, "one chain of four steps must train other weights than four chains of one step: gap " + gap);
    }

    /**
     * With every window of a user, users have different numbers of targets. One-user tasks weighted by their targets
     * (k = 1, no adversary, outer SGD with β = 1, 16 chains) take the step of one task of all 16 users, the mean over
     * all their targets; unweighted one-user tasks (each user's own mean) do not.
     */
    @Test
    void tasksWeightedByTargetsCountEveryTargetOfTheIterationTheSame() {
        double alpha = 0.05;
        TrainConfig base = small().withEpochs(2).withOptimizer(OptimizerKind.SGD).withLearningRate(1.0).withBatchSize(16)
                .withTargetMode(io.robustrec.data.TargetMode.ALL_POSITIONS, true);
        TpConfig oneTask = TpConfig.defaults().withInnerSteps(1).withUsersPerStep(16).withInnerRate(alpha)
                .withAdversarialWeight(0);
        TpConfig oneUserTasks = oneTask.withUsersPerStep(1).withChains(16);
        TrainResult whole = new TpTrainer(oneTask).fit(Backbones.create("gru4rec"), SHAPE, split, base, TrainingListener.NONE);
        TrainResult weighted = new TpTrainer(oneUserTasks.withWeightTasksByTargets(true)).fit(Backbones.create("gru4rec"),
                SHAPE, split, base, TrainingListener.NONE);
        assertSameParameters(whole.model().parameters(), weighted.model().parameters());
        TrainResult equal = new TpTrainer(oneUserTasks).fit(Backbones.create("gru4rec"), SHAPE, split, base,
                TrainingListener.NONE);
        String name = whole.model().parameters().keySet().iterator().next();
        double gap = whole.model().parameters().get(name).sub(equal.model().parameters().get(name)).norm2Number().doubleValue();
        assertTrue(gap > 1e-4, "each user's own mean must weight users differently: gap " + gap);
    }

    @Test
    void aBatchSmallerThanOneOuterIterationOfChainsIsRefusedWithTheNumbers() {
        TpTrainer tp = new TpTrainer(TpConfig.defaults().withInnerSteps(2).withUsersPerStep(1).withChains(16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tp.fit(Backbones.create("gru4rec"),
                SHAPE, split, small().withBatchSize(8), TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("batchSize=8 is smaller than one TP outer iteration, chains × innerSteps × "
                + "usersPerStep = 16 × 2 × 1 = 32 users"), e.getMessage());
    }

    @Test
    void aBatchSmallerThanOneOuterIterationIsRefusedWithTheNumbers() {
        TpTrainer tp = new TpTrainer(TpConfig.defaults().withInnerSteps(2).withUsersPerStep(16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tp.fit(Backbones.create("gru4rec"),
                SHAPE, split, small().withBatchSize(8), TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("batchSize=8 is smaller than one TP outer iteration, innerSteps × "
                + "usersPerStep = 2 × 16 = 32 users"), e.getMessage());
    }

    private static void assertSameParameters(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String n : expected.keySet()) {
            assertArrayEquals(expected.get(n).reshape(-1).toDoubleVector(), actual.get(n).reshape(-1).toDoubleVector(),
                    2e-5, n);
        }
    }

    /**
     * With every target trained on, a task holds all windows of its users: one task of all 160 users (k = 1, no
     * adversary, SGD with β = 1) is one full-batch SGD step over every window, which is ERM with one batch of all
     * windows. Averaging each user's targets first must change that step, since users have different numbers of
     * targets.
     */
    @Test
    void withAllWindowsATaskHoldsEveryWindowOfItsUsers() {
        double alpha = 0.05;
        int users = split.train().size();
        TrainConfig base = small().withEpochs(2).withOptimizer(OptimizerKind.SGD)
                .withTargetMode(io.robustrec.data.TargetMode.ALL_POSITIONS, true);
        TpConfig oneTask = TpConfig.defaults().withInnerSteps(1).withUsersPerStep(users).withInnerRate(alpha)
                .withAdversarialWeight(0);
        TrainResult tp = new TpTrainer(oneTask).fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withLearningRate(1.0).withBatchSize(users), TrainingListener.NONE);
        TrainResult fullBatch = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withLearningRate(alpha).withBatchSize(100_000), TrainingListener.NONE);
        assertSameParameters(fullBatch.model().parameters(), tp.model().parameters());
        TrainResult lastWindows = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split,
                base.withTargetMode(io.robustrec.data.TargetMode.ALL_POSITIONS, false).withLearningRate(alpha)
                        .withBatchSize(100_000), TrainingListener.NONE);
        TrainResult equalUsers = new TpTrainer(oneTask.withEqualUserWeights(true)).fit(Backbones.create("gru4rec"),
                SHAPE, split, base.withLearningRate(1.0).withBatchSize(users), TrainingListener.NONE);
        String name = tp.model().parameters().keySet().iterator().next();
        for (TrainResult other : new TrainResult[]{lastWindows, equalUsers}) {
            double gap = tp.model().parameters().get(name).sub(other.model().parameters().get(name)).norm2Number().doubleValue();
            assertTrue(gap > 1e-4, "gap " + gap);
        }
    }

    /** Equal user weights turn the mean over a task's targets into the mean over users of each user's mean. */
    @Test
    void equalUserWeightsAverageEachUsersTargetsFirst() {
        // user 7: two rows with 2 + 1 targets; user 9: one row with 1 target
        io.robustrec.data.Batch task = new io.robustrec.data.Batch(
                new int[][]{{1, 2, 3}, {0, 0, 4}, {0, 0, 5}}, new int[][]{{0, 3, 4}, {0, 0, 6}, {0, 0, 7}},
                new int[3][3], new int[]{4, 6, 7}, new int[]{7, 7, 9});
        float[][] w = TpTrainer.equalUserWeights(task);
        double[][] loss = {{0, 1.0, 2.0}, {0, 0, 6.0}, {0, 0, 10.0}};
        double weighted = 0;
        int targets = 0;
        for (int j = 0; j < 3; j++) {
            for (int t = 0; t < 3; t++) {
                if (task.positive()[j][t] != 0) {
                    weighted += w[j][t] * loss[j][t];
                    targets++;
                }
            }
        }
        assertEquals(4, targets);
        assertEquals(0.5 * ((1.0 + 2.0 + 6.0) / 3) + 0.5 * 10.0, weighted / targets, 1e-6);
    }

    /** k = 2 takes a genuinely different path from k = 1 (the second step sees the first). */
    @Test
    void twoInnerStepsDifferFromOne() {
        TrainConfig c = small();
        TrainResult one = new TpTrainer(TpConfig.defaults().withInnerSteps(1).withAdversarialWeight(0))
                .fit(Backbones.create("gru4rec"), SHAPE, split, c, TrainingListener.NONE);
        TrainResult two = new TpTrainer(TpConfig.defaults().withInnerSteps(2).withAdversarialWeight(0))
                .fit(Backbones.create("gru4rec"), SHAPE, split, c, TrainingListener.NONE);
        assertFalse(one.history().get(0).meanLoss() == two.history().get(0).meanLoss());
    }

    /** A run killed after epoch 0 and resumed (discriminator and its optimizer from the checkpoint) ends as an uninterrupted one. */
    @Test
    void resumeFromCheckpointEqualsUninterruptedRun(@TempDir Path dir) {
        TrainConfig c = small().withEpochs(2);
        TpConfig tc = TpConfig.defaults().withAdversarialWeight(1.0);
        TrainResult full = new TpTrainer(tc).fit(Backbones.create("gru4rec"), SHAPE, split, c, TrainingListener.NONE);
        Path cp = dir.resolve("cp");
        RuntimeException killed = assertThrows(RuntimeException.class, () -> new TpTrainer(tc).fit(Backbones.create("gru4rec"),
                SHAPE, split, c.withCheckpointDir(cp), new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        throw new IllegalStateException("simulated kill");
                    }
                }));
        assertEquals("simulated kill", killed.getMessage());
        TrainResult resumed = new TpTrainer(tc).fit(Backbones.create("gru4rec"), SHAPE, split, c.withCheckpointDir(cp),
                TrainingListener.NONE);
        assertEquals(2, resumed.history().size());
        assertEquals(full.history().get(1).meanLoss(), resumed.history().get(1).meanLoss(), 1e-9);
        assertEquals(full.bestValidationNdcg10(), resumed.bestValidationNdcg10(), 1e-9);
    }
}
