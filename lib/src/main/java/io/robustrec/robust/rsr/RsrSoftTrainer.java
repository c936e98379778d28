package io.robustrec.robust.rsr;

import io.robustrec.data.Batch;
import io.robustrec.data.SplitData;
import io.robustrec.model.SequenceModel;
import io.robustrec.train.Optimizer;
import io.robustrec.train.OptimizerKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RSR with soft clusters: distributionally robust training over learned, soft clusters of sequence representations.
 *
 * <p>Zhou, Wu, Qiu, Zheng, Chen: "Distributionally Robust Sequential Recommendation", SIGIR 2023. With h_i the
 * representation of training sequence i (last hidden state), centres μ_1..μ_K, and ℓ_it the loss of its sample at
 * position t (N samples in the batch):
 * <pre>
 *   q_ik = softmax_k( cos(sg(h_i), μ_k) / τ )
 *   L(θ, μ, w) = (1/N) Σ_{i,t} ( K Σ_k q_ik w_k ) ℓ_it(θ)  +  λ · L_cluster(θ, μ)
 *   L_cluster  = (1/B) Σ_i KL(p_i || q̃_i),  q̃_ik = softmax_k(cos(h_i, μ_k)/τ),
 *                p_ik ∝ sg( q̃_ik² / Σ_j q̃_jk )                      (DEC targets, Xie et al. 2016)
 *   per mini-batch:  θ ← θ − lr · Adam(∇_θ L),   μ ← μ − lr_f · Adam(∇_μ L),   w ← ascend(w, g, lr_w),
 *                    g_k = Σ_i q_ik Σ_t ℓ_it / Σ_i q_ik n_i   (the q-weighted mean loss of cluster k)
 * </pre>
 * sg = stop-gradient.
 *
 * <p>Readings of what the paper leaves open:
 * <ul>
 *   <li><b>Samples and representations</b> as in {@link RsrHardTrainer}: a sequence's samples share its assignment.</li>
 *   <li><b>The weights do not train the encoder through q.</b> q in the weighted loss uses the detached representation,
 *   so θ cannot lower the loss by moving samples into low-weight clusters (that would make the adversary
 *   self-defeating); θ gets ∇ of the weighted losses and of λ·L_cluster only.</li>
 *   <li><b>Centres and the adversary</b> (switch {@code centresAdversarial}): off (default), μ is detached in the
 *   weighted loss too and learns from the clustering loss alone; on, μ also <i>ascends</i> the weighted loss (a
 *   gradient-reversal copy of μ), joining the adversary in grouping the high-loss samples together.</li>
 *   <li><b>Clustering loss: DEC's KL to sharpened targets.</b> It sharpens assignments (so clusters mean something at
 *   any τ) and, by dividing by the cluster frequency, resists collapse into one cluster, which would leave the
 *   adversary nothing to choose from. Maximum-probability or entropy losses sharpen but do not balance.</li>
 *   <li><b>Scale.</b> The factor K makes uniform weights give ERM's loss exactly; with K = 1 the objective is ERM's
 *   (q = 1 and L_cluster = 0; same gradients, tested).</li>
 *   <li><b>Ascent gradient.</b> The adversary sees each cluster's q-weighted mean loss, as the hard trainer sees its
 *   cluster means (group DRO), rather than ∂L/∂w_k, which also scales with the cluster's batch mass.</li>
 *   <li><b>Initial centres:</b> the representations (under the initial model) of K distinct random training
 *   sequences.</li>
 * </ul>
 * The soft graph adds a handful of small [B, K] ops to one forward/backward per step.
 */
public final class RsrSoftTrainer extends RsrTrainer {

    private SoftClusterGraph graph;
    private Optimizer centresOptimizer;

    /** Soft RSR with {@link RsrConfig#soft()}. */
    public RsrSoftTrainer() {
        this(RsrConfig.soft());
    }

    /** Soft RSR with the given settings ({@code mode} must be soft). */
    public RsrSoftTrainer(RsrConfig config) {
        super(config);
        if (config.mode() != ClusterMode.SOFT) {
            throw new IllegalArgumentException("mode=" + config.mode() + " but RsrSoftTrainer needs mode=SOFT");
        }
    }

