package io.robustrec.model.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReluGradientTest {

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    @Test
    void passesTheGradientWhereTheInputExceedsTheCutoffLikeTheNativeOp() {
        INDArray x = Nd4j.createFromArray(new float[][]{{-1f, 0f, 0.5f}, {2f, -0.1f, 1e-8f}});
        INDArray g = Nd4j.createFromArray(new float[][]{{1f, 2f, 3f}, {4f, 5f, 6f}});
        INDArray java = ReluGradient.compute(0.0, List.of(x, g), List.of())[0];
        assertArrayEquals(new float[]{0f, 0f, 3f, 4f, 0f, 6f}, java.data().asFloat());
        DynamicCustomOp nativeOp = DynamicCustomOp.builder("thresholdedrelu_bp").addInputs(x, g)
                .addOutputs(Nd4j.create(DataType.FLOAT, 2, 3)).addFloatingPointArguments(0.0).build();
        assertArrayEquals(Nd4j.getExecutioner().exec(nativeOp)[0].data().asFloat(), java.data().asFloat());
        assertArrayEquals(new float[]{0f, 0f, 0f, 4f, 0f, 0f},
                ReluGradient.compute(1.0, List.of(x, g), List.of())[0].data().asFloat(), "cutoff 1");
    }

    @Test
    void theExecutionerRunsItForNd4jsOwnReluGradientOp() {
        assertNotNull(JavaKernels.kernelFor(new ThresholdReluBp()));
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.createFromArray(new float[]{-2f, -0.5f, 0.3f, 1.5f}));
        sd.setLossVariables(sd.nn.relu(w, 0).mul(sd.constant(Nd4j.createFromArray(1f, 2f, 3f, 4f))).sum("loss"));
        INDArray grad = Gradients.quietly(() -> sd.calculateGradients(Map.of(), "w")).get("w");
        assertArrayEquals(new float[]{0f, 0f, 3f, 4f}, grad.data().asFloat());
    }

    @Test
    void doubleGraphsMatchFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.rand(DataType.DOUBLE, 3, 4).subi(0.5));
        SDVariable m = sd.var("m", Nd4j.rand(DataType.DOUBLE, 4, 2).subi(0.5));
        sd.setLossVariables(sd.math.square(sd.nn.relu(w, 0).mmul(m)).sum("loss"));
        FiniteDifferences.assertGradient(sd, "w", Map.of(), 1e-6);
    }

    @Test
    void mismatchedShapesAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReluGradient.compute(0.0,
                List.of(Nd4j.ones(DataType.FLOAT, 3), Nd4j.ones(DataType.FLOAT, 4)), List.of()));
        assertEquals("relu gradient: input has 3 values but its gradient 4", e.getMessage());
    }
}
