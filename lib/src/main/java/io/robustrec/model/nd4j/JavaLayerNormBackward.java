package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNormBp;

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
        float[] xhat = in.x(); // standardised row by row below
        float[] gain = in.gain();
        int d = in.width();
        float[] dy = JavaKernels.read(inputs.get(3));
        if (dy.length != xhat.length) {
            throw new IllegalArgumentException("layer norm gradient: " + dy.length + " upstream values for "
                    + xhat.length + " inputs");
        }
        float[] dx = new float[xhat.length];
        float[] dGain = new float[d];
        float[] dBias = new float[d];
        for (int start = 0; start < xhat.length; start += d) {
            float r = LayerNormKernel.normalise(xhat, start, d);
            float meanG = 0f;
            float meanGx = 0f;
            for (int j = 0; j < d; j++) {
                float up = dy[start + j];
                float g = up * gain[j];
                meanG += g;
                meanGx += g * xhat[start + j];
                dGain[j] += up * xhat[start + j];
                dBias[j] += up;
            }
            meanG /= d;
            meanGx /= d;
            for (int j = 0; j < d; j++) {
                dx[start + j] = r * (dy[start + j] * gain[j] - meanG - xhat[start + j] * meanGx);
            }
        }
        return new INDArray[]{
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 0, inputs.get(0).shape()), dx),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 1, inputs.get(1).shape()), dGain),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 2, inputs.get(2).shape()), dBias)};
    }
}