    @Override
    public String name() {
        return "rsr-soft";
    }

    /** The soft-cluster graph of the last fit (centres, assignments), or null before a fit. */
    public SoftClusterGraph softClusters() {
        return graph;
    }

    @Override
    protected void prepare(Context ctx) {
        super.prepare(ctx);
        long seed = ctx.config().seed();
        graph = SoftClusterGraph.attach(ctx.model(), config, seed * 7_777L + 1);
        List<int[]> train = ctx.data().train();
        List<int[]> picked = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed * 7_777L + 2);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < config.clusters(); i++) {
            int j = i + rng.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            picked.add(train.get(order[i]));
        }
        graph.setCentres(ctx.model().lastHidden(picked));
        centresOptimizer = new Optimizer(OptimizerKind.ADAM, config.lrCentres(), 0, Map.of(SoftClusterGraph.CENTRES, graph.centres()));
    }

    @Override
    protected double step(Context ctx, Batch batch) {
        SequenceModel m = ctx.model();
        Map<String, INDArray> feed = graph.withWeights(feed(ctx, batch, null), weights);
        List<String> vars = new ArrayList<>(m.parameterNames());
        vars.add(SoftClusterGraph.CENTRES);
        var out = m.gradientsAndOutputs(feed,
                List.of(SoftClusterGraph.TOTAL, SoftClusterGraph.ASSIGNMENTS, SequenceModel.SAMPLE_LOSS), vars);
        double loss = out.getOutputs().get(SoftClusterGraph.TOTAL).getDouble(0);
        float[][] q = out.getOutputs().get(SoftClusterGraph.ASSIGNMENTS).toFloatMatrix();
        float[][] sl = out.getOutputs().get(SequenceModel.SAMPLE_LOSS).toFloatMatrix();
        Map<String, INDArray> grads = new java.util.HashMap<>(out.getGradients());
        INDArray centresGrad = grads.remove(SoftClusterGraph.CENTRES);
        ctx.apply(grads);
        if (centresGrad != null) {
            centresOptimizer.step(Map.of(SoftClusterGraph.CENTRES, graph.centres()), Map.of(SoftClusterGraph.CENTRES, centresGrad),
                    ctx.epoch());
        }
        int k = config.clusters();
        int[] n = samplesPerRow(batch.positive());
        double[] sum = new double[k];
        double[] count = new double[k];
        for (int r = 0; r < q.length; r++) {
            double s = 0;
            for (float v : sl[r]) {
                s += v;
            }
            for (int c = 0; c < k; c++) {
                sum[c] += q[r][c] * s;
                count[c] += q[r][c] * n[r];
            }
        }
        ascend(sum, count);
        return loss;
    }

    @Override
    public int[] assignments(SequenceModel model, SplitData data) {
        if (graph == null || graph.model() != model) {
            throw new IllegalStateException("this trainer's soft clusters belong to another model; fit first");
        }
        float[][] q = graph.assignments(data.train());
        int[] out = new int[q.length];
        for (int i = 0; i < q.length; i++) {
            int best = 0;
            for (int c = 1; c < q[i].length; c++) {
                if (q[i][c] > q[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    protected Map<String, INDArray> trainerState() {
        Map<String, INDArray> m = new LinkedHashMap<>(super.trainerState());
        m.put("rsr.centres", graph.centres().dup());
        centresOptimizer.copyState().forEach((key, v) -> m.put("rsr.centresOptimizer." + key, v));
        return m;
    }

    @Override
    protected void restoreTrainerState(Map<String, INDArray> state) {
        super.restoreTrainerState(state);
        INDArray c = state.get("rsr.centres");
        if (c == null) {
            throw new IllegalArgumentException("checkpoint has no soft-cluster centres");
        }
        graph.setCentres(c);
        Map<String, INDArray> opt = new LinkedHashMap<>();
        String prefix = "rsr.centresOptimizer.";
        state.forEach((key, v) -> {
            if (key.startsWith(prefix)) {
                opt.put(key.substring(prefix.length()), v);
            }
        });
        centresOptimizer.restoreState(opt);
    }
}
