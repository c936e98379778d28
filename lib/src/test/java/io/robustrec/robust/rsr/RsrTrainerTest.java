package io.robustrec.robust.rsr;

import io.robustrec.data.Batch;
import io.robustrec.data.BatchConfig;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.data.TrainingBatches;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.nd4j.Gradients;
import io.robustrec.train.ErmTrainer;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.TrainResult;
import io.robustrec.train.Trainers;
import io.robustrec.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RsrTrainerTest {

    private static SplitData split;
    private static final BackboneConfig SHAPE = new BackboneConfig(20, 16, 1, 1, 0.0);

    @BeforeAll
    static void world() {
        WorldConfig cfg = WorldConfig.defaults().toBuilder().numUsers(300).numItems(100).numCategories(4).maxLength(40)
                .noiseRatio(0).noShift().seed(5).build();
        split = Splits.leaveOneOut(SyntheticWorld.generate(cfg).toSequenceDataset());
    }

    private static TrainConfig small() {
        return TrainConfig.defaults().withEpochs(2).withBatchSize(64).withLearningRate(5e-3).withPatience(0).withSeed(9)
                .withLoss(LossKind.SOFTMAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "gru4rec", "caser"})
    void bothModesTrainEveryBackbone(String backbone) {
        for (RsrTrainer t : List.<RsrTrainer>of(new RsrHardTrainer(RsrConfig.hard().withClusters(4).withLrWeights(0.5)),
                new RsrSoftTrainer(RsrConfig.soft().withClusters(4).withLrWeights(0.5)))) {
            TrainResult r = t.fit(Backbones.create(backbone), SHAPE, split, small(), TrainingListener.NONE);
            assertTrue(r.bestValidationNdcg10() > 0, t.name() + " " + backbone);
            assertEquals(2, t.trace().size());
            for (RsrEpoch e : t.trace()) {
                assertEquals(1.0, Arrays.stream(e.weights()).sum(), 1e-9);
                assertEquals(1.0, Arrays.stream(e.clusterMass()).sum(), 1e-6);
            }
            assertTrue(Arrays.stream(t.clusterWeights()).anyMatch(w -> Math.abs(w - 0.25) > 1e-4),
                    "weights moved from uniform: " + Arrays.toString(t.clusterWeights()));
            int[] a = t.assignments(r.model(), split);
            assertEquals(split.train().size(), a.length);
            assertTrue(Arrays.stream(a).allMatch(c -> c >= 0 && c < 4));
            assertEquals(t.name(), r.provenance().trainer());
        }
    }

    /** With K = 1 the robust objective is ERM's: the parameter gradients of the first step agree. */
    @Test
    void oneClusterHasErmGradients() {
        TrainConfig cfg = small().withEpochs(1);
        Map<String, INDArray> erm = firstGradients(new ErmTrainer(), cfg);
        for (RsrTrainer t : List.<RsrTrainer>of(new RsrHardTrainer(RsrConfig.hard().withClusters(1).withLrWeights(1)),
                new RsrSoftTrainer(RsrConfig.soft().withClusters(1).withLrWeights(1).withClusterLossWeight(0.5)))) {
            Map<String, INDArray> rsr = firstGradients(t, cfg);
            assertEquals(erm.keySet(), rsr.keySet());
            for (String p : erm.keySet()) {
                INDArray a = erm.get(p);
                INDArray b = rsr.get(p);
                double scale = Math.max(1e-6, a.norm2Number().doubleValue());
                assertEquals(0, a.sub(b).norm2Number().doubleValue() / scale, 1e-4, t.name() + " gradient of " + p);
            }
        }
    }

    /** Captures the parameter update of the first step by training one step with SGD at learning rate 1. */
    private static Map<String, INDArray> firstGradients(io.robustrec.train.Trainer trainer, TrainConfig cfg) {
        SplitData one = new SplitData(split.dataset(), split.train().subList(0, 64), split.trainUsers().subList(0, 64),
                split.validation(), split.test(), split.description());
        TrainConfig c = cfg.withBatchSize(64).withOptimizer(io.robustrec.train.OptimizerKind.SGD).withLearningRate(1.0);
        SequenceModel initial = SequenceModel.build(Backbones.create("gru4rec"), SHAPE, split.numItems(), c.loss(), c.seed());
        Map<String, INDArray> before = initial.copyParameters();
        TrainResult r = trainer.fit(Backbones.create("gru4rec"), SHAPE, one, c, TrainingListener.NONE);
        Map<String, INDArray> after = r.model().copyParameters();
        Map<String, INDArray> g = new java.util.LinkedHashMap<>();
        before.forEach((k, v) -> g.put(k, v.sub(after.get(k))));
        return g;
    }

    @Test
    void resumeEqualsUninterrupted(@TempDir Path dir) {
        for (RsrTrainer t : List.<RsrTrainer>of(new RsrHardTrainer(RsrConfig.hard().withClusters(3).withLrWeights(0.3).withRefreshEvery(2)),
                new RsrSoftTrainer(RsrConfig.soft().withClusters(3).withLrWeights(0.3)))) {
            TrainConfig three = small().withEpochs(3);
            TrainResult full = t.fit(Backbones.create("gru4rec"), SHAPE, split, three, TrainingListener.NONE);
            double[] fullWeights = t.clusterWeights();
            Path cp = dir.resolve(t.name());
            assertThrows(Interrupt.class, () -> t.fit(Backbones.create("gru4rec"), SHAPE, split,
                    three.withCheckpointDir(cp), interruptAfter(1)));
            TrainResult resumed = t.fit(Backbones.create("gru4rec"), SHAPE, split, three.withCheckpointDir(cp), TrainingListener.NONE);
            assertEquals(full.bestValidationNdcg10(), resumed.bestValidationNdcg10(), 1e-6, t.name());
            assertArrayEquals(fullWeights, t.clusterWeights(), 1e-6, t.name());
            assertEquals(3, t.trace().size());
        }
    }

    private static TrainingListener interruptAfter(int epoch) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(io.robustrec.train.EpochRecord record) {
                if (record.epoch() == epoch) {
                    throw new Interrupt();
                }
            }
        };
    }

    private static final class Interrupt extends RuntimeException {
    }

    @Test
    void namedByTrainers() {
        assertInstanceOf(RsrHardTrainer.class, Trainers.create("rsr-hard"));
        assertInstanceOf(RsrSoftTrainer.class, Trainers.create("rsr-soft"));
        assertThrows(IllegalArgumentException.class, () -> new RsrHardTrainer(RsrConfig.soft()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RsrHardTrainer(RsrConfig.hard().withClusters(1000)).fit(Backbones.create("gru4rec"), SHAPE, split,
                        small(), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("clusters=1000"), e.getMessage());
    }
}
