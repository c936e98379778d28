package io.robustrec.eval;

import io.robustrec.model.Recommender;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Recommenders with known scores for evaluator tests; they record the batch sizes they were called with. */
final class TestRecommenders {

    private TestRecommenders() {
    }

    /** Scores are a function of the history; records each scoreAll call's batch size and time spent. */
    static class FunctionRecommender implements Recommender {
        final int numItems;
        final Function<int[], float[]> scores;
        final List<Integer> batchSizes = new ArrayList<>();
        long scoringNanos;

        FunctionRecommender(int numItems, Function<int[], float[]> scores) {
            this.numItems = numItems;
            this.scores = scores;
        }

        @Override
        public int numItems() {
            return numItems;
        }

        @Override
        public INDArray scoreAll(List<int[]> histories) {
            long t0 = System.nanoTime();
            batchSizes.add(histories.size());
            int width = numItems + 1;
            float[] flat = new float[histories.size() * width];
            for (int b = 0; b < histories.size(); b++) {
                float[] row = scores.apply(histories.get(b));
                System.arraycopy(row, 0, flat, b * width, width);
            }
            INDArray out = Nd4j.create(flat, new long[]{histories.size(), width}, DataType.FLOAT);
            scoringNanos += System.nanoTime() - t0;
            return out;
        }

        @Override
        public String name() {
            return "test";
        }
    }

    /** Fixed score rows looked up by the exact history. */
    static FunctionRecommender table(int numItems, Map<String, float[]> rowsByHistory) {
        Map<String, float[]> copy = new HashMap<>(rowsByHistory);
        return new FunctionRecommender(numItems, h -> {
            float[] row = copy.get(Arrays.toString(h));
            if (row == null) {
                throw new IllegalArgumentException("no scores for history " + Arrays.toString(h));
            }
            return row;
        });
    }

    /** Uniform random scores, a deterministic function of the history (so any batching gives the same scores). */
    static FunctionRecommender random(int numItems, long seed) {
        return new FunctionRecommender(numItems, h -> {
            SplittableRandom rng = new SplittableRandom(seed * 31 + Arrays.hashCode(h));
            float[] row = new float[numItems + 1];
            row[0] = -1e30f;
            for (int j = 1; j <= numItems; j++) {
                row[j] = (float) rng.nextDouble();
            }
            return row;
        });
    }
}
