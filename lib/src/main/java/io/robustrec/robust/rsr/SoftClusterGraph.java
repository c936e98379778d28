package io.robustrec.robust.rsr;

import io.robustrec.model.SequenceModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soft-cluster part of RSR added to a {@link SequenceModel}'s graph: centres μ [K, d] (a variable, not one of the
 * model's parameters), the weights w [K] (a placeholder fed by the trainer), soft assignments
 * q_ik = softmax_k(cos(h_i, μ_k)/τ), the weighted loss and the DEC clustering loss (see {@link RsrSoftTrainer} for the
 * objective). After {@link #attach}, the graph's loss variable is {@link #TOTAL}.
 */
public final class SoftClusterGraph {

    /** Centres μ [K, d] (a graph variable). */
    public static final String CENTRES = "rsr_centres";
    /** Cluster weights w [K] (placeholder). */
    public static final String WEIGHTS = "rsr_weights";
    /** Assignments used for the weights, [B, K], rows sum to 1 (representation detached). */
    public static final String ASSIGNMENTS = "rsr_q";
    /** (1/N) Σ_{i,t} (K Σ_k q_ik w_k) ℓ_it, the weighted recommendation loss. */
    public static final String ROBUST_LOSS = "rsr_robust_loss";
    /** KL(P || Q) averaged over the batch, with P the sharpened, frequency-normalised targets (detached). */
    public static final String CLUSTER_LOSS = "rsr_cluster_loss";
    /** ROBUST_LOSS + λ · CLUSTER_LOSS, the graph's loss variable. */
    public static final String TOTAL = "rsr_total";

    private final SequenceModel model;
    private final int clusters;

    private SoftClusterGraph(SequenceModel model, int clusters) {
        this.model = model;
        this.clusters = clusters;
    }

    /**
     * Adds the soft-cluster objective to the model's graph and makes {@link #TOTAL} its loss. Call before the graph's
     * gradient function is created.
     *
     * @param model       the model (its graph is changed)
     * @param config      K, τ, λ and whether the centres get the adversarial gradient
     * @param seed        seed of the centres' initial values (overwrite them with {@link #setCentres})
     */
    public static SoftClusterGraph attach(SequenceModel model, RsrConfig config, long seed) {
        SameDiff sd = model.graph();
        int k = config.clusters();
        int d = model.config().dim();
        if (sd.hasVariable(CENTRES)) {
            throw new IllegalStateException("the graph already has soft clusters");
        }
        INDArray init = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[]{k, d}).castTo(DataType.FLOAT);
        SDVariable mu = sd.var(CENTRES, init);
        SDVariable w = sd.placeHolder(WEIGHTS, DataType.FLOAT, k);
        SDVariable h = sd.getVariable(SequenceModel.LAST_HIDDEN);
        SDVariable hDetached = stop(sd, h);
        SDVariable muDetached = stop(sd, mu);
        // Gradient reversal: value μ, gradient −∂/∂μ, so descending the total ascends the weighted loss in μ.
        SDVariable muForWeights = config.centresAdversarial() ? muDetached.mul(2.0).sub(mu) : muDetached;
        double tau = config.temperature();

        // ND4J M2.1 fails on reductions over a dimension of size 1, so K = 1 (q = 1, no clustering loss) is spelt out.
        SDVariable qw = k == 1 ? sd.onesLike(cosine(sd, hDetached, muForWeights))
                : softmaxRows(sd, cosine(sd, hDetached, muForWeights).div(tau));
        sd.identity(ASSIGNMENTS, qw);
        SDVariable perSequence = sd.mmul(qw, sd.reshape(w, k, 1)).mul((double) k); // [B, 1]
        SDVariable positive = sd.getVariable(SequenceModel.POSITIVE);
        SDVariable sampleMask = sd.castTo(positive.neq(0), DataType.FLOAT);
        SDVariable count = sd.math.max(sampleMask.sum(), sd.constant(Nd4j.scalar(1f)));
        SDVariable robust = sd.identity(ROBUST_LOSS,
                sd.getVariable(SequenceModel.SAMPLE_LOSS).mul(perSequence).sum().div(count));

        SDVariable clusterLoss;
        if (k == 1) {
            clusterLoss = sd.identity(CLUSTER_LOSS, sd.constant(Nd4j.scalar(0f)));
        } else {
            SDVariable logits = cosine(sd, h, mu).div(tau);
            SDVariable logQ = logits.sub(logSumExpRows(sd, logits));
            SDVariable q = sd.math.exp(logQ);
            SDVariable frequency = q.sum(true, 0); // [1, K]
            SDVariable sharpened = q.mul(q).div(frequency);
            SDVariable target = stop(sd, sharpened.div(sharpened.sum(true, 1)));
            SDVariable kl = target.mul(sd.math.log(target.add(1e-12)).sub(logQ)).sum(1).mean();
            clusterLoss = sd.identity(CLUSTER_LOSS, kl);
        }
        SDVariable total = sd.identity(TOTAL, robust.add(clusterLoss.mul(config.clusterLossWeight())));
        sd.setLossVariables(total);
        return new SoftClusterGraph(model, k);
    }

    private static SDVariable stop(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    /** Rows of a scaled by their L2 norms times rows of b scaled likewise: cos(a_i, b_k), [rows(a), rows(b)]. */
    private static SDVariable cosine(SameDiff sd, SDVariable a, SDVariable b) {
        return sd.mmul(unitRows(sd, a), unitRows(sd, b), false, true, false);
    }

    private static SDVariable unitRows(SameDiff sd, SDVariable x) {
        return x.div(sd.math.sqrt(x.mul(x).sum(true, 1).add(1e-12)));
    }

    private static SDVariable logSumExpRows(SameDiff sd, SDVariable x) {
        SDVariable rowMax = x.max(true, 1);
        return sd.math.log(sd.math.exp(x.sub(rowMax)).sum(true, 1)).add(rowMax);
    }

    private static SDVariable softmaxRows(SameDiff sd, SDVariable x) {
        SDVariable e = sd.math.exp(x.sub(x.max(true, 1)));
        return e.div(e.sum(true, 1));
    }

    /** Number of clusters K. */
    public int clusters() {
        return clusters;
    }

    /** The live centres array [K, d]. */
    public INDArray centres() {
        return model.graph().getVariable(CENTRES).getArr();
    }

    /** Overwrites the centres. */
    public void setCentres(INDArray values) {
        centres().assign(values);
    }

    /** The model this graph belongs to. */
    public SequenceModel model() {
        return model;
    }

    /** The training feed plus the weights placeholder. */
    public Map<String, INDArray> withWeights(Map<String, INDArray> feed, double[] weights) {
        if (weights.length != clusters) {
            throw new IllegalArgumentException("weights has length " + weights.length + " but clusters=" + clusters);
        }
        float[] w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weights[i];
        }
        feed.put(WEIGHTS, Nd4j.createFromArray(w));
        return feed;
    }

    /** Soft assignments q [n][K] of histories (dropout off); each row sums to 1. */
    public float[][] assignments(List<int[]> histories) {
        List<float[]> rows = new ArrayList<>(histories.size());
        for (int from = 0; from < histories.size(); from += RsrTrainer.INFERENCE_BATCH) {
            int to = Math.min(histories.size(), from + RsrTrainer.INFERENCE_BATCH);
            INDArray q = model.output(model.inferenceFeed(histories.subList(from, to)), ASSIGNMENTS);
            for (float[] r : q.toFloatMatrix()) {
                rows.add(r);
            }
        }
        return rows.toArray(new float[0][]);
    }
}
