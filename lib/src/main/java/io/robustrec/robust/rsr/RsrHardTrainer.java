package io.robustrec.robust.rsr;

import io.robustrec.data.Batch;
import io.robustrec.data.SplitData;
import io.robustrec.model.SequenceModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * RSR with hard clusters: distributionally robust training over k-means clusters of sequence representations.
 *
 * <p>Zhou, Wu, Qiu, Zheng, Chen: "Distributionally Robust Sequential Recommendation", SIGIR 2023. Each training
 * sample (a prefix and its next item) has a loss ℓ_i(θ); samples are grouped into K clusters C_1..C_K and one weight per
 * cluster is chosen by an adversary:
 * <pre>
 *   min_θ max_{w ∈ Δ_K}  L(θ, w) = Σ_k w_k · (1/|C_k|) Σ_{i ∈ C_k} ℓ_i(θ)
 *   per mini-batch B:  θ ← θ − lr · Adam(∇_θ L_B),   w ← ascend(w, g, lr_w)  with g_k = ∂L_B/∂w_k = mean_{i ∈ C_k ∩ B} ℓ_i
 * </pre>
 * where L_B replaces each cluster mean by its batch mean over the clusters present in the batch, with their weights
 * renormalised to sum to one, and ascend is exponentiated gradient (default) or Euclidean projected ascent
 * ({@link WeightStep}).
 *
 * <p>Readings of what the paper leaves open:
 * <ul>
 *   <li><b>What is clustered.</b> A training <i>sequence</i> is clustered by its representation, the detached last hidden
 *   state of its training part (dropout off), and all its (prefix, next item) samples share its cluster. Clustering every
 *   prefix would need a forward pass per position; one per sequence costs a fraction of an epoch.</li>
 *   <li><b>Cluster loss.</b> The mean over the cluster's (prefix, next item) samples, i.e. positions, so with K = 1 the
 *   objective is exactly ERM's Σ ℓ / #samples (same gradients; tested).</li>
 *   <li><b>Refresh.</b> Tribuo k-means (k-means++, Euclidean) on all training sequences at the start of every R-th
 *   epoch (epoch 0 included, on the initial model); assignments are fixed in between and checkpointed. A refresh
 *   renumbers its clusters to match the previous ones by shared sequences ({@link ClusterMatching}), so the adversary's
 *   weights keep following the same groups; without it every refresh shuffled the weights among clusters.</li>
 *   <li><b>Batch estimate.</b> Clusters absent from a batch contribute nothing and the present clusters' weights are
 *   renormalised, so the loss keeps ERM's scale when K is large relative to the batch. The ascent uses the batch's
 *   cluster mean losses (read from {@code sample_loss}, no second pass); absent clusters get g_k = 0.</li>
 *   <li><b>Cost.</b> The weights enter through the model's {@code weight} placeholder: per-sample weight
 *   w_k / W_B · N_B / N_{k,B} (N = samples in the batch), so each step is one forward/backward, as for ERM.</li>
 * </ul>
 */
public final class RsrHardTrainer extends RsrTrainer {

    private int[] assignment;

    /** Hard RSR with {@link RsrConfig#hard()}. */
    public RsrHardTrainer() {
        this(RsrConfig.hard());
    }

    /** Hard RSR with the given settings ({@code mode} must be hard). */
    public RsrHardTrainer(RsrConfig config) {
        super(config);
        if (config.mode() != ClusterMode.HARD) {
            throw new IllegalArgumentException("mode=" + config.mode() + " but RsrHardTrainer needs mode=HARD");
        }
    }

    @Override
    public String name() {
        return "rsr-hard";
    }

    @Override
    protected void prepare(Context ctx) {
        super.prepare(ctx);
        assignment = null;
    }

    @Override
    protected void onEpochStart(Context ctx, int epoch) {
        super.onEpochStart(ctx, epoch);
        if (assignment == null || epoch % config.refreshEvery() == 0) {
            int[] fresh = KMeansClusters.assign(representations(ctx.model(), ctx.data().train()), config.clusters(),
                    config.kmeansIterations(), ctx.config().seed() * 1_000_033L + epoch);
            // keep each weight with its cluster: k-means numbers clusters anew at every refresh
            assignment = assignment == null ? fresh : ClusterMatching.relabel(assignment, fresh, config.clusters());
        }
    }

    @Override
    protected double step(Context ctx, Batch batch) {
        int k = config.clusters();
        int b = batch.size();
        int[] n = samplesPerRow(batch.positive());
        int[] cluster = new int[b];
        double[] count = new double[k];
        double total = 0;
        for (int r = 0; r < b; r++) {
            cluster[r] = assignment[sequenceIndex(batch.userIndex()[r])];
            count[cluster[r]] += n[r];
            total += n[r];
        }
        double present = 0;
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                present += weights[c];
            }
        }
        float[][] w = new float[b][batch.length()];
        for (int r = 0; r < b; r++) {
            int c = cluster[r];
            float v = count[c] > 0 && present > 0 ? (float) (weights[c] / present * total / count[c]) : 0f;
            java.util.Arrays.fill(w[r], v);
        }
        SequenceModel m = ctx.model();
        var out = m.gradientsAndOutputs(feed(ctx, batch, w),
                List.of(SequenceModel.LOSS, SequenceModel.SAMPLE_LOSS), m.parameterNames());
        double loss = out.getOutputs().get(SequenceModel.LOSS).getDouble(0);
        float[][] sl = out.getOutputs().get(SequenceModel.SAMPLE_LOSS).toFloatMatrix();
        double[] sum = new double[k];
        for (int r = 0; r < b; r++) {
            double s = 0;
            for (float v : sl[r]) {
                s += v;
            }
            sum[cluster[r]] += s;
        }
        ctx.apply(out.getGradients());
        ascend(sum, count);
        return loss;
    }

    @Override
    public int[] assignments(SequenceModel model, SplitData data) {
        if (assignment == null || assignment.length != data.train().size()) {
            throw new IllegalStateException("no assignment for these " + data.train().size() + " training sequences; fit first");
        }
        return assignment.clone();
    }

    @Override
    protected Map<String, INDArray> trainerState() {
        Map<String, INDArray> m = new java.util.LinkedHashMap<>(super.trainerState());
        if (assignment != null) {
            m.put("rsr.assignment", Nd4j.createFromArray(assignment.clone()));
        }
        return m;
    }

    @Override
    protected void restoreTrainerState(Map<String, INDArray> state) {
        super.restoreTrainerState(state);
        INDArray a = state.get("rsr.assignment");
        assignment = a == null ? null : a.castTo(DataType.INT).toIntVector();
    }
}
