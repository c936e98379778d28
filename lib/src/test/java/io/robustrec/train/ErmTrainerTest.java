package io.robustrec.train;

import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.eval.EvalResult;
import io.robustrec.eval.Evaluator;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.baseline.MostPopular;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErmTrainerTest {

    private static SplitData split;
    private static final BackboneConfig SHAPE = new BackboneConfig(20, 16, 1, 1, 0.1);

    @BeforeAll
    static void world() {
        WorldConfig cfg = WorldConfig.defaults().toBuilder().numUsers(400).numItems(120).numCategories(4).maxLength(60)
                .noiseRatio(0).noShift().seed(5).build();
        split = Splits.leaveOneOut(SyntheticWorld.generate(cfg).toSequenceDataset());
    }

    private static TrainConfig small() {
        return TrainConfig.defaults().withEpochs(4).withBatchSize(64).withLearningRate(5e-3).withPatience(0).withSeed(9);
    }

    /** Sequential signal is learnable: SASRec beats most-popular on validation after a few epochs, and loss falls. */
    @Test
    void learnsAndBeatsPopularity() {
        List<EpochRecord> seen = new ArrayList<>();
        TrainResult r = new ErmTrainer().fit(Backbones.create("sasrec"), SHAPE, split, small().withEpochs(6),
                new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        seen.add(record);
                    }
                });
        assertEquals(6, seen.size());
        assertTrue(seen.get(5).meanLoss() < seen.get(0).meanLoss(), "loss should fall: " + seen);
        double pop = new Evaluator().evaluate(MostPopular.fit(split.train(), split.numItems()), split.validation()).metric("NDCG", 10);
        assertTrue(r.bestValidationNdcg10() > pop, "sasrec " + r.bestValidationNdcg10() + " vs popularity " + pop);
        assertEquals("erm", r.provenance().trainer());
        assertEquals(64, r.provenance().datasetChecksum().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru4rec", "caser"})
    void otherBackbonesTrainWithBothLosses(String name) {
        TrainResult bce = new ErmTrainer().fit(Backbones.create(name), SHAPE, split, small().withEpochs(2), TrainingListener.NONE);
        TrainResult ce = new ErmTrainer().fit(Backbones.create(name), SHAPE, split,
                small().withEpochs(2).withLoss(LossKind.SOFTMAX_LAST).withTargetMode(TargetMode.LAST_ITEM, true), TrainingListener.NONE);
        TrainResult all = new ErmTrainer().fit(Backbones.create(name), SHAPE, split, small().withEpochs(2).withLoss(LossKind.SOFTMAX),
                TrainingListener.NONE);
        for (TrainResult r : List.of(bce, ce, all)) {
            assertTrue(Double.isFinite(r.history().get(1).meanLoss()));
            assertTrue(r.bestValidationNdcg10() > 0);
        }
    }

    @Test
    void sameSeedSameResult() {
        TrainResult a = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split, small().withEpochs(2), TrainingListener.NONE);
        TrainResult b = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split, small().withEpochs(2), TrainingListener.NONE);
        assertEquals(a.history().get(1).meanLoss(), b.history().get(1).meanLoss(), 0.0);
        assertEquals(a.bestValidationNdcg10(), b.bestValidationNdcg10(), 0.0);
    }

    /** A run killed after epoch 2 and resumed ends exactly where an uninterrupted run ends. */
    @Test
    void resumeFromCheckpointMatchesUninterruptedRun(@TempDir Path dir) {
        TrainConfig cfg = small().withEpochs(4);
        TrainResult full = new ErmTrainer().fit(Backbones.create("sasrec"), SHAPE, split, cfg, TrainingListener.NONE);

        Path cp = dir.resolve("cp");
        RuntimeException killed = assertThrows(RuntimeException.class, () -> new ErmTrainer().fit(Backbones.create("sasrec"),
                SHAPE, split, cfg.withCheckpointDir(cp), new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        if (record.epoch() == 1) {
                            throw new IllegalStateException("simulated kill");
                        }
                    }
                }));
        assertEquals("simulated kill", killed.getMessage());
        assertTrue(Files.exists(cp.resolve(Checkpoint.FILE)));
        // the checkpoint is written before listeners see the epoch end, so epochs 0 and 1 are saved
        TrainResult resumed = new ErmTrainer().fit(Backbones.create("sasrec"), SHAPE, split, cfg.withCheckpointDir(cp), TrainingListener.NONE);
        assertEquals(full.history().size(), resumed.history().size());
        assertEquals(full.history().get(3).meanLoss(), resumed.history().get(3).meanLoss(), 1e-9);
        assertEquals(full.bestValidationNdcg10(), resumed.bestValidationNdcg10(), 1e-9);
        EvalResult a = new Evaluator().evaluate(full.model(), split.test());
        EvalResult b = new Evaluator().evaluate(resumed.model(), split.test());
        assertEquals(a.metric("NDCG", 10), b.metric("NDCG", 10), 1e-9);
    }

    @Test
    void divergenceStopsWithStepAndKeepsCheckpoint(@TempDir Path dir) {
        TrainConfig cfg = small().withEpochs(3).withOptimizer(OptimizerKind.SGD).withLearningRate(1e30).withCheckpointDir(dir);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split, cfg, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("epoch 0, step"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate 1.0E30"), e.getMessage());
    }

    /** A trainer whose per-epoch preparation takes a known time (the place RSR-hard refreshes its k-means). */
    private static final class SlowEpochStart extends LoopTrainer {
        // longer than a whole epoch of this small world takes, even on a busy machine
        static final long PREPARATION_MILLIS = 2500;
        private final ErmTrainer erm = new ErmTrainer();

        @Override
        public String name() {
            return "slow-epoch-start";
        }

        @Override
        protected double step(Context ctx, io.robustrec.data.Batch batch) {
            return erm.step(ctx, batch);
        }

        @Override
        protected void onEpochStart(Context ctx, int epoch) {
            try {
                Thread.sleep(PREPARATION_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Seconds per epoch include the trainer's per-epoch work, so trainers are compared on their full cost. */
    @Test
    void epochSecondsIncludePerEpochPreparation() {
        TrainResult plain = new ErmTrainer().fit(Backbones.create("gru4rec"), SHAPE, split, small().withEpochs(1), TrainingListener.NONE);
        TrainResult slow = new SlowEpochStart().fit(Backbones.create("gru4rec"), SHAPE, split, small().withEpochs(1), TrainingListener.NONE);
        double seconds = slow.history().get(0).seconds();
        assertTrue(seconds >= SlowEpochStart.PREPARATION_MILLIS / 1000.0,
                "the epoch took " + seconds + " s but its preparation alone slept " + SlowEpochStart.PREPARATION_MILLIS + " ms");
        assertEquals(plain.history().get(0).meanLoss(), slow.history().get(0).meanLoss(), 1e-9, "same training otherwise");
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small().withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize=0"));
        e = assertThrows(IllegalArgumentException.class, () -> small().withLearningRate(-1));
        assertTrue(e.getMessage().contains("learningRate=-1.0"));
        e = assertThrows(IllegalArgumentException.class, () -> small().withLoss(LossKind.SOFTMAX_LAST).withTargetMode(TargetMode.ALL_POSITIONS, false));
        assertTrue(e.getMessage().contains("SOFTMAX_LAST"));
    }
}
