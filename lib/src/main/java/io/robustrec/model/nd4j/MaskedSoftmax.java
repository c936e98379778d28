package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Causal self-attention weights: softmax of the scores s [B, heads, Lq, L] over the keys each query may see,
 * <pre>
 *   a_bhij = exp(s_bhij) / Σ_{j' visible} exp(s_bhij')   for visible j,   0 otherwise,
 *   key j visible from query i  ⇔  m_bj = 1 (the key holds an item)  and  j ≤ i + L − Lq (not in the query's future)
 * </pre>
 * with the key mask m [B, L]. The Lq queries are the last Lq positions (Lq = L: every position; Lq = 1: the last
 * one). A query that sees no key (a padding position at the start of a short sequence) gets all-zero weights; the
 * backbone masks that position's output anyway.
 *
 * <p>Why one op: written as ND4J ops this is a [B, 1, L, L] bias built from the causal and key masks, added to the
 * scores, then the native softmax, three passes over the largest array of a SASRec forward, and the native softmax
 * alone was a quarter of a SASRec ranking forward at L = 200 (exp of every entry, including the half that the
 * causal mask zeroes). Here the future half is skipped and exp is {@link FloatExp#expShifted}. The gradient,
 * {@code ∂L/∂s = a ⊙ (∂L/∂a − Σ_j a_j ∂L/∂a_j)} ({@link ElementwiseSoftmax}'s form), is zero wherever a is; the
 * mask gets none. Computed in Java on the CPU backend ({@link JavaKernels}); the class stands behind ND4J's
 * {@code softmax} op, whose native form still runs for one-input softmax ops.
 */
public class MaskedSoftmax extends ElementwiseSoftmax implements JavaKernelOp {

    /** Used by the op registry when SameDiff clones the graph. */
    public MaskedSoftmax() {
    }

    /**
     * Attention weights from {@code scores} [B, heads, Lq, L] and {@code keyMask} [B, L] (1 for a key holding an
     * item, 0 for padding; same data type as the scores).
     */
    public MaskedSoftmax(SameDiff sd, SDVariable scores, SDVariable keyMask) {
        super(sd, new SDVariable[]{scores, keyMask}, 3);
    }

    @Override
    public boolean computedInJava() {
        SDVariable[] args = args();
        return args != null && args.length == 2;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        if (!computedInJava()) {
            return super.doDiff(gradients);
        }
        return List.of(softmaxGradient(outputVariable(), gradients.get(0), 3), sameDiff.zerosLike(arg(1)));
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return computedInJava() ? List.of(dataTypes.get(0)) : super.calculateOutputDataTypes(dataTypes);
    }

    @Override
    public INDArray[] compute(List<INDArray> inputs, List<INDArray> outputs) {
        INDArray scores = inputs.get(0);
        INDArray keyMask = inputs.get(1);
        long[] shape = scores.shape();
        if (shape.length != 4 || keyMask.rank() != 2 || keyMask.size(0) != shape[0] || keyMask.size(1) != shape[3]
                || shape[2] > shape[3]) {
            throw new IllegalArgumentException("masked softmax: scores [B, heads, Lq, L] with Lq <= L and a key mask"
                    + " [B, L] expected, got " + Arrays.toString(shape) + " and " + Arrays.toString(keyMask.shape()));
        }
        Math.toIntExact(scores.length()); // rows are addressed with int offsets (as NIO buffers are)
        INDArray out = outputs.isEmpty() || outputs.get(0) == null ? Nd4j.create(scores.dataType(), shape)
                : outputs.get(0);
        float[] mask = JavaKernels.read(keyMask);
        int batch = (int) shape[0];
        int heads = (int) shape[1];
        int queries = (int) shape[2];
        int keys = (int) shape[3];
        if (scores.dataType() == DataType.FLOAT && JavaKernels.contiguousFloat(scores)
                && JavaKernels.contiguousFloat(out)) {
            floatRows(scores.data().asNioFloat(), out.data().asNioFloat(), mask, batch, heads, queries, keys);
        } else {
            // double precision (gradient checks) or unusual layouts: the same rows computed in double
            INDArray source = scores.castTo(DataType.DOUBLE).dup('c');
            INDArray result = Nd4j.create(DataType.DOUBLE, shape);
            doubleRows(source.data().asNioDouble(), result.data().asNioDouble(), mask, batch, heads, queries, keys);
            out.assign(result.castTo(out.dataType()));
        }
        return new INDArray[]{out};
    }

    private static void floatRows(FloatBuffer scores, FloatBuffer out, float[] mask, int batch, int heads,
                                  int queries, int keys) {
        float[] row = new float[keys];
        float[] exponent = new float[keys];
        int[] bits = new int[keys];
        float[] keyMask = new float[keys];
        float[] keyBias = new float[keys]; // 0 for a key holding an item, −∞ for padding
        float[] zeros = new float[keys];
        int offset = keys - queries;
        for (int b = 0; b < batch; b++) {
            int firstItem = leftPadding(mask, b * keys, keys);
            if (firstItem >= 0) {
                leftPaddedRows(scores, out, b, firstItem, heads, queries, keys, row, exponent, bits, zeros);
                continue;
            }
            for (int j = 0; j < keys; j++) {
                keyMask[j] = mask[b * keys + j] != 0f ? 1f : 0f;
                keyBias[j] = keyMask[j] == 1f ? 0f : Float.NEGATIVE_INFINITY;
            }
            for (int hq = 0; hq < heads * queries; hq++) {
                int start = (b * heads * queries + hq) * keys;
                int visible = hq % queries + offset + 1;
                scores.get(start, row, 0, visible);
                for (int j = 0; j < visible; j++) {
                    row[j] += keyBias[j];
                }
                float max = RowMath.max(row, 0, visible); // NaN stays NaN, and so does the whole row
                if (max == Float.NEGATIVE_INFINITY) { // no visible key
                    Arrays.fill(row, 0, visible, 0f);
                } else {
                    FloatExp.expShifted(row, visible, max, exponent, bits);
                    for (int j = 0; j < visible; j++) {
                        row[j] *= keyMask[j]; // exactly 0 for padded keys
                    }
                    float scale = 1f / RowMath.sum(row, 0, visible);
                    for (int j = 0; j < visible; j++) {
                        row[j] *= scale;
                    }
                }
                Arrays.fill(row, visible, keys, 0f);
                out.put(start, row, 0, keys);
            }
        }
    }

    /**
     * The position of the first key holding an item when the keys of batch row {@code maskStart / keys} are
     * padding followed by items only (left padding, as every sequence this library builds), else −1.
     */
    private static int leftPadding(float[] mask, int maskStart, int keys) {
        int first = 0;
        while (first < keys && mask[maskStart + first] == 0f) {
            first++;
        }
        for (int j = first; j < keys; j++) {
            if (mask[maskStart + j] == 0f) {
                return -1;
            }
        }
        return first;
    }

    /**
     * The rows of batch entry {@code b} when its items are the keys from {@code firstItem} on: query i sees the keys
     * [firstItem, i + L − Lq], all items, so neither the padding bias nor the mask multiply is needed, and the
     * padded keys are not computed at all.
     */
    private static void leftPaddedRows(FloatBuffer scores, FloatBuffer out, int b, int firstItem, int heads,
                                       int queries, int keys, float[] row, float[] exponent, int[] bits,
                                       float[] zeros) {
        int offset = keys - queries;
        for (int hq = 0; hq < heads * queries; hq++) {
            int start = (b * heads * queries + hq) * keys;
            int visibleEnd = hq % queries + offset + 1;
            int n = visibleEnd - firstItem;
            if (n > 0) {
                scores.get(start + firstItem, row, 0, n);
            }
            float max = n > 0 ? RowMath.max(row, 0, n) : Float.NEGATIVE_INFINITY; // NaN stays NaN, so does the row
            if (max == Float.NEGATIVE_INFINITY) { // a padding query (no key to see), as in the general path
                out.put(start, zeros, 0, keys);
                continue;
            }
            FloatExp.expShifted(row, n, max, exponent, bits);
            float scale = 1f / RowMath.sum(row, 0, n);
            for (int j = 0; j < n; j++) {
                row[j] *= scale;
            }
            out.put(start, zeros, 0, firstItem);
            out.put(start + firstItem, row, 0, n);
            out.put(start + visibleEnd, zeros, 0, keys - visibleEnd);
        }
    }

    private static void doubleRows(DoubleBuffer scores, DoubleBuffer out, float[] mask, int batch, int heads,
                                   int queries, int keys) {
        double[] row = new double[keys];
        int offset = keys - queries;
        for (int b = 0; b < batch; b++) {
            int maskStart = b * keys;
            for (int hq = 0; hq < heads * queries; hq++) {
                int start = (b * heads * queries + hq) * keys;
                int visible = hq % queries + offset + 1;
                scores.get(start, row, 0, visible);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < visible; j++) {
                    if (mask[maskStart + j] != 0f) {
                        max = Math.max(max, row[j]);
                    }
                }
                double sum = 0;
                for (int j = 0; j < visible; j++) {
                    row[j] = mask[maskStart + j] != 0f && max != Double.NEGATIVE_INFINITY ? Math.exp(row[j] - max) : 0;
                    sum += row[j];
                }
                for (int j = 0; j < visible; j++) {
                    row[j] = sum == 0 ? 0 : row[j] / sum;
                }
                Arrays.fill(row, visible, keys, 0);
                out.put(start, row, 0, keys);
            }
        }
    }
}
