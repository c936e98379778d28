package io.robustrec.model;

import io.robustrec.model.nd4j.EagerRelease;
import io.robustrec.model.nd4j.RecyclingMemory;
import io.robustrec.model.nd4j.EmbeddingGather;
import io.robustrec.model.nd4j.Gradients;
import io.robustrec.model.nd4j.Nd4jRepairs;
import io.robustrec.model.nd4j.SessionMemory;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backbone wired into a complete SameDiff graph: item-embedding lookup, the backbone, the loss, and scoring
 * against the shared item table.
 *
 * <p>Placeholders: {@code input}, {@code positive}, {@code negative} (int [B, L], 0 = padding),
 * {@code weight} (float [B, L], one weight per training sample (sequence, position)), and one dropout mask per
 * dropout site ({@link DropoutSite}; filled by {@link #feed}).
 * Outputs: {@code hidden} [B, L, d], {@code last_hidden} [B, d] (its last row, for training objectives),
 * {@code ranking_state} [B, d] (the same state from the backbone's ranking path, dropout off), {@code scores}
 * [B, items + 1] (from the ranking state),
 * {@code sample_loss} [B, L] (0 where there is no sample) and the scalar {@code loss}
 * = Σ weight · sample_loss / number of samples.
 *
 * <p>Item id 0 is padding: its embedding row exists but is never a candidate (its score is pushed to −1e9).
 */
public final class SequenceModel implements Recommender {

    public static final String INPUT = "input";
    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";
    public static final String WEIGHT = "weight";
    public static final String ITEM_TABLE = "item_embedding";
    public static final String EMBEDDED = "embedded";
    public static final String HIDDEN = "hidden";
    public static final String LAST_HIDDEN = "last_hidden";
    public static final String SCORES = "scores";
    /** The hidden state at the last position computed by the backbone's ranking path (dropout off), [B, d]. */
    public static final String RANKING_STATE = "ranking_state";
    public static final String SAMPLE_LOSS = "sample_loss";
    public static final String LOSS = "loss";

    private final SameDiff sd;
    private final Backbone backbone;
    private final BackboneConfig config;
    private final LossKind lossKind;
    private final int numItems;
    private final List<String> parameterNames;
    private final List<DropoutSite> dropoutSites;
    /** Native generator of the dropout masks, reseeded for every training feed. */
    private final org.nd4j.linalg.api.rng.Random dropoutRandom = Nd4j.getRandomFactory().getNewRandomInstance(0L);

    private final EagerRelease eagerRelease = new EagerRelease();

    private SequenceModel(SameDiff sd, Backbone backbone, BackboneConfig config, LossKind lossKind, int numItems,
                          List<DropoutSite> dropoutSites) {
        this.sd = sd;
        this.dropoutSites = dropoutSites;
        this.backbone = backbone;
        this.config = config;
        this.lossKind = lossKind;
        this.numItems = numItems;
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        this.parameterNames = List.copyOf(names);
        sd.addListeners(eagerRelease);
    }

    /**
     * Builds the graph.
     *
     * @param backbone the sequence encoder
     * @param config   its shape
     * @param numItems number of real items (the table has numItems + 1 rows)
     * @param lossKind training objective
     * @param seed     seed of the weight initialisation
     */
    public static SequenceModel build(Backbone backbone, BackboneConfig config, int numItems, LossKind lossKind, long seed) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
        Nd4jRepairs.install();
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, config, seed);
        int l = config.maxLength();
        int d = config.dim();
        SDVariable input = sd.placeHolder(INPUT, DataType.INT, -1, l);
        SDVariable positive = sd.placeHolder(POSITIVE, DataType.INT, -1, l);
        SDVariable negative = sd.placeHolder(NEGATIVE, DataType.INT, -1, l);
        SDVariable weight = sd.placeHolder(WEIGHT, DataType.FLOAT, -1, l);

        SDVariable table = g.normal(ITEM_TABLE, 1.0 / Math.sqrt(d), numItems + 1L, d);
        SDVariable mask = sd.castTo(input.neq(0), DataType.FLOAT);
        SDVariable embedded = sd.identity(EMBEDDED, lookup(sd, table, input));
        SDVariable hidden = sd.identity(HIDDEN, backbone.encode(g, embedded, mask));
        SDVariable last = sd.reshape(LAST_HIDDEN, hidden.get(SDIndex.all(), SDIndex.interval(l - 1, l), SDIndex.all()), -1, d);

        float[] padBias = new float[numItems + 1];
        padBias[0] = -1e9f;
        SDVariable padBiasRow = sd.constant("pad_bias", Nd4j.createFromArray(padBias));
        // ranking reads the backbone's last-position path (cheaper for SASRec); training reads the full hidden states
        SDVariable rankingState = sd.identity(RANKING_STATE, backbone.encodeLast(g, embedded, mask, hidden));
        sd.identity(SCORES, sd.mmul(rankingState, table, false, true, false).add(padBiasRow));

        SDVariable sampleLoss;
        SDVariable sampleMask = sd.castTo(positive.neq(0), DataType.FLOAT);
        if (lossKind == LossKind.BCE) {
            SDVariable posLogit = hidden.mul(lookup(sd, table, positive)).sum(2);
            SDVariable negLogit = hidden.mul(lookup(sd, table, negative)).sum(2);
            SDVariable bce = sd.nn.softplus(posLogit.neg()).add(sd.nn.softplus(negLogit));
            sampleLoss = bce.mul(sampleMask);
        } else if (lossKind == LossKind.SOFTMAX) {
            SDVariable logits = sd.mmul(sd.reshape(hidden, -1, d), table, false, true, false)
                    .add(sd.constant("pad_bias_all", Nd4j.createFromArray(padBias)));
            SDVariable positiveLogit = hidden.mul(lookup(sd, table, positive)).sum(2);
            SDVariable ce = sd.reshape(logSumExpRows(sd, logits), -1, l).sub(positiveLogit);
            sampleLoss = ce.mul(sampleMask);
        } else {
            SDVariable target = positive.get(SDIndex.all(), SDIndex.interval(l - 1, l)); // [B, 1]
            SDVariable targetLogit = sd.reshape(last.mul(sd.reshape(lookup(sd, table, target), -1, d)).sum(1), -1, 1);
            SDVariable lastLogits = sd.mmul(last, table, false, true, false).add(padBiasRow);
            SDVariable ce = logSumExpRows(sd, lastLogits).sub(targetLogit);
            SDVariable lastOnly = sd.nn.pad(ce, sd.constant(Nd4j.createFromArray(new int[][]{{0, 0}, {l - 1, 0}})), 0.0);
            sampleLoss = lastOnly.mul(sampleMask);
        }
        sd.identity(SAMPLE_LOSS, sampleLoss);
        SDVariable count = sd.math.max(sampleMask.sum(), sd.constant(Nd4j.scalar(1f)));
        SDVariable loss = sd.identity(LOSS, sampleLoss.mul(weight).sum().div(count));
        sd.setLossVariables(loss);
        return new SequenceModel(sd, backbone, config, lossKind, numItems, g.dropoutSites());
    }

    /** log Σ_j exp(x_ij) per row, as [rows, 1]; written out because ND4J's logSumExp backward fails in M2.1. */
    private static SDVariable logSumExpRows(SameDiff sd, SDVariable x) {
        SDVariable rowMax = sd.reshape(x.max(1), -1, 1);
        return sd.math.log(sd.reshape(sd.math.exp(x.sub(rowMax)).sum(1), -1, 1)).add(rowMax);
    }

    private static SDVariable lookup(SameDiff sd, SDVariable table, SDVariable ids) {
        return new EmbeddingGather(sd, table, ids).outputVariable();
    }

    /**
     * The SameDiff graph (for trainers that need more than the helpers below). Arrays returned by running it directly
     * belong to its session and are freed by the next {@link #releaseWorkingMemory()} (which {@link #scoreAll},
     * {@link #lastHidden}, {@link #output} and every training step call): {@code dup()} what you keep.
     */
    public SameDiff graph() {
        return sd;
    }

    /** The backbone. */
    public Backbone backbone() {
        return backbone;
    }

    /** The backbone shape. */
    public BackboneConfig config() {
        return config;
    }

    /** The loss it trains. */
    public LossKind lossKind() {
        return lossKind;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public String name() {
        return backbone.name();
    }

    /** Names of the trainable variables, in graph order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The live parameter arrays (updating them in place updates the model). */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : parameterNames) {
            m.put(n, sd.getVariable(n).getArr());
        }
        return m;
    }

    /** A deep copy of the parameters. */
    public Map<String, INDArray> copyParameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : parameterNames) {
            m.put(n, sd.getVariable(n).getArr().dup());
        }
        return m;
    }

    /** Overwrites the parameters with the given values (same names and shapes). */
    public void setParameters(Map<String, INDArray> values) {
        for (String n : parameterNames) {
            INDArray v = values.get(n);
            if (v == null) {
                throw new IllegalArgumentException("missing parameter " + n);
            }
            sd.getVariable(n).getArr().assign(v);
        }
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (String p : parameterNames) {
            n += sd.getVariable(p).getArr().length();
        }
        return n;
    }

    /**
     * Placeholder values for one training batch.
     *
     * @param input    [B, L] input ids
     * @param positive [B, L] target ids (0 = no sample at that position)
     * @param negative [B, L] sampled negative ids (ignored by the softmax loss)
     * @param weight   [B, L] sample weights, or null for all ones
     * @param training whether dropout is on
     */
    public Map<String, INDArray> feed(int[][] input, int[][] positive, int[][] negative, float[][] weight, boolean training) {
        return feed(input, positive, negative, weight, training, 0L);
    }

    /**
     * As {@link #feed(int[][], int[][], int[][], float[][], boolean)}, with the seed of this step's dropout masks
     * (trainers pass one derived from run seed, epoch and step, so runs are reproducible).
     */
    public Map<String, INDArray> feed(int[][] input, int[][] positive, int[][] negative, float[][] weight, boolean training,
                                      long dropoutSeed) {
        checkWidth("input", input);
        checkWidth("positive", positive);
        checkWidth("negative", negative);
        Map<String, INDArray> m = new HashMap<>();
        m.put(INPUT, Nd4j.createFromArray(input));
        m.put(POSITIVE, Nd4j.createFromArray(positive));
        m.put(NEGATIVE, Nd4j.createFromArray(negative));
        m.put(WEIGHT, weight == null ? Nd4j.ones(DataType.FLOAT, input.length, config.maxLength()) : Nd4j.createFromArray(weight));
        if (training && !dropoutSites.isEmpty()) {
            dropoutRandom.setSeed(dropoutSeed);
        }
        for (DropoutSite site : dropoutSites) {
            m.put(site.placeholder(), training ? site.mask(input.length, config.dropout(), dropoutRandom) : DropoutSite.identity());
        }
        return m;
    }

    private void checkWidth(String what, int[][] a) {
        if (a.length == 0) {
            throw new IllegalArgumentException(what + " batch is empty");
        }
        if (a[0].length != config.maxLength()) {
            throw new IllegalArgumentException(what + " has width " + a[0].length + " but maxLength=" + config.maxLength());
        }
    }

    /** Placeholder values for inference on histories (left-padded, cut to the last L items). */
    public Map<String, INDArray> inferenceFeed(List<int[]> histories) {
        int[][] input = leftPad(histories, config.maxLength());
        int[][] zeros = new int[input.length][config.maxLength()];
        return feed(input, zeros, zeros, null, false);
    }

    @Override
    public INDArray scoreAll(List<int[]> histories) {
        return output(inferenceFeed(histories), SCORES);
    }

    /** Sequence representations (the hidden state at the last position) [B, d], dropout off. */
    public INDArray lastHidden(List<int[]> histories) {
        return output(inferenceFeed(histories), RANKING_STATE);
    }

    /**
     * Runs the graph for one output and returns a copy of it that the caller owns; the run's intermediate arrays
     * are freed as soon as they are no longer read ({@link EagerRelease}), the rest at the end
     * ({@link SessionMemory}).
     */
    public INDArray output(Map<String, INDArray> feed, String name) {
        eagerRelease.arm(List.of(sd), feed, List.of(name));
        try {
            INDArray out = sd.output(feed, name).get(name).dup();
            return out;
        } finally {
            eagerRelease.disarm();
            releaseWorkingMemory();
        }
    }

    /**
     * Gradients of the loss with respect to {@code wrt}, plus the values of {@code outputs}, in one run. Intermediate
     * arrays are freed as soon as their last reader has run ({@link EagerRelease}); the returned arrays belong to
     * the run and stay valid until {@link #releaseWorkingMemory()}.
     *
     * @param feed    placeholder values
     * @param outputs graph variables whose values the caller reads (may be empty)
     * @param wrt     variables to differentiate with respect to (parameters, or anything the trainer added)
     */
    public OutAndGrad gradientsAndOutputs(Map<String, INDArray> feed, Collection<String> outputs, Collection<String> wrt) {
        SameDiff gradient = sd.getFunction("grad"); // where SameDiff 1.0.0-M2.1 keeps the gradient graph
        if (gradient == null) {
            // the first call builds the gradient graph; it runs without early freeing (nothing is counted yet)
            return Gradients.quietly(() -> run(feed, outputs, wrt));
        }
        Set<String> keep = new HashSet<>(outputs);
        for (String name : wrt) {
            SDVariable v = sd.getVariable(name);
            SDVariable g = v == null ? null : v.getGradient();
            if (g != null) {
                keep.add(g.name());
            }
        }
        eagerRelease.arm(List.of(sd, gradient), feed, keep);
        try {
            return run(feed, outputs, wrt);
        } finally {
            eagerRelease.disarm();
        }
    }

    private OutAndGrad run(Map<String, INDArray> feed, Collection<String> outputs, Collection<String> wrt) {
        List<String> w = List.copyOf(wrt);
        return outputs.isEmpty() ? new OutAndGrad(Map.of(), sd.calculateGradients(feed, w))
                : sd.calculateGradientsAndOutputs(feed, outputs, w);
    }

    /** {@link #gradientsAndOutputs} without outputs. */
    public Map<String, INDArray> gradients(Map<String, INDArray> feed, Collection<String> wrt) {
        return gradientsAndOutputs(feed, List.of(), wrt).getGradients();
    }

    /** The pool of freed intermediate buffers that this model's runs allocate from. */
    public RecyclingMemory workingMemory() {
        return eagerRelease.memory();
    }

    /** Bytes of intermediate arrays freed before the end of their run, since the model was built. */
    public long eagerlyFreedBytes() {
        return eagerRelease.freedBytes();
    }

    /**
     * Frees the intermediate arrays of the graph's last forward or gradient run. Arrays that run returned are
     * unusable afterwards; trainers call it once a step's gradients have been applied.
     */
    public void releaseWorkingMemory() {
        SessionMemory.release(sd);
    }

    /** Left-pads (with 0) or cuts (keeping the most recent items) each history to length {@code l}. */
    public static int[][] leftPad(List<int[]> histories, int l) {
        int[][] out = new int[histories.size()][l];
        for (int i = 0; i < histories.size(); i++) {
            int[] h = histories.get(i);
            int n = Math.min(h.length, l);
            System.arraycopy(h, h.length - n, out[i], l - n, n);
        }
        return out;
    }
}
