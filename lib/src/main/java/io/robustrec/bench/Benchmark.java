package io.robustrec.bench;

import io.robustrec.eval.EvalConfig;
import io.robustrec.model.Backbone;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.nd4j.Gradients;
import io.robustrec.train.Optimizer;
import io.robustrec.train.OptimizerKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training and full-ranking throughput on generated data of a given shape: the project's speed and memory
 * targets are measured here, never in timed tests.
 */
public final class Benchmark {

    /**
     * Shape of the benchmark.
     *
     * @param users  users (sequences) in the generated data
     * @param items  items
     * @param steps  timed training steps (after {@code warmup} untimed ones)
     * @param warmup untimed steps first (graph build, JIT)
     * @param batch  training batch size
     * @param seed   seed
     */
    public record Shape(int users, int items, int steps, int warmup, int batch, long seed) {
        public Shape {
            if (users < 1) throw new IllegalArgumentException("users=" + users + " must be >= 1");
            if (items < 2) throw new IllegalArgumentException("items=" + items + " must be >= 2");
            if (steps < 1) throw new IllegalArgumentException("steps=" + steps + " must be >= 1");
            if (warmup < 0) throw new IllegalArgumentException("warmup=" + warmup + " must be >= 0");
            if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " must be >= 1");
        }
    }

    /**
     * Measured figures.
     *
     * @param trainSequencesPerSecond training sequences per second over the timed steps
     * @param evalUsersPerSecond      users fully ranked per second (model scoring + ranking), second pass
     * @param evalSeconds             seconds to rank all users against all items, second pass (steady state, as
     *                                every validation after a training run's first)
     * @param evalFirstPassSeconds    seconds of the first pass over the same users, which also pays the ranking
     *                                graph's one-time preparation and the JIT compilation of its kernels
     * @param peakRssMb               peak resident memory of the process so far (VmHWM), MB; -1 when unknown
     */
    public record Result(double trainSequencesPerSecond, double evalUsersPerSecond, double evalSeconds,
                         double evalFirstPassSeconds, long peakRssMb) {
    }

    private Benchmark() {
    }

    /** Runs the benchmark for one backbone. */
    public static Result run(Backbone backbone, BackboneConfig config, Shape shape) {
        SplittableRandom rnd = new SplittableRandom(shape.seed());
        int l = config.maxLength();
        SequenceModel model = SequenceModel.build(backbone, config, shape.items(), LossKind.BCE, shape.seed());
        Optimizer opt = new Optimizer(OptimizerKind.ADAM, 1e-3, 0, model.parameters());
        Gradients.quietly(() -> {
            model.graph().createGradFunction();
            return null;
        });
        int[][] in = new int[shape.batch()][l];
        int[][] pos = new int[shape.batch()][l];
        int[][] neg = new int[shape.batch()][l];
        long t0 = 0;
        for (int s = 0; s < shape.warmup() + shape.steps(); s++) {
            if (s == shape.warmup()) {
                t0 = System.nanoTime();
            }
            for (int b = 0; b < shape.batch(); b++) {
                for (int t = 0; t < l; t++) {
                    in[b][t] = 1 + rnd.nextInt(shape.items());
                    pos[b][t] = 1 + rnd.nextInt(shape.items());
                    neg[b][t] = 1 + rnd.nextInt(shape.items());
                }
            }
            Map<String, INDArray> feed = model.feed(in, pos, neg, null, true);
            Map<String, INDArray> g = model.gradients(feed, model.parameterNames());
            opt.step(model.parameters(), g, 0);
            model.releaseWorkingMemory();
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double trainRate = (double) shape.steps() * shape.batch() / trainSeconds;

        // full ranking: score every user against every item and compute the rank of one target per user
        List<int[]> histories = new ArrayList<>();
        for (int u = 0; u < shape.users(); u++) {
            int[] h = new int[l];
            for (int t = 0; t < l; t++) {
                h[t] = 1 + rnd.nextInt(shape.items());
            }
            histories.add(h);
        }
        // two passes: the first also pays one-time costs (training and ranking run different graph outputs and
        // kernel paths), the second is the steady state that every later validation of a training run sees
        long[] checksum = new long[1];
        double firstPassSeconds = timed(() -> checksum[0] += rankAll(model, histories, shape.items(), l));
        double evalSeconds = timed(() -> checksum[0] += rankAll(model, histories, shape.items(), l));
        if (checksum[0] < 0) {
            throw new IllegalStateException("unreachable");
        }
        return new Result(trainRate, shape.users() / evalSeconds, evalSeconds, firstPassSeconds, peakRssMb());
    }

    private static double timed(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Ranks every history's last item among all items, in evaluation-sized batches; returns the sum of the ranks. */
    private static long rankAll(SequenceModel model, List<int[]> histories, int items, int l) {
        int evalBatch = EvalConfig.DEFAULT_BATCH_SIZE;
        long sum = 0;
        for (int start = 0; start < histories.size(); start += evalBatch) {
            sum += rankSum(model, histories.subList(start, Math.min(histories.size(), start + evalBatch)), items, l);
        }
        return sum;
    }

    /**
     * Scores {@code chunk} against every item and returns the sum of the ranks of each user's last item (the work
     * an evaluation does per batch; the sum keeps the JIT from dropping it).
     */
    private static long rankSum(SequenceModel model, List<int[]> chunk, int items, int l) {
        float[] flat = model.scoreAll(chunk).data().asFloat();
        int width = items + 1;
        long sum = 0;
        for (int r = 0; r < chunk.size(); r++) {
            float targetScore = flat[r * width + chunk.get(r)[l - 1]];
            int rank = 1;
            for (int j = 1; j < width; j++) {
                if (flat[r * width + j] > targetScore) {
                    rank++;
                }
            }
            sum += rank;
        }
        return sum;
    }

    /** Peak resident set size of this process in MB (Linux /proc), or -1. */
    public static long peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
