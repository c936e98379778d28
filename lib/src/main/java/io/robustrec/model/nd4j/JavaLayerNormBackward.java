package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNormBp;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Backward pass of {@link JavaLayerNorm} (inputs x, gain, bias, dL/dy; outputs dL/dx, dL/dgain, dL/dbias). With
 * x̂ = (x − μ)·r, r = 1/sqrt(σ² + ε) per row and g = dL/dy ⊙ gain:
 * <pre>
 *   dL/dx = r · (g − mean(g) − x̂ · mean(g ⊙ x̂))      (means over the row)
 *   dL/dgain = Σ_rows dL/dy ⊙ x̂,   dL/dbias = Σ_rows dL/dy
 * </pre>
 */
public class JavaLayerNormBackward extends LayerNormBp implements JavaKernelOp {

    /** For SameDiff's op registry. */
    public JavaLayerNormBackward() {
    }

    /** The gradients of {@link JavaLayerNorm}'s inputs given {@code dLdy}, the loss gradient at its output. */
    public JavaLayerNormBackward(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias, SDVariable dLdy) {
        super(sd, x, gain, bias, dLdy, false, 1);
    }

    @Override
    public boolean computedInJava() {
        return JavaLayerNorm.ours(args());
    }

    @Override
    public INDArray[] compute(List<INDArray> inputs, List<INDArray> outputs) {
        LayerNormKernel.Inputs in = LayerNormKernel.read(inputs);
        float[] gain = in.gain();
        int d = in.width();
        INDArray upstream = JavaKernels.rowMajorFloat(inputs.get(3));
        if (upstream.length() != in.x().length()) {
            throw new IllegalArgumentException("layer norm gradient: " + upstream.length() + " upstream values for "
                    + in.x().length() + " inputs");
        }
        INDArray dxOut = JavaKernels.outputOrNew(outputs, 0, inputs.get(0).shape());
        INDArray dxWork = LayerNormKernel.workArray(dxOut);
        FloatBuffer xSource = LayerNormKernel.buffer(in.x());
        FloatBuffer dySource = LayerNormKernel.buffer(upstream);
        FloatBuffer dxTarget = LayerNormKernel.buffer(dxWork);
        float[] xhat = new float[LayerNormKernel.CHUNK_ROWS * d]; // standardised row by row below
        float[] dy = new float[xhat.length];
        float[] dx = new float[xhat.length];
        float[] g = new float[d];
        float[] dGain = new float[d];
        float[] dBias = new float[d];
        for (long row = 0; row < in.rows(); row += LayerNormKernel.CHUNK_ROWS) {
            int n = (int) Math.min(LayerNormKernel.CHUNK_ROWS, in.rows() - row) * d;
            int position = Math.toIntExact(row * d);
            xSource.get(position, xhat, 0, n);
            dySource.get(position, dy, 0, n);
            for (int start = 0; start < n; start += d) {
                float r = LayerNormKernel.normalise(xhat, start, d);
                for (int j = 0; j < d; j++) {
                    float up = dy[start + j];
                    g[j] = up * gain[j];
                    dGain[j] += up * xhat[start + j];
                    dBias[j] += up;
                }
                float meanG = RowMath.sum(g, 0, d) / d;
                float meanGx = RowMath.dot(g, 0, xhat, start, d) / d;
                for (int j = 0; j < d; j++) {
                    dx[start + j] = r * (g[j] - meanG - xhat[start + j] * meanGx);
                }
            }
            dxTarget.put(position, dx, 0, n);
        }
        return new INDArray[]{
                LayerNormKernel.finish(dxWork, dxOut),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 1, inputs.get(1).shape()), dGain),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 2, inputs.get(2).shape()), dBias)};
    }
}
