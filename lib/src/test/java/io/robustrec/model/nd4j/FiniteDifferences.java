package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Central finite differences against SameDiff's gradient, for graphs whose scalar output is named "loss". */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** Every entry of ∂loss/∂{@code var} matches (loss(θ+ε) − loss(θ−ε)) / 2ε within {@code absolute} + 1e-5·|numeric|. */
    static void assertGradient(SameDiff sd, String var, Map<String, INDArray> feed, double absolute) {
        INDArray analytic = Gradients.quietly(() -> sd.calculateGradients(feed, var)).get(var).dup();
        INDArray param = sd.getVariable(var).getArr();
        double eps = 1e-6;
        for (int i = 0; i < param.length(); i++) {
            double orig = param.getDouble(i);
            param.putScalar(i, orig + eps);
            double up = sd.output(feed, "loss").get("loss").getDouble(0);
            param.putScalar(i, orig - eps);
            double down = sd.output(feed, "loss").get("loss").getDouble(0);
            param.putScalar(i, orig);
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, analytic.getDouble(i), absolute + 1e-5 * Math.abs(numeric), var + "[" + i + "]");
        }
    }
}
