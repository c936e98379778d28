package io.robustrec.model.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingGradientTest {

    @BeforeAll
    static void repair() {
        Nd4jRepairs.install();
    }

    /** The Java kernel adds rows like a plain loop and agrees with ND4J's native scatter_add (float). */
    @Test
    void addsEveryRowIntoItsTableRowLikeTheNativeScatter() {
        Random rnd = new Random(3);
        int n = 7;
        int d = 5;
        int r = 300;
        INDArray base = Nd4j.rand(DataType.FLOAT, n, d);
        long[] idx = new long[r];
        for (int i = 0; i < r; i++) {
            idx[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(n) : 2; // row 2 repeated many times
        }
        INDArray indices = Nd4j.createFromArray(idx);
        INDArray rows = Nd4j.rand(DataType.FLOAT, r, d).subi(0.5);

        INDArray java = new EmbeddingGradient().compute(List.of(base, indices, rows), List.of())[0];

        float[][] expected = base.toFloatMatrix();
        for (int i = 0; i < r; i++) {
            for (int c = 0; c < d; c++) {
                expected[(int) idx[i]][c] += rows.getFloat(i, c);
            }
        }
        DynamicCustomOp nativeOp = DynamicCustomOp.builder("scatter_add")
                .addInputs(base, indices, rows).addOutputs(Nd4j.create(DataType.FLOAT, n, d)).build();
        INDArray nativeOut = Nd4j.getExecutioner().exec(nativeOp)[0];
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], java.getRow(i).toFloatVector(), 1e-5f, "row " + i);
            assertArrayEquals(nativeOut.getRow(i).toFloatVector(), java.getRow(i).toFloatVector(), 1e-5f, "row " + i);
        }
    }

    @Test
    void doublePrecisionIsKept() {
        INDArray base = Nd4j.zeros(DataType.DOUBLE, 2, 1);
        INDArray rows = Nd4j.createFromArray(new double[][]{{1e-12}, {1.0}, {1e-12}});
        INDArray out = new EmbeddingGradient().compute(List.of(base, Nd4j.createFromArray(0L, 1L, 0L), rows),
                List.of())[0];
        assertEquals(DataType.DOUBLE, out.dataType());
        assertEquals(2e-12, out.getDouble(0, 0), 1e-24);
        assertEquals(1.0, out.getDouble(1, 0), 0.0);
    }

    @Test
    void indexOutsideTheTableIsAnErrorNamingIt() {
        INDArray base = Nd4j.zeros(DataType.FLOAT, 4, 2);
        INDArray rows = Nd4j.ones(DataType.FLOAT, 2, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> new EmbeddingGradient()
                .compute(List.of(base, Nd4j.createFromArray(1L, 4L), rows), List.of()));
        assertTrue(e.getMessage().contains("index 4") && e.getMessage().contains("4 rows"), e.getMessage());
    }
}
