package io.robustrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.robustrec.bench.Benchmark;
import io.robustrec.data.PreparedData;
import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.data.UserSplit;
import io.robustrec.eval.EvalCase;
import io.robustrec.eval.EvalConfig;
import io.robustrec.eval.Grouping;
import io.robustrec.eval.UserGroups;
import io.robustrec.robust.tp.TpConfig;
import io.robustrec.robust.tp.TpTrainer;
import io.robustrec.train.Trainer;
import io.robustrec.eval.EvalResult;
import io.robustrec.eval.Evaluator;
import io.robustrec.eval.Protocol;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.Recommender;
import io.robustrec.model.baseline.ItemTransition;
import io.robustrec.model.baseline.MostPopular;
import io.robustrec.train.EpochRecord;
import io.robustrec.train.OptimizerKind;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.TrainResult;
import io.robustrec.train.Trainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code robustrec train}: prepare, split (leave-one-out or existing/new users), train with early stopping, test once (all, head/tail, new users), report. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and evaluate it on the test items.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptionsMixin dataMixin;
    @Mixin
    ModelOptionsMixin modelMixin;

    @Option(names = "--trainer", defaultValue = "erm", description = "trainer: ${COMPLETION-CANDIDATES}... (default ${DEFAULT-VALUE})")
    String trainer;
    @Option(names = "--epochs", defaultValue = "50", description = "maximum epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch", defaultValue = "128", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = {"--lr", "--outer-lr"}, defaultValue = "0.001", description = "learning rate; for --trainer tp the outer rate β (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--l2", defaultValue = "0", description = "L2 coefficient (default ${DEFAULT-VALUE})")
    double l2;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--loss", defaultValue = "bce", description = "bce (one sampled negative per position), softmax (all items, every position), softmax-last (last position, all prefixes) (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--all-windows", description = "bce/softmax: cut each training sequence into windows of --max-len "
            + "targets so that every item is a target once (default: only each sequence's last max-len+1 items, as "
            + "SASRec; softmax-last always uses every prefix)")
    boolean allWindows;
    @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience in validations, 0 = off (default ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--tag", description = "name of this configuration in reports and in `compare` (default: the trainer's name), "
            + "e.g. rsr-soft-lrw0.1 to compare a variant with the default rsr-soft")
    String tag;
    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--protocol", defaultValue = "full", description = "test protocol: full or sampled100 (default ${DEFAULT-VALUE})")
    String protocol;
    @Option(names = "--checkpoint", description = "checkpoint directory (resumed from when it holds one)")
    Path checkpoint;
    @Option(names = "--json", description = "write the run report as JSON here")
    Path json;
    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;
    @Option(names = "--split", defaultValue = "loo", description = "loo (temporal leave-one-out, all users) or existing-new "
            + "(20%% of users held out as never-trained new users, reported separately) (default ${DEFAULT-VALUE})")
    String splitKind;
    @Option(names = "--per-user", description = "also write each test user's index and rank of the target (for paired tests across runs)")
    boolean perUser;
    @Option(names = "--split-seed", defaultValue = "7", description = "seed of the existing/new user draw (default ${DEFAULT-VALUE})")
    long splitSeed;

    // --- TP (--trainer tp): transferable parameters, Yin et al. KDD 2020; the outer rate is --lr
    @Option(names = "--inner-steps", defaultValue = "2", description = "tp: inner SGD steps k (default ${DEFAULT-VALUE})")
    int innerSteps;
    @Option(names = "--users-per-step", defaultValue = "4", description = "tp: users per inner step's task u; an outer "
            + "step takes M·k·u users of the batch (the paper: 1) (default ${DEFAULT-VALUE})")
    int usersPerStep;
    @Option(names = "--chains", defaultValue = "1", description = "tp: independent inner loops M averaged into one outer "
            + "step (Reptile's batched form; the paper: 1) (default ${DEFAULT-VALUE})")
    int chains;
    @Option(names = "--inner-lr", defaultValue = "0.5", description = "tp: inner SGD rate α (default ${DEFAULT-VALUE})")
    double innerLr;
    @Option(names = "--adversarial-weight", defaultValue = "0.1", description = "tp: weight λ of the head/tail adversary (default ${DEFAULT-VALUE})")
    double adversarialWeight;
    @Option(names = "--disc-hidden", defaultValue = "32", description = "tp: discriminator hidden units (default ${DEFAULT-VALUE})")
    int discHidden;
    @Option(names = "--head-share", defaultValue = "0.2", description = "tp: share of training users labelled head (default ${DEFAULT-VALUE})")
    double headShare;
    @Option(names = "--equal-user-weights", description = "tp: a task's loss is the mean over its users of each user's "
            + "mean loss (default: the mean over the task's targets; the two agree with --users-per-step 1)")
    boolean equalUserWeights;
    @Option(names = "--weight-tasks-by-targets", description = "tp: a task's loss is the sum of its targets' losses over "
            + "the mean targets per task of its outer step, so every target counts the same as in ERM (default: each "
            + "task counts the same)")
    boolean weightTasksByTargets;

    @Option(names = "--train-noise", defaultValue = "0", description = "replace this share of training items with random items (TrainingNoise; validation/test untouched) (default ${DEFAULT-VALUE})")
    double trainNoise;

    @picocli.CommandLine.ArgGroup(validate = false, heading = "RSR (--trainer rsr-hard|rsr-soft)%n")
    RsrOptions rsr = new RsrOptions();

    @Override
    public Integer call() throws Exception {
        ModelOptions m = modelMixin.options;
        m.applyThreads();
        long t0 = System.nanoTime();
        PreparedData prepared = dataMixin.options.load(seed);
        SequenceDataset ds = prepared.dataset();
        UserSplit userSplit = parseSplit(splitKind, ds, splitSeed);
        SplitData split = userSplit == null ? Splits.leaveOneOut(ds) : userSplit.existing();
        if (trainNoise > 0) {
            split = new io.robustrec.shift.TrainingNoise(trainNoise).apply(split, seed).split();
        }
        Protocol testProtocol = parseProtocol(protocol);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", datasetStats(ds, split));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("model", m.model);
        cfg.put("trainer", trainer);
        cfg.put("tag", tag == null ? trainer : tag);
        cfg.put("seed", seed);
        cfg.put("protocol", testProtocol.name());
        cfg.put("threads", m.threads);
        cfg.put("train_noise", trainNoise);
        Recommender model;
        if (m.isBaseline()) {
            model = m.model.equalsIgnoreCase("pop") ? MostPopular.fit(split.train(), split.numItems())
                    : ItemTransition.fit(split.train(), split.numItems());
            double validation = new Evaluator().evaluate(model, split.validation()).metric("NDCG", 10);
            report.put("validation_ndcg10", validation);
        } else {
            LossKind lossKind = LossKind.parse(loss);
            TrainConfig tc = TrainConfig.defaults().withEpochs(epochs).withBatchSize(batch).withLearningRate(lr).withL2(l2)
                    .withOptimizer(OptimizerKind.parse(optimizer)).withLoss(lossKind).withPatience(patience).withSeed(seed)
                    .withCheckpointDir(checkpoint);
            if (lossKind == LossKind.SOFTMAX_LAST) {
                tc = tc.withTargetMode(TargetMode.LAST_ITEM, true);
            } else if (allWindows) {
                tc = tc.withTargetMode(TargetMode.ALL_POSITIONS, true);
            }
            cfg.put("shape", m.shape().toString());
            cfg.put("train", tc.toString());
            Trainer t = trainer.equalsIgnoreCase("tp")
                    ? new TpTrainer(new TpConfig(innerSteps, usersPerStep, innerLr, adversarialWeight, discHidden, headShare,
                            equalUserWeights, weightTasksByTargets, chains))
                    : trainer.toLowerCase(Locale.ROOT).startsWith("rsr-") ? rsr.create(trainer)
                    : Trainers.create(trainer);
            if (t instanceof TpTrainer tp) {
                cfg.put("tp", tp.config().toString());
            }
            if (t instanceof io.robustrec.robust.rsr.RsrTrainer rt) {
                cfg.putAll(rt.config().settings());
            }
            TrainResult r = t.fit(Backbones.create(m.model), m.shape(), split, tc,
                    quiet ? io.robustrec.train.TrainingListener.NONE
                            : new io.robustrec.notebook.TrainingProgress(io.robustrec.notebook.ProgressLine.console()));
            List<Map<String, Object>> epochsOut = new ArrayList<>();
            for (EpochRecord e : r.history()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e.epoch());
                row.put("loss", e.meanLoss());
                row.put("validation_ndcg10", Double.isNaN(e.validationNdcg10()) ? null : e.validationNdcg10());
                row.put("seconds", e.seconds());
                row.put("sequences_per_second", e.sequencesPerSecond());
                epochsOut.add(row);
            }
            report.put("epochs", epochsOut);
            report.put("best_epoch", r.bestEpoch());
            report.put("validation_ndcg10", r.bestValidationNdcg10());
            report.put("stop_reason", r.stopReason());
            report.put("seconds_per_epoch", r.secondsPerEpoch());
            report.put("train_sequences_per_second", r.sequencesPerSecond());
            report.put("provenance", r.provenance());
            model = r.model();
            if (t instanceof TpTrainer tp) {
                report.put("discriminator", tp.discriminatorHistory());
            }
            if (t instanceof io.robustrec.robust.rsr.RsrTrainer rt) {
                report.put("rsr_trace", rsrTrace(rt));
            }
        }
        report.put("config", cfg);
        EvalResult test = new Evaluator(EvalConfig.of(testProtocol).withSeed(seed)).evaluate(model, split.test());
        report.put("test", test.toMap());
        report.put("test_by_activity", byActivity(test, split.test()));
        if (perUser) {
            report.put("test_per_user", perUser(test, split.test()));
        }
        if (userSplit != null) {
            EvalResult newTest = new Evaluator(EvalConfig.of(testProtocol).withSeed(seed)).evaluate(model, userSplit.newUserTest());
            report.put("test_new_users", newTest.toMap());
            report.put("test_new_users_by_activity", byActivity(newTest, userSplit.newUserTest()));
            if (perUser) {
                report.put("test_new_users_per_user", perUser(newTest, userSplit.newUserTest()));
            }
            System.out.println("new users (never trained on):");
            System.out.println(newTest.toTable().printAll());
        }
        report.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        report.put("peak_rss_mb", Benchmark.peakRssMb());
        System.out.println(test.toTable().printAll());
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (json.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(json.toAbsolutePath().getParent());
            }
            mapper.writeValue(json.toFile(), report);
            System.out.println("report written to " + json);
        }
        return 0;
    }

    /** The adversary's view per epoch: cluster weights, mean cluster losses and cluster shares of the samples. */
    static List<Map<String, Object>> rsrTrace(io.robustrec.robust.rsr.RsrTrainer t) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (io.robustrec.robust.rsr.RsrEpoch e : t.trace()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("weights", e.weights());
            // a cluster no sample fell into has no mean loss: JSON has no NaN, so it is written as null
            row.put("cluster_loss", java.util.Arrays.stream(e.clusterLoss()).mapToObj(v -> Double.isNaN(v) ? null : v).toList());
            row.put("cluster_share", e.clusterMass());
            rows.add(row);
        }
        return rows;
    }

    /** Null for leave-one-out, the existing/new user split otherwise. */
    static UserSplit parseSplit(String s, SequenceDataset ds, long seed) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "loo": return null;
            case "existing-new": return Splits.existingNew(ds, seed);
            default: throw new IllegalArgumentException("--split=" + s + " is not one of loo, existing-new");
        }
    }

    /** Per test case: user index, history length (the head/tail criterion) and rank of the target. */
    static Map<String, Object> perUser(EvalResult r, List<EvalCase> cases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", r.userIndices());
        m.put("history_length", UserGroups.historyLengths(cases));
        m.put("rank", r.ranks());
        return m;
    }

    /** Metrics of the head (most active 20% by history length, ties to the head) and tail cases. */
    static Map<String, Object> byActivity(EvalResult result, List<EvalCase> cases) {
        Map<String, Object> m = new LinkedHashMap<>();
        Grouping g = UserGroups.headTail(UserGroups.historyLengths(cases));
        result.groupBy(g).forEach((name, r) -> {
            Map<String, Object> row = new LinkedHashMap<>(r.toMap());
            row.put("users", r.size());
            m.put(name, row);
        });
        return m;
    }

    static Protocol parseProtocol(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "full": return Protocol.FULL;
            case "sampled100": case "sampled": return Protocol.SAMPLED100;
            default: throw new IllegalArgumentException("--protocol=" + s + " is not one of full, sampled100");
        }
    }

    static Map<String, Object> datasetStats(SequenceDataset ds, SplitData split) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", ds.name());
        s.put("users", ds.numUsers());
        s.put("items", ds.numItems());
        s.put("interactions", ds.numInteractions());
        s.put("mean_length", ds.numUsers() == 0 ? 0 : (double) ds.numInteractions() / ds.numUsers());
        s.put("density", (double) ds.numInteractions() / ((double) ds.numUsers() * ds.numItems()));
        s.put("split", split.description());
        s.put("validation_cases", split.validation().size());
        s.put("test_cases", split.test().size());
        return s;
    }
}
