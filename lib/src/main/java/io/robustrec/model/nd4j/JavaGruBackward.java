package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.GRUBp;

import java.util.List;

/**
 * Backward pass of {@link JavaGru}: ND4J's {@code gru_bp} op (inputs x, h0, W_x, W_h, b, dL/dh; outputs dL/dx,
 * dL/dh0, dL/dW_x, dL/dW_h, dL/db) computed by {@link GruKernel}. It reuses the forward results of the last
 * {@link JavaGru} run on this thread when that run had the same inputs, and runs the recurrence again otherwise.
 */
public class JavaGruBackward extends GRUBp implements JavaKernelOp {

    /** For SameDiff's op registry. */
    public JavaGruBackward() {
    }

    /** The gradients of {@link JavaGru}'s inputs given {@code dLdh}, the loss gradient at every step's output. */
    public JavaGruBackward(SameDiff sd, SDVariable x, SDVariable h0, SDVariable wx, SDVariable wh, SDVariable b,
                           SDVariable dLdh) {
        super(sd, x, h0, wx, wh, b, dLdh);
    }

    @Override
    public INDArray[] compute(List<INDArray> inputs, List<INDArray> outputs) {
        INDArray x = inputs.get(0);
        INDArray h0 = inputs.get(1);
        INDArray wx = inputs.get(2);
        INDArray wh = inputs.get(3);
        INDArray b = inputs.get(4);
        GruKernel kernel = null;
        for (var it = JavaGru.RECENT_FORWARDS.get().iterator(); it.hasNext() && kernel == null; ) {
            GruKernel k = it.next();
            if (k.sameInputs(x, h0, wx, wh, b)) {
                kernel = k;
                it.remove();
            }
        }
        if (kernel == null) {
            kernel = new GruKernel(x, h0, wx, wh, b);
            kernel.forward();
        }
        GruKernel.Gradients g = kernel.backward(GruKernel.floats(inputs.get(5)));
        return new INDArray[]{
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 0, x.shape()), g.x()),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 1, h0.shape()), g.h0()),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 2, wx.shape()), g.wx()),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 3, wh.shape()), g.wh()),
                JavaKernels.write(JavaKernels.outputOrNew(outputs, 4, b.shape()), g.b())};
    }
}
