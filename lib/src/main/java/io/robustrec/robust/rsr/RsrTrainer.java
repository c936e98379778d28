package io.robustrec.robust.rsr;

import io.robustrec.data.SplitData;
import io.robustrec.model.SequenceModel;
import io.robustrec.train.EpochRecord;
import io.robustrec.train.LoopTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the two RSR trainers share: the adversary's cluster weights w ∈ Δ_K, their ascent, the bookkeeping of cluster
 * losses per epoch (for plots) and checkpointing of that state. See {@link RsrHardTrainer} and
 * {@link RsrSoftTrainer} for the objectives.
 */
public abstract class RsrTrainer extends LoopTrainer {

    /** Sequences per inference batch when representations of all training sequences are computed. */
    static final int INFERENCE_BATCH = 256;

    protected final RsrConfig config;
    protected double[] weights;
    private final List<RsrEpoch> trace = new ArrayList<>();
    private double[] lossSum;
    private double[] lossCount;
    private Map<Integer, Integer> sequenceOfUser;

    protected RsrTrainer(RsrConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.weights = Simplex.uniform(config.clusters());
    }

    /** The settings. */
    public RsrConfig config() {
        return config;
    }

    /** The current cluster weights (after a fit: the final ones). */
    public double[] clusterWeights() {
        return weights.clone();
    }

    /** Cluster weights, losses and masses of every epoch of the last fit. */
    public List<RsrEpoch> trace() {
        return List.copyOf(trace);
    }

    /**
     * The cluster of each training sequence of {@code data} under {@code model} (hard: the current k-means assignment;
     * soft: argmax_k q_ik), parallel to {@code data.train()}. Call after {@code fit} with the returned model.
     */
    public abstract int[] assignments(SequenceModel model, SplitData data);

    @Override
    protected void prepare(Context ctx) {
        int k = config.clusters();
        if (ctx.data().train().size() < k) {
            throw new IllegalArgumentException("clusters=" + k + " must be <= number of training sequences = "
                    + ctx.data().train().size());
        }
        weights = Simplex.uniform(k);
        trace.clear();
        lossSum = new double[k];
        lossCount = new double[k];
        sequenceOfUser = new HashMap<>();
        List<Integer> users = ctx.data().trainUsers();
        for (int i = 0; i < users.size(); i++) {
            sequenceOfUser.put(users.get(i), i);
        }
    }

    @Override
    protected void onEpochStart(Context ctx, int epoch) {
        Arrays.fill(lossSum, 0);
        Arrays.fill(lossCount, 0);
    }

    @Override
    protected void onEpochEnd(Context ctx, EpochRecord record) {
        int k = config.clusters();
        double[] mean = new double[k];
        double[] mass = new double[k];
        double total = Arrays.stream(lossCount).sum();
        for (int c = 0; c < k; c++) {
            mean[c] = lossCount[c] > 0 ? lossSum[c] / lossCount[c] : Double.NaN;
            mass[c] = total > 0 ? lossCount[c] / total : 0;
        }
        trace.add(new RsrEpoch(record.epoch(), weights, mean, mass));
    }

    /** Index into {@code data.train()} of a batch row's user. */
    protected int sequenceIndex(int userIndex) {
        Integer s = sequenceOfUser.get(userIndex);
        if (s == null) {
            throw new IllegalStateException("user " + userIndex + " has no training sequence");
        }
        return s;
    }

    /**
     * Records the batch's cluster losses (sum of sample losses and number of samples per cluster, soft: weighted by
     * q) and ascends the weights on the cluster mean losses.
     */
    protected void ascend(double[] clusterLossSum, double[] clusterCount) {
        int k = config.clusters();
        double[] g = new double[k];
        for (int c = 0; c < k; c++) {
            lossSum[c] += clusterLossSum[c];
            lossCount[c] += clusterCount[c];
            g[c] = clusterCount[c] > 1e-12 ? clusterLossSum[c] / clusterCount[c] : 0;
        }
        if (config.lrWeights() > 0) {
            weights = config.step().ascend(weights, g, config.lrWeights());
        }
    }

    /** Number of samples (positions with a target) in each row of a [B, L] target array. */
    protected static int[] samplesPerRow(int[][] positive) {
        int[] n = new int[positive.length];
        for (int b = 0; b < positive.length; b++) {
            for (int id : positive[b]) {
                if (id != 0) {
                    n[b]++;
                }
            }
        }
        return n;
    }

    /** Representations (detached last hidden state, dropout off) of every training sequence, [n][d]. */
    protected static float[][] representations(SequenceModel model, List<int[]> sequences) {
        float[][] out = new float[sequences.size()][];
        for (int from = 0; from < sequences.size(); from += INFERENCE_BATCH) {
            int to = Math.min(sequences.size(), from + INFERENCE_BATCH);
            INDArray h = model.lastHidden(sequences.subList(from, to));
            float[][] rows = h.toFloatMatrix();
            System.arraycopy(rows, 0, out, from, rows.length);
        }
        return out;
    }

    @Override
    protected Map<String, INDArray> trainerState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("rsr.weights", Nd4j.createFromArray(weights.clone()));
        int k = config.clusters();
        double[][] rows = new double[trace.size()][];
        for (int i = 0; i < trace.size(); i++) {
            RsrEpoch e = trace.get(i);
            double[] r = new double[1 + 3 * k];
            r[0] = e.epoch();
            System.arraycopy(e.weights(), 0, r, 1, k);
            System.arraycopy(e.clusterLoss(), 0, r, 1 + k, k);
            System.arraycopy(e.clusterMass(), 0, r, 1 + 2 * k, k);
            rows[i] = r;
        }
        if (rows.length > 0) {
            m.put("rsr.trace", Nd4j.createFromArray(rows));
        }
        return m;
    }

    @Override
    protected void restoreTrainerState(Map<String, INDArray> state) {
        INDArray w = state.get("rsr.weights");
        if (w == null || w.length() != config.clusters()) {
            throw new IllegalArgumentException("checkpoint has no cluster weights for clusters=" + config.clusters());
        }
        weights = w.castTo(DataType.DOUBLE).toDoubleVector();
        trace.clear();
        INDArray t = state.get("rsr.trace");
        if (t != null) {
            int k = config.clusters();
            for (double[] r : t.castTo(DataType.DOUBLE).toDoubleMatrix()) {
                trace.add(new RsrEpoch((int) r[0], Arrays.copyOfRange(r, 1, 1 + k), Arrays.copyOfRange(r, 1 + k, 1 + 2 * k),
                        Arrays.copyOfRange(r, 1 + 2 * k, 1 + 3 * k)));
            }
        }
    }

    @Override
    protected Map<String, String> trainerSettings() {
        return config.settings();
    }
}
