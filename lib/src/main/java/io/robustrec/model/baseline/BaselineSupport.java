package io.robustrec.model.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/** Shared checks and array building of the baselines. */
final class BaselineSupport {

    /** Score of the padding column 0: far below any real score, but finite so arithmetic on it stays finite. */
    static final float PADDING_SCORE = -1e30f;

    private BaselineSupport() {
    }

    static void checkNumItems(int numItems) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
    }

    /** Item frequencies over the training sequences, indexed by item id (length numItems + 1). */
    static long[] itemCounts(List<int[]> trainSequences, int numItems) {
        Objects.requireNonNull(trainSequences, "trainSequences");
        long[] counts = new long[numItems + 1];
        for (int s = 0; s < trainSequences.size(); s++) {
            int[] seq = Objects.requireNonNull(trainSequences.get(s), "trainSequences[" + s + "]");
            for (int p = 0; p < seq.length; p++) {
                checkItem(seq[p], numItems, "trainSequences[" + s + "][" + p + "]");
                counts[seq[p]]++;
            }
        }
        return counts;
    }

    static void checkItem(int item, int numItems, String where) {
        if (item < 1 || item > numItems) {
            throw new IllegalArgumentException(where + "=" + item + " outside 1.." + numItems);
        }
    }

    /** Wraps row-major scores [rows, numItems + 1] as a FLOAT INDArray. */
    static INDArray toArray(float[] flat, int rows, int numItems) {
        return Nd4j.create(flat, new long[]{rows, numItems + 1}, DataType.FLOAT);
    }
}
