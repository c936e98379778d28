package io.robustrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.robustrec.bench.Benchmark;
import io.robustrec.data.PreparedData;
import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.eval.EvalConfig;
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

/** {@code robustrec train}: prepare, split (leave-one-out), train with early stopping, test once, report. */
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
    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--l2", defaultValue = "0", description = "L2 coefficient (default ${DEFAULT-VALUE})")
    double l2;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--loss", defaultValue = "bce", description = "bce (one sampled negative per position), softmax (all items, every position), softmax-last (last position, all prefixes) (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience in validations, 0 = off (default ${DEFAULT-VALUE})")
    int patience;
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
        SplitData split = Splits.leaveOneOut(ds);
        if (trainNoise > 0) {
            split = new io.robustrec.shift.TrainingNoise(trainNoise).apply(split, seed).split();
        }
        Protocol testProtocol = parseProtocol(protocol);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", datasetStats(ds, split));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("model", m.model);
        cfg.put("trainer", trainer);
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
            }
            cfg.put("shape", m.shape().toString());
            cfg.put("train", tc.toString());
            io.robustrec.train.Trainer t = trainer.toLowerCase(Locale.ROOT).startsWith("rsr-") ? rsr.create(trainer)
                    : Trainers.create(trainer);
            cfg.putAll(t instanceof io.robustrec.robust.rsr.RsrTrainer rt ? rt.config().settings() : Map.of());
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
        }
        report.put("config", cfg);
        EvalResult test = new Evaluator(EvalConfig.of(testProtocol).withSeed(seed)).evaluate(model, split.test());
        report.put("test", test.toMap());
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
