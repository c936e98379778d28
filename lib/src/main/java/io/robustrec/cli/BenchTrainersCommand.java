package io.robustrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.robustrec.bench.TrainerBenchmark;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.data.TargetMode;
import io.robustrec.model.LossKind;
import io.robustrec.notebook.ProgressLine;
import io.robustrec.notebook.TrainingProgress;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.Trainers;
import io.robustrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code robustrec bench-trainers}: seconds per training epoch of each trainer (default settings) against the first
 * one, on a real or synthetic dataset's leave-one-out split.
 */
@Command(name = "bench-trainers", mixinStandardHelpOptions = true,
        description = "Compare the time per training epoch of trainers (with their default settings) on one dataset and backbone.")
final class BenchTrainersCommand implements Callable<Integer> {

    @Mixin
    DataOptionsMixin dataMixin;
    @Mixin
    ModelOptionsMixin modelMixin;

    @Option(names = "--trainers", defaultValue = "erm,rsr-hard,rsr-soft,tp", split = ",",
            description = "trainers to time; the first is the baseline of the ratio (default ${DEFAULT-VALUE})")
    List<String> trainers;
    @Option(names = "--epochs", defaultValue = "3", description = "epochs per trainer; the first is a warm-up when there are two or more (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch", defaultValue = "128", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--loss", defaultValue = "bce", description = "bce, softmax or softmax-last (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--json", description = "also write the table as JSON here")
    Path json;
    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelOptions m = modelMixin.options;
        if (m.isBaseline()) {
            throw new IllegalArgumentException("--model=" + m.model + " is a baseline without training epochs; use sasrec, gru4rec or caser");
        }
        m.applyThreads();
        List<TrainerBenchmark.Entry> entries = new ArrayList<>();
        for (String name : trainers) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            Trainers.create(n); // a bad name fails here, before any data is loaded
            entries.add(new TrainerBenchmark.Entry(n, () -> Trainers.create(n)));
        }
        SplitData split = Splits.leaveOneOut(dataMixin.options.load(seed).dataset());
        LossKind lossKind = LossKind.parse(loss);
        TrainConfig tc = TrainConfig.defaults().withEpochs(epochs).withBatchSize(batch).withLearningRate(lr)
                .withLoss(lossKind).withSeed(seed);
        if (lossKind == LossKind.SOFTMAX_LAST) {
            tc = tc.withTargetMode(TargetMode.LAST_ITEM, true);
        }
        TrainingListener listener = quiet ? TrainingListener.NONE : new TrainingProgress(ProgressLine.console());
        List<TrainerBenchmark.Row> rows = TrainerBenchmark.run(entries, m.model, m.shape(), split, tc, listener);
        System.out.printf("data=%s model=%s users=%d items=%d L=%d d=%d batch=%d loss=%s epochs=%d threads=%d%n",
                dataMixin.options.data, m.model, split.train().size(), split.numItems(), m.maxLen, m.dim, batch, loss,
                epochs, m.threads);
        System.out.printf("%-10s %12s %14s %8s %10s%n", "trainer", "s/epoch", "sequences/s", "epochs", "x first");
        for (TrainerBenchmark.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-10s %12.2f %14.1f %8d %10.2f%n", r.trainer(), r.secondsPerEpoch(),
                    r.sequencesPerSecond(), r.timedEpochs(), r.ratioToBaseline());
        }
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", dataMixin.options.data);
            out.put("model", m.model);
            out.put("shape", m.shape().toString());
            out.put("train", tc.toString());
            out.put("rows", rows);
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), out);
        }
        return 0;
    }
}
