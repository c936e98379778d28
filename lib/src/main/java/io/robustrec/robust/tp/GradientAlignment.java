package io.robustrec.robust.tp;

import io.robustrec.data.BatchConfig;
import io.robustrec.data.Batch;
import io.robustrec.data.TargetMode;
import io.robustrec.data.TrainingBatches;
import io.robustrec.model.LossKind;
import io.robustrec.model.SequenceModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well per-user gradients agree: the quantity TP's Reptile step rewards. For users u, v the cosine
 * <pre>
 *   cos(u, v) = ∇_θ L(D_u) · ∇_θ L(D_v) / (‖∇_θ L(D_u)‖ ‖∇_θ L(D_v)‖)
 * </pre>
 * over the model's parameters (the discriminator excluded; optionally the item table too), with dropout off, where
 * D_u is all of user u's training windows (one row, every position; the last position only for the softmax-last loss).
 *
 * <p>The item table's gradient rows belong mostly to the items each user touched, so two users' full gradients are
 * nearly orthogonal whatever the training; the backbone's weights (everything but the item table) show the agreement
 * the Reptile step acts on more clearly.
 */
public final class GradientAlignment {

    private GradientAlignment() {
    }

    /**
     * The cosines of every pair of the given users' gradients, in pair order (0,1), (0,2), ..., (n−2, n−1).
     *
     * @param model     any trained or untrained model (a TP discriminator, if attached, is fed λ = 0 and
     *                  does not touch the result)
     * @param sequences one training sequence per user (at least 2 items each), at least 2 sequences
     * @param seed      seed of the sampled negatives (BCE loss only)
     */
    public static double[] pairwiseCosines(SequenceModel model, List<int[]> sequences, long seed) {
        return pairwiseCosines(model, sequences, seed, true);
    }

    /**
     * As {@link #pairwiseCosines(SequenceModel, List, long)}, over the backbone's weights only when
     * {@code withItemTable} is false.
     */
    public static double[] pairwiseCosines(SequenceModel model, List<int[]> sequences, long seed, boolean withItemTable) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sequences, "sequences");
        if (sequences.size() < 2) {
            throw new IllegalArgumentException("sequences.size()=" + sequences.size() + " must be >= 2");
        }
        List<float[]> grads = new ArrayList<>();
        for (int u = 0; u < sequences.size(); u++) {
            grads.add(gradient(model, sequences.get(u), seed + u, withItemTable));
        }
        int n = grads.size();
        double[] out = new double[n * (n - 1) / 2];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[p++] = cosine(grads.get(i), grads.get(j));
            }
        }
        return out;
    }

    /** The mean of {@link #pairwiseCosines}. */
    public static double meanPairwiseCosine(SequenceModel model, List<int[]> sequences, long seed) {
        double[] c = pairwiseCosines(model, sequences, seed);
        double s = 0;
        for (double x : c) {
            s += x;
        }
        return s / c.length;
    }

    /** ∇_θ L of one user's windows, flattened over the model's parameters in graph order (the item table optional). */
    public static float[] gradient(SequenceModel model, int[] sequence, long seed, boolean withItemTable) {
        if (sequence.length < 2) {
            throw new IllegalArgumentException("a sequence of length " + sequence.length + " has no training window");
        }
        TargetMode mode = model.lossKind() == LossKind.SOFTMAX_LAST ? TargetMode.LAST_ITEM : TargetMode.ALL_POSITIONS;
        TrainingBatches tb = new TrainingBatches(List.of(sequence), List.of(0), model.numItems(),
                new BatchConfig(model.config().maxLength(), 1, mode, false, seed));
        Batch b = tb.batches(0).get(0);
        Map<String, INDArray> feed = model.feed(b.input(), b.positive(), b.negative(), null, false);
        if (Discriminator.isAttached(model)) {
            Discriminator.addTo(feed, new float[]{0f}, 0.0);
        }
        List<String> names = withItemTable ? model.parameterNames()
                : model.parameterNames().stream().filter(n -> !n.equals(SequenceModel.ITEM_TABLE)).toList();
        Map<String, INDArray> g = model.gradients(feed, names);
        long total = 0;
        for (String n : names) {
            total += g.get(n).length();
        }
        float[] flat = new float[Math.toIntExact(total)];
        int at = 0;
        for (String n : names) {
            float[] part = g.get(n).dup().reshape(-1).toFloatVector();
            System.arraycopy(part, 0, flat, at, part.length);
            at += part.length;
        }
        model.releaseWorkingMemory();
        return flat;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
