package io.robustrec.cli;

import io.robustrec.bench.Benchmark;
import io.robustrec.model.Backbones;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code robustrec bench}: training sequences/s, full-ranking users/s and peak memory on generated data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and full-ranking throughput on generated data of a given shape.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptionsMixin modelMixin;
    @Option(names = "--users", defaultValue = "6000", description = "users ranked in the evaluation part (default ${DEFAULT-VALUE})")
    int users;
    @Option(names = "--items", defaultValue = "3400", description = "items (default ${DEFAULT-VALUE})")
    int items;
    @Option(names = "--batch", defaultValue = "128", description = "training batch (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--steps", defaultValue = "20", description = "timed training steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--warmup", defaultValue = "3", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        ModelOptions m = modelMixin.options;
        m.applyThreads();
        Benchmark.Result r = Benchmark.run(Backbones.create(m.model), m.shape(),
                new Benchmark.Shape(users, items, steps, warmup, batch, seed));
        System.out.printf("model=%s users=%d items=%d L=%d d=%d blocks=%d batch=%d threads=%d%n", m.model, users, items,
                m.maxLen, m.dim, m.blocks, batch, m.threads);
        System.out.printf("training: %.1f sequences/s%n", r.trainSequencesPerSecond());
        System.out.printf("full ranking: %d users x %d items in %.2f s (%.0f users/s); first pass %.2f s%n",
                users, items, r.evalSeconds(), r.evalUsersPerSecond(), r.evalFirstPassSeconds());
        System.out.printf("peak resident memory: %d MB%n", r.peakRssMb());
        return 0;
    }
}
