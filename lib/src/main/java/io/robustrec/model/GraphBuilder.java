package io.robustrec.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The pieces backbones share while building a SameDiff graph: the config, seeded weight initialisation,
 * and dropout controlled by a scalar placeholder (0 at evaluation time, the configured rate in training).
 *
 * <p>ND4J's own dropout op has no gradient in SameDiff, so dropout here is an explicit inverted-dropout mask.
 */
public final class GraphBuilder {

    /** Name of the scalar placeholder holding the current dropout rate. */
    public static final String DROPOUT = "dropout_rate";
    /** Name of the scalar placeholder that seeds the dropout masks of one step. */
    public static final String DROPOUT_SEED = "dropout_seed";

    private final SameDiff sd;
    private final BackboneConfig config;
    private final Random init;
    private final SDVariable dropoutRate;
    private final SDVariable dropoutSeed;
    private int dropoutSites;
    private int counter;

    GraphBuilder(SameDiff sd, BackboneConfig config, long seed) {
        this.sd = sd;
        this.config = config;
        this.init = new Random(seed);
        this.dropoutRate = sd.placeHolder(DROPOUT, DataType.FLOAT);
        this.dropoutSeed = sd.placeHolder(DROPOUT_SEED, DataType.FLOAT);
    }

    /** The graph. */
    public SameDiff sd() {
        return sd;
    }

    /** The backbone shape. */
    public BackboneConfig config() {
        return config;
    }

    /** A trainable weight with entries drawn from N(0, std²), seeded. */
    public SDVariable normal(String name, double std, long... shape) {
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
        INDArray a = Nd4j.valueArrayOf(shape, value, DataType.FLOAT);
        return sd.var(name, a);
    }

    /**
     * Inverted dropout: multiplies by a Bernoulli(1 − rate) mask scaled by 1 / (1 − rate); identity at rate 0.
     *
     * <p>The mask comes from a counter-based hash of (element index, step seed, site), u = frac(sin(·)·43758.55),
     * not from ND4J's random ops: those draw from a native generator that seeding {@code Nd4j.getRandom()} does
     * not reset, which made runs irreproducible. The trainer feeds a new seed every step.
     */
    public SDVariable dropout(SDVariable x) {
        if (config.dropout() == 0) {
            return x;
        }
        int site = dropoutSites++;
        SDVariable count = sd.castTo(sd.prod(sd.shape(x)), DataType.FLOAT);
        SDVariable index = sd.range(sd.constant(Nd4j.scalar(0f)), count, sd.constant(Nd4j.scalar(1f)), DataType.FLOAT);
        SDVariable phase = index.mul(12.9898).add(dropoutSeed.mul(78.233)).add(site * 4.1414);
        SDVariable wave = sd.math.sin(sd.math.sin(phase).mul(437.585).add(index.mul(0.0731))).mul(43758.5453);
        SDVariable u = wave.sub(sd.math.floor(wave));
        SDVariable keep = sd.castTo(sd.reshape(u, sd.shape(x)).gte(dropoutRate), DataType.FLOAT);
        SDVariable scale = sd.math.reciprocal(dropoutRate.rsub(1.0));
        return x.mul(keep).mul(scale);
    }

    /** Layer normalisation over the last axis with learnable gain and bias. */
    public SDVariable layerNorm(String prefix, SDVariable x) {
        long d = config.dim();
        SDVariable gain = constantWeight(prefix + "_ln_gain", 1f, d);
        SDVariable bias = constantWeight(prefix + "_ln_bias", 0f, d);
        return sd.nn.layerNorm(x, gain, bias, false, -1);
    }

    /** A unique name with a readable prefix. */
    public String unique(String prefix) {
        return prefix + "_" + (counter++);
    }
}
