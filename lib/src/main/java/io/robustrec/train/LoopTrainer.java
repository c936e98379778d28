package io.robustrec.train;

import io.robustrec.data.Batch;
import io.robustrec.data.BatchConfig;
import io.robustrec.data.SplitData;
import io.robustrec.data.TrainingBatches;
import io.robustrec.eval.EvalConfig;
import io.robustrec.eval.Evaluator;
import io.robustrec.eval.Protocol;
import io.robustrec.model.Backbone;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.nd4j.Gradients;
import io.robustrec.runtime.RuntimeInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop every trainer shares: batches, optimizer, validation on NDCG@10 (full ranking) with early
 * stopping, checkpoints and resume, divergence detection, progress. Subclasses supply the objective of one
 * mini-batch in {@link #step}; the loop does the rest.
 *
 * <p>Reproducibility: batch order and negatives come from {@code seed + epoch}, each step's dropout masks from a
 * generator seeded with {@link Context#dropoutSeed()} (run seed, epoch, step), so a run resumed from a checkpoint
 * finishes exactly as an uninterrupted one.
 */
public abstract class LoopTrainer implements Trainer {

    /**
     * Each step's intermediate arrays are freed explicitly ({@link SequenceModel#releaseWorkingMemory()}); what a
     * trainer allocates outside the graph run (feeds, masks, copies) is left to the garbage collector, which a small
     * Java heap rarely triggers on its own, so the loop asks for a collection now and then.
     */
    static final int COLLECT_EVERY_STEPS = 50;

    /** What {@link #step} may use. */
    public static final class Context {
        private final SequenceModel model;
        private final Optimizer optimizer;
        private final SplitData data;
        private final TrainConfig config;
        private int epoch;
        private int step;

        Context(SequenceModel model, Optimizer optimizer, SplitData data, TrainConfig config) {
            this.model = model;
            this.optimizer = optimizer;
            this.data = data;
            this.config = config;
        }

        public SequenceModel model() {
            return model;
        }

        public Optimizer optimizer() {
            return optimizer;
        }

        public SplitData data() {
            return data;
        }

        public TrainConfig config() {
            return config;
        }

        /** The current epoch. */
        public int epoch() {
            return epoch;
        }

        /** The current step within the epoch. */
        public int step() {
            return step;
        }

        /** Seed of this step's dropout masks: a function of run seed, epoch and step only. */
        public long dropoutSeed() {
            return config.seed() * 7_919L + epoch * 104_729L + step * 31L;
        }

        /** Applies gradients to the model's parameters with the run's optimizer. */
        public void apply(Map<String, INDArray> gradients) {
            optimizer.step(model.parameters(), gradients, epoch);
        }
    }

    /**
     * Trains on one mini-batch and returns its loss (the value the run reports and checks for divergence).
     */
    protected abstract double step(Context ctx, Batch batch);

    /** Called once after the model and optimizer exist, before training (or resuming). */
    protected void prepare(Context ctx) {
    }

    /** Called at the start of each epoch (robust trainers refresh clusters here); counted in the epoch's seconds. */
    protected void onEpochStart(Context ctx, int epoch) {
    }

    /**
     * Called at the end of each epoch, after validation and before the checkpoint is written (robust trainers close
     * their per-epoch bookkeeping here, so it is part of the checkpoint).
     */
    protected void onEpochEnd(Context ctx, EpochRecord record) {
    }

    /** Extra arrays to checkpoint (a robust trainer's own state). */
    protected Map<String, INDArray> trainerState() {
        return Map.of();
    }

    /** Restores what {@link #trainerState()} returned. */
    protected void restoreTrainerState(Map<String, INDArray> state) {
    }

    /** Settings of the trainer itself, for provenance and the checkpoint fingerprint. */
    protected Map<String, String> trainerSettings() {
        return Map.of();
    }

    /**
     * The batching the loop iterates, given the one the run's settings ask for. The default keeps it; a trainer whose
     * unit of work is a user rather than a sample overrides it (TP iterates users and reads their windows itself).
     */
    protected BatchConfig loopBatching(BatchConfig configured) {
        return configured;
    }

    /** The standard feed for a batch: all sample weights one, dropout on. */
    protected static Map<String, INDArray> feed(Context ctx, Batch batch, float[][] weights) {
        return ctx.model().feed(batch.input(), batch.positive(), batch.negative(), weights, true, ctx.dropoutSeed());
    }

    @Override
    public final TrainResult fit(Backbone backbone, BackboneConfig shape, SplitData data, TrainConfig config,
                                 TrainingListener listener) {
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("no training sequences in split '" + data.description() + "'");
        }
        if (data.validation().isEmpty()) {
            throw new IllegalArgumentException("no validation cases in split '" + data.description() + "'");
        }
        Nd4j.getRandom().setSeed(config.seed());
        SequenceModel model = SequenceModel.build(backbone, shape, data.numItems(), config.loss(), config.seed());
        TrainingBatches batches = TrainingBatches.of(data, loopBatching(new BatchConfig(shape.maxLength(),
                config.batchSize(), config.targetMode(), config.allTargets(), config.seed())));
        Optimizer optimizer = new Optimizer(config.optimizer(), config.learningRate(), config.l2(), model.parameters());
        Context ctx = new Context(model, optimizer, data, config);
        Evaluator validator = new Evaluator(EvalConfig.of(Protocol.FULL));

        Map<String, String> settings = settings(backbone, shape, config);
        String checksum = checksum(data);
        String fingerprint = name() + "|" + settings + "|" + checksum;

        prepare(ctx);
        Gradients.quietly(() -> {
            model.graph().createGradFunction();
            return null;
        });

        int startEpoch = 0;
        int bestEpoch = -1;
        double bestValidation = Double.NEGATIVE_INFINITY;
        int staleValidations = 0;
        List<EpochRecord> history = new ArrayList<>();
        Map<String, INDArray> best = model.copyParameters();
        if (config.checkpointDir() != null && Checkpoint.exists(config.checkpointDir())) {
            Checkpoint cp = Checkpoint.load(config.checkpointDir());
            if (!cp.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException("checkpoint in " + config.checkpointDir() + " was written by another run "
                        + "(settings or data differ); delete it or choose another checkpoint directory");
            }
            model.setParameters(cp.current());
            optimizer.restoreState(cp.optimizerState());
            restoreTrainerState(cp.trainerState());
            best = cp.best();
            startEpoch = cp.nextEpoch();
            bestEpoch = cp.bestEpoch();
            bestValidation = cp.bestValidation();
            staleValidations = cp.validationsWithoutImprovement();
            history.addAll(cp.history());
        }

        listener.onStart(name(), startEpoch, config.epochs(), batches.numBatches());
        String stopReason = "finished " + config.epochs() + " epochs";
        boolean stoppedEarly = startEpoch > 0 && config.patience() > 0 && staleValidations >= config.patience();
        for (int epoch = startEpoch; epoch < config.epochs() && !stoppedEarly; epoch++) {
            ctx.epoch = epoch;
            Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + epoch);
            // the epoch's clock includes the trainer's per-epoch work (RSR-hard's k-means refresh), so that seconds
            // per epoch compare trainers fairly
            long t0 = System.nanoTime();
            onEpochStart(ctx, epoch);
            double lossSum = 0;
            long samples = 0;
            List<Batch> epochBatches = batches.batches(epoch);
            for (int s = 0; s < epochBatches.size(); s++) {
                Batch batch = epochBatches.get(s);
                ctx.step = s;
                double loss = step(ctx, batch);
                model.releaseWorkingMemory();
                if (!Double.isFinite(loss)) {
                    String where = config.checkpointDir() == null ? "no checkpoint directory was set"
                            : "the last good checkpoint (end of epoch " + (epoch - 1) + ") is in " + config.checkpointDir();
                    listener.onFinish("diverged");
                    throw new TrainingDivergedException("loss became " + loss + " at epoch " + epoch + ", step " + s
                            + " (learning rate " + config.learningRate() + "); " + where);
                }
                if (s % COLLECT_EVERY_STEPS == COLLECT_EVERY_STEPS - 1) {
                    System.gc();
                }
                lossSum += loss;
                samples += batch.size();
                double elapsed = (System.nanoTime() - t0) / 1e9;
                listener.onStep(epoch, s, loss, samples / Math.max(elapsed, 1e-9));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double validation = Double.NaN;
            boolean validate = (epoch + 1) % config.validateEvery() == 0 || epoch == config.epochs() - 1;
            if (validate) {
                validation = validator.evaluate(model, data.validation()).metric("NDCG", 10);
                if (validation > bestValidation) {
                    bestValidation = validation;
                    bestEpoch = epoch;
                    best = model.copyParameters();
                    staleValidations = 0;
                } else {
                    staleValidations++;
                }
            }
            EpochRecord record = new EpochRecord(epoch, lossSum / Math.max(1, epochBatches.size()), validation, seconds,
                    samples / Math.max(seconds, 1e-9));
            history.add(record);
            onEpochEnd(ctx, record);
            listener.onEpochEnd(record);
            if (config.checkpointDir() != null) {
                new Checkpoint(fingerprint, epoch + 1, bestEpoch, bestValidation, staleValidations, history,
                        model.copyParameters(), best, optimizer.copyState(), trainerState()).save(config.checkpointDir());
            }
            if (config.patience() > 0 && staleValidations >= config.patience()) {
                stopReason = "early stop at epoch " + epoch + ": no better validation NDCG@10 for " + staleValidations
                        + " validations";
                stoppedEarly = true;
            }
        }
        model.setParameters(best);
        listener.onFinish(stopReason);
        RuntimeInfo rt = RuntimeInfo.current();
        Provenance provenance = new Provenance(name(), backbone.name(), settings, config.seed(), checksum,
                rt.libraryVersion(), rt.backend());
        return new TrainResult(model, history, bestEpoch, bestValidation, stopReason, provenance);
    }

    private Map<String, String> settings(Backbone backbone, BackboneConfig shape, TrainConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trainer", name());
        m.put("backbone", backbone.name());
        m.put("shape", shape.toString());
        TrainConfig withoutDir = config.withCheckpointDir(null);
        m.put("train", withoutDir.toString());
        trainerSettings().forEach(m::put);
        return m;
    }

    /** SHA-256 over the training sequences and validation cases, so a checkpoint is never resumed on other data. */
    static String checksum(SplitData data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data.description().getBytes(StandardCharsets.UTF_8));
            for (int[] seq : data.train()) {
                for (int v : seq) {
                    md.update((byte) v);
                    md.update((byte) (v >>> 8));
                    md.update((byte) (v >>> 16));
                }
                md.update((byte) 0xFF);
            }
            md.update(Integer.toString(data.validation().size()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
