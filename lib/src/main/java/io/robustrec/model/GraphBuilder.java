package io.robustrec.model;

import io.robustrec.model.nd4j.JavaKernels;
import io.robustrec.model.nd4j.JavaLayerNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The pieces backbones share while building a SameDiff graph: the config, seeded weight initialisation,
 * dropout through mask placeholders, and layer normalisation.
 *
 * <p>ND4J's own dropout op has no gradient in SameDiff, so dropout here is an explicit inverted-dropout mask.
 */
public final class GraphBuilder {

    /** Prefix of the placeholders that carry the dropout masks, one per dropout site. */
    public static final String DROPOUT_MASK_PREFIX = "dropout_mask_";

    private static final double LAYER_NORM_EPSILON = JavaLayerNorm.EPSILON;

    private final SameDiff sd;
    private final BackboneConfig config;
    private final Random init;
    private final List<DropoutSite> dropoutSites = new ArrayList<>();
    private int counter;

    GraphBuilder(SameDiff sd, BackboneConfig config, long seed) {
        this.sd = sd;
        this.config = config;
        this.init = new Random(seed);
    }

    /** The graph. */
    public SameDiff sd() {
        return sd;
    }

    /** The backbone shape. */
    public BackboneConfig config() {
        return config;
    }

    /**
     * A trainable weight with entries drawn from N(0, std²), seeded. Like every weight factory here, a second call
     * with the same name returns the existing weight (paths that share weights, such as a backbone's ranking path).
     */
    public SDVariable normal(String name, double std, long... shape) {
        SDVariable existing = existing(name, shape);
        if (existing != null) {
            return existing;
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (init.nextGaussian() * std);
        }
        return sd.var(name, Nd4j.create(v, shape, 'c'));
    }

    /** Xavier/Glorot-uniform weight for a [fanIn, fanOut] matrix (or any shape with the two given fans). */
    public SDVariable xavier(String name, long fanIn, long fanOut, long... shape) {
        SDVariable existing = existing(name, shape);
        if (existing != null) {
            return existing;
        }
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((init.nextDouble() * 2 - 1) * limit);
        }
        return sd.var(name, Nd4j.create(v, shape, 'c'));
    }

    /** A trainable weight filled with a constant. */
    public SDVariable constantWeight(String name, float value, long... shape) {
        SDVariable existing = existing(name, shape);
        if (existing != null) {
            return existing;
        }
        INDArray a = Nd4j.valueArrayOf(shape, value, DataType.FLOAT);
        return sd.var(name, a);
    }

    /**
     * Inverted dropout: multiplies by a mask whose entries are 0 with probability {@code rate} and 1 / (1 − rate)
     * otherwise. The mask is a placeholder that {@link SequenceModel#feed} fills with {@link DropoutSite#mask}, drawn
     * by the model's own ND4J generator reseeded for every step, not a random op inside the graph: in-graph random ops
     * draw from the global native generator, which seeding {@code Nd4j.getRandom()} does not reset, so runs were not
     * reproducible (and a hash-based mask computed in the graph cost about a tenth of a SASRec step). At evaluation
     * time the feed is a [1, 1] array of ones, which broadcasts, so dropout is then free.
     *
     * @param x                   activations of one batch, B · {@code elementsPerSequence} entries in any shape
     * @param elementsPerSequence entries of {@code x} per sequence of the batch
     */
    public SDVariable dropout(SDVariable x, long elementsPerSequence) {
        if (config.dropout() == 0) {
            return x;
        }
        DropoutSite site = new DropoutSite(DROPOUT_MASK_PREFIX + dropoutSites.size(), elementsPerSequence);
        dropoutSites.add(site);
        SDVariable mask = sd.placeHolder(site.placeholder(), DataType.FLOAT, -1, -1);
        SDVariable rows = sd.reshape(x, -1, elementsPerSequence);
        return sd.reshape(rows.mul(mask), sd.shape(x));
    }

    /** The dropout sites created so far, in creation order. */
    List<DropoutSite> dropoutSites() {
        return List.copyOf(dropoutSites);
    }

    /**
     * Layer normalisation over the last axis of a [N, d] matrix with learnable gain and bias:
     * {@code y = (x − mean) / sqrt(var + 1e-5) · gain + bias}.
     *
     * <p>On the CPU backend this is one Java op each way ({@link JavaLayerNorm}). Elsewhere it is written with
     * elementary ops because ND4J 1.0.0-M2.1's fused {@code layer_norm} backward was the slowest op of
     * a SASRec step (about 80 ms per call at B = 128, L = 200, d = 50). The per-row scale and the per-column gain are
     * spread to full [N, d] matrices by outer products ({@link #spreadColumn}, {@link #spreadRow}) before multiplying:
     * the backward of a broadcasting multiply costs about 20x that of an element-wise one in this ND4J.
     */
    public SDVariable layerNorm(String prefix, SDVariable x) {
        long d = config.dim();
        SDVariable gain = constantWeight(prefix + JavaLayerNorm.GAIN_SUFFIX, 1f, d);
        SDVariable bias = constantWeight(prefix + "_ln_bias", 0f, d);
        if (JavaKernels.active()) {
            return new JavaLayerNorm(sd, x, gain, bias).outputVariable(); // the same function, one op each way
        }
        SDVariable centred = x.sub(x.mean(true, -1));
        SDVariable variance = centred.mul(centred).mean(true, -1); // [N, 1]
        SDVariable inverseStd = sd.math.rsqrt(variance.add(LAYER_NORM_EPSILON));
        SDVariable normalised = centred.mul(spreadColumn(inverseStd, d));
        return normalised.mul(spreadRow(gain, sd.onesLike(variance))).add(bias);
    }

    /** [N, 1] column → [N, width] matrix with the column repeated, as the outer product column · 1ᵀ. */
    public SDVariable spreadColumn(SDVariable column, long width) {
        return sd.mmul(column, sd.constant(Nd4j.ones(DataType.FLOAT, 1, width)));
    }

    /** [d] row → [N, d] matrix with the row repeated N times, as the outer product 1 · rowᵀ ({@code ones} is [N, 1]). */
    public SDVariable spreadRow(SDVariable row, SDVariable ones) {
        return sd.mmul(ones, sd.reshape(row, 1, -1));
    }

    private SDVariable existing(String name, long[] shape) {
        if (!sd.hasVariable(name)) {
            return null;
        }
        SDVariable v = sd.getVariable(name);
        if (!Arrays.equals(v.getArr().shape(), shape)) {
            throw new IllegalArgumentException("weight " + name + " exists with shape " + Arrays.toString(v.getArr().shape())
                    + ", requested again with shape " + Arrays.toString(shape));
        }
        return v;
    }

    /** A unique name with a readable prefix. */
    public String unique(String prefix) {
        return prefix + "_" + (counter++);
    }
}
