package io.robustrec.model.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ElementwiseSoftmaxTest {

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    /** softmax over the last axis of a rank-4 tensor (SASRec's attention shape) inside a non-linear loss. */
    @Test
    void gradientMatchesFiniteDifferencesOnTheLastAxis() {
        assertSoftmaxGradient(3);
    }

    /** the axis comes from the op's arguments, also after SameDiff cloned the op for the gradient graph. */
    @Test
    void gradientMatchesFiniteDifferencesOnAnInnerAxis() {
        assertSoftmaxGradient(1);
    }

    /** the forward pass is ND4J's softmax: rows sum to one and match exp(x) / Σ exp(x). */
    @Test
    void forwardIsTheSoftmax() {
        SameDiff sd = SameDiff.create();
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {0, 0, 0}});
        SDVariable y = new ElementwiseSoftmax(sd, sd.constant("x", x), 1).outputVariable();
        INDArray out = y.eval();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / z, out.getDouble(0, 2), 1e-12);
        assertEquals(1.0 / 3, out.getDouble(1, 0), 1e-12);
    }

    private static void assertSoftmaxGradient(int axis) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5).subi(0.5).muli(3));
        SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5));
        SDVariable y = sd.nn.softmax(x, axis); // built by SameDiff; the gradient graph uses the registered replacement
        sd.setLossVariables(sd.math.square(y.mul(w)).sum("loss"));
        FiniteDifferences.assertGradient(sd, "x", Map.of(), 1e-7);
        // the gradient graph uses the element-wise form, not ND4J's native softmax_bp
        for (var op : sd.getFunction("grad").getOps().values()) {
            assertNotEquals("softmax_bp", op.getOp().opName());
        }
    }
}
