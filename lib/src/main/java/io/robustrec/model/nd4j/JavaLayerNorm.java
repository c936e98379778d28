package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Layer normalisation of the rows of a [N, d] matrix, as one op computed in Java:
 * {@code y = (x − mean(x)) / sqrt(var(x) + ε) ⊙ gain + bias}, mean and (biased) variance over each row, ε = 1e-5.
 *
 * <p>Why: written with ND4J's elementary ops the same function is about twenty ops forward and backward, each a pass
 * over the [N, d] activations with its own allocation and bookkeeping; SASRec has five of them per step. ND4J's own
 * fused {@code layer_norm} normalises differently (no ε under the root) and its backward was slower still. This op
 * stands behind ND4J's {@code layer_norm} class only for shape inference; {@link JavaKernels} runs its computation,
 * so it exists only on the CPU backend ({@code GraphBuilder.layerNorm} uses the elementary form elsewhere).
 */
public class JavaLayerNorm extends LayerNorm implements JavaKernelOp {

    /** ε added to the variance under the square root. */
    public static final float EPSILON = 1e-5f;

    /**
     * Ending of the gain variable's name in the layer norms this library builds ({@code GraphBuilder.layerNorm}).
     * The op registry hands this class every {@code layer_norm} op that SameDiff copies into a gradient graph,
     * including those of graphs built elsewhere with ND4J's own (differently normalising, any-axis) layer norm;
     * only ops whose gain carries this name are computed here, the others stay ND4J's.
     */
    public static final String GAIN_SUFFIX = "_ln_gain";

    /** For SameDiff's op registry. */
    public JavaLayerNorm() {
    }

    /** Normalises the rows of {@code x} [N, d], then scales by {@code gain} [d] and shifts by {@code bias} [d]. */
    public JavaLayerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
        super(sd, x, gain, bias, false, 1);
    }

    /** Whether this op is one of this library's layer norms (see {@link #GAIN_SUFFIX}). */
    static boolean ours(SDVariable[] args) {
        return args != null && args.length >= 3 && args[1].name().endsWith(GAIN_SUFFIX);
    }

    @Override
    public boolean computedInJava() {
        return ours(args());
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        if (!computedInJava()) {
            return super.doDiff(gradients);
        }
        return List.of(new JavaLayerNormBackward(sameDiff, arg(0), arg(1), arg(2), gradients.get(0)).outputVariables());
    }

    @Override
    public INDArray[] compute(List<INDArray> inputs, List<INDArray> outputs) {
        LayerNormKernel.Inputs in = LayerNormKernel.read(inputs);
        float[] gain = in.gain();
        float[] bias = in.bias();
        int d = in.width();
        INDArray out = JavaKernels.outputOrNew(outputs, 0, inputs.get(0).shape());
        INDArray work = LayerNormKernel.workArray(out);
        FloatBuffer source = LayerNormKernel.buffer(in.x());
        FloatBuffer target = LayerNormKernel.buffer(work);
        float[] chunk = new float[LayerNormKernel.CHUNK_ROWS * d];
        for (long row = 0; row < in.rows(); row += LayerNormKernel.CHUNK_ROWS) {
            int n = (int) Math.min(LayerNormKernel.CHUNK_ROWS, in.rows() - row) * d;
            int position = Math.toIntExact(row * d);
            source.get(position, chunk, 0, n);
            for (int start = 0; start < n; start += d) {
                LayerNormKernel.normaliseAffine(chunk, start, d, gain, bias);
            }
            target.put(position, chunk, 0, n);
        }
        return new INDArray[]{LayerNormKernel.finish(work, out)};
    }
}
