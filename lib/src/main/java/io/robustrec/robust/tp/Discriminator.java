package io.robustrec.robust.tp;

import io.robustrec.model.SequenceModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The head/tail discriminator f_d of TP, grafted onto a {@link SequenceModel}'s graph on top of
 * {@link SequenceModel#LAST_HIDDEN} (φ), behind a gradient-reversal layer:
 * <pre>
 *   φ_rev = StopGradient(φ) · (1 + λ) − λ · φ          (forward value φ; gradient −λ · upstream)
 *   f_d(φ) = σ(w₂ᵀ relu(W₁ᵀ φ_rev + b₁) + b₂)
 *   BCE    = (1/B) Σ_b [ R_b · softplus(−z_b) + (1 − R_b) · softplus(z_b) ]   (z = the logit of f_d)
 * </pre>
 * BCE is added to the graph's loss variables, so one backward pass of L + BCE gives the discriminator's weights
 * θ_d the gradient ∇BCE and the backbone's weights θ the gradient ∇L − λ ∇BCE (∇BCE reaches θ only through φ).
 *
 * <p>λ and the labels R are placeholders ({@link #LAMBDA}, {@link #LABEL}), so the same graph serves every λ, and
 * feeding λ = 0 gives the backbone the plain ∇L. Every gradient computation on the graph must then feed both
 * ({@link #addTo}); scoring ({@link SequenceModel#scoreAll}) does not need them.
 */
public final class Discriminator {

    /** Placeholder: R per row, float [B] (1 = head user). */
    public static final String LABEL = "tp_head_label";
    /** Placeholder: λ, float scalar. */
    public static final String LAMBDA = "tp_lambda";
    /** Output: the discriminator's logit per row, [B]. */
    public static final String LOGIT = "tp_disc_logit";
    /** Output: the mean BCE of the discriminator, scalar (a loss variable of the graph). */
    public static final String BCE = "tp_disc_bce";

    private final List<String> parameterNames;

    private Discriminator(List<String> parameterNames) {
        this.parameterNames = parameterNames;
    }

    /**
     * Adds the discriminator to the model's graph. Call before the graph's gradient function is created.
     *
     * @param model  the model (its graph is modified)
     * @param hidden hidden units of the MLP, >= 1
     * @param seed   seed of the initial weights
     */
    public static Discriminator attach(SequenceModel model, int hidden, long seed) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden=" + hidden + " must be >= 1");
        }
        SameDiff sd = model.graph();
        if (sd.hasVariable(BCE)) {
            throw new IllegalStateException("the graph already has a TP discriminator");
        }
        int d = model.config().dim();
        Random init = new Random(seed);
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1);
        SDVariable lambda = sd.placeHolder(LAMBDA, DataType.FLOAT);
        SDVariable phi = sd.getVariable(SequenceModel.LAST_HIDDEN);
        SDVariable stopped = new StopGradient(sd, phi).outputVariable();
        SDVariable phiRev = stopped.mul(lambda.add(1.0)).sub(phi.mul(lambda));
        SDVariable w1 = sd.var("tp_disc_w1", xavier(init, d, hidden));
        SDVariable b1 = sd.var("tp_disc_b1", Nd4j.zeros(DataType.FLOAT, 1, hidden));
        SDVariable w2 = sd.var("tp_disc_w2", xavier(init, hidden, 1));
        SDVariable b2 = sd.var("tp_disc_b2", Nd4j.zeros(DataType.FLOAT, 1, 1));
        SDVariable h = sd.nn.relu(sd.mmul(phiRev, w1).add(b1), 0.0);
        SDVariable logit = sd.reshape(LOGIT, sd.mmul(h, w2).add(b2), -1);
        SDVariable perRow = label.mul(sd.nn.softplus(logit.neg()))
                .add(label.rsub(1.0).mul(sd.nn.softplus(logit)));
        SDVariable bce = sd.identity(BCE, perRow.mean());
        sd.addLossVariable(bce);
        return new Discriminator(List.of(w1.name(), b1.name(), w2.name(), b2.name()));
    }

    private static INDArray xavier(Random init, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] v = new float[fanIn * fanOut];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((init.nextDouble() * 2 - 1) * limit);
        }
        return Nd4j.create(v, new long[]{fanIn, fanOut}, 'c');
    }

    /** Names of θ_d, the discriminator's trainable variables. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The live θ_d arrays (updating them in place updates the discriminator). */
    public Map<String, INDArray> parameters(SequenceModel model) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : parameterNames) {
            m.put(n, model.graph().getVariable(n).getArr());
        }
        return m;
    }

    /** Adds the labels and λ to a feed (in place) and returns it. */
    public static Map<String, INDArray> addTo(Map<String, INDArray> feed, float[] labels, double lambda) {
        feed.put(LABEL, Nd4j.createFromArray(labels));
        feed.put(LAMBDA, Nd4j.scalar((float) lambda));
        return feed;
    }

    /** Whether a model's graph carries a TP discriminator (so gradient feeds need {@link #addTo}). */
    public static boolean isAttached(SequenceModel model) {
        return model.graph().hasVariable(BCE);
    }
}
