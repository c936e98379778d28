package io.robustrec.bench;

import io.robustrec.data.SplitData;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import io.robustrec.train.EpochRecord;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.TrainResult;
import io.robustrec.train.Trainer;
import io.robustrec.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Time per training epoch of several trainers on the same data and backbone, relative to the first one (normally
 * ERM). This is where "a robust trainer costs at most 1.3× an ERM epoch" is measured, not in timed tests.
 *
 * <p>Every trainer gets a freshly built backbone, the same {@link TrainConfig} with early stopping switched off,
 * and a single validation after its last epoch (validation time is not part of an epoch's seconds anyway). The
 * first epoch builds the graphs and warms the JIT, so it is left out of the mean whenever there is a second one.
 */
public final class TrainerBenchmark {

    /**
     * One trainer's figures.
     *
     * @param trainer            the trainer's name
     * @param secondsPerEpoch    mean seconds of the timed epochs (the trainer's per-epoch preparation included)
     * @param sequencesPerSecond mean training samples per second over the timed epochs
     * @param timedEpochs        how many epochs the means are over
     * @param ratioToBaseline    secondsPerEpoch divided by the first trainer's
     */
    public record Row(String trainer, double secondsPerEpoch, double sequencesPerSecond, int timedEpochs,
                      double ratioToBaseline) {
    }

    /**
     * A trainer to measure, made on demand so that nothing it caches is shared between runs.
     *
     * @param name    shown in the table
     * @param factory makes the trainer
     */
    public record Entry(String name, Supplier<Trainer> factory) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
        }
    }

    private TrainerBenchmark() {
    }

    /**
     * Fits every trainer in turn and reports its time per epoch.
     *
     * @param trainers the trainers; the first is the baseline of {@link Row#ratioToBaseline()}
     * @param model    backbone name ({@link Backbones#create(String)})
     * @param shape    backbone shape
     * @param data     split to train on
     * @param config   training settings; its patience and validation interval are overridden (no early stop, one
     *                 validation at the end)
     * @param listener progress of each fit
     * @return one row per trainer, in the given order
     */
    public static List<Row> run(List<Entry> trainers, String model, BackboneConfig shape, SplitData data,
                                TrainConfig config, TrainingListener listener) {
        if (trainers.isEmpty()) {
            throw new IllegalArgumentException("trainers is empty: name at least one (the first is the baseline)");
        }
        Backbones.create(model); // fail on a bad name before any training
        TrainConfig timed = new TrainConfig(config.epochs(), config.batchSize(), config.learningRate(), config.l2(),
                config.optimizer(), config.loss(), config.targetMode(), config.allTargets(), 0, config.epochs(),
                config.seed(), null);
        List<Row> rows = new ArrayList<>();
        double baseline = Double.NaN;
        for (Entry e : trainers) {
            TrainResult r = e.factory().get().fit(Backbones.create(model), shape, data, timed, listener);
            List<EpochRecord> history = r.history();
            List<EpochRecord> measured = history.size() >= 2 ? history.subList(1, history.size()) : history;
            double seconds = measured.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
            double rate = measured.stream().mapToDouble(EpochRecord::sequencesPerSecond).average().orElse(Double.NaN);
            if (rows.isEmpty()) {
                baseline = seconds;
            }
            rows.add(new Row(e.name(), seconds, rate, measured.size(), seconds / baseline));
            r.model().releaseWorkingMemory();
        }
        return List.copyOf(rows);
    }
}
