package io.robustrec.model.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddingGatherTest {

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    /** loss = sum(table[idx] * w): d loss / d table[r] = sum of w over the positions whose index is r. */
    @Test
    void gradientAccumulatesRepeatedIndices() {
        SameDiff sd = SameDiff.create();
        INDArray tableInit = Nd4j.rand(DataType.DOUBLE, 5, 3);
        SDVariable table = sd.var("table", tableInit);
        SDVariable idx = sd.placeHolder("idx", DataType.INT, 2, 4);
        SDVariable w = sd.placeHolder("w", DataType.DOUBLE, 2, 4, 3);
        SDVariable looked = new EmbeddingGather(sd, table, idx).outputVariable();
        sd.setLossVariables(looked.mul(w).sum("loss"));

        int[][] ids = {{1, 1, 1, 4}, {0, 1, 4, 4}};
        INDArray wArr = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        Map<String, INDArray> feed = Map.of("idx", Nd4j.createFromArray(ids), "w", wArr);
        INDArray grad = Gradients.quietly(() -> sd.calculateGradients(feed, "table")).get("table");

        double[][] expected = new double[5][3];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 3; c++) {
                    expected[ids[b][t]][c] += wArr.getDouble(b, t, c);
                }
            }
        }
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[r][c], grad.getDouble(r, c), 1e-12, "row " + r + " col " + c);
            }
        }
        FiniteDifferences.assertGradient(sd, "table", feed, 1e-6);
    }

    /** Two lookups into the same table in one graph (input items and target items), a non-linear loss. */
    @Test
    void twoLookupsInOneGraphMatchFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        SDVariable table = sd.var("table", Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5));
        SDVariable proj = sd.var("proj", Nd4j.rand(DataType.DOUBLE, 4, 4).subi(0.5));
        SDVariable in = sd.placeHolder("in", DataType.INT, 3, 5);
        SDVariable target = sd.placeHolder("target", DataType.INT, 3, 5);
        SDVariable h = sd.nn.tanh(sd.mmul(sd.reshape(new EmbeddingGather(sd, table, in).outputVariable(), -1, 4), proj));
        SDVariable t = sd.reshape(new EmbeddingGather(sd, table, target).outputVariable(), -1, 4);
        SDVariable logits = h.mul(t).sum(1);
        sd.setLossVariables(sd.math.log(sd.nn.sigmoid(logits)).neg().mean("loss"));

        Random rnd = new Random(7);
        int[][] a = new int[3][5];
        int[][] b = new int[3][5];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = rnd.nextInt(6);
                b[i][j] = rnd.nextInt(3); // heavy repetition
            }
        }
        Map<String, INDArray> feed = Map.of("in", Nd4j.createFromArray(a), "target", Nd4j.createFromArray(b));
        FiniteDifferences.assertGradient(sd, "table", feed, 1e-6);
        FiniteDifferences.assertGradient(sd, "proj", feed, 1e-6);
    }
}
