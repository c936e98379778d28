package io.robustrec.model.nd4j;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchArraysTest {

    @Test
    void aSlotKeepsItsArrayWhileTheShapeStaysAndReplacesItOtherwise() {
        INDArray first = ScratchArrays.matrix("test_slot", 3, 4);
        assertSame(first, ScratchArrays.matrix("test_slot", 3, 4));
        assertNotSame(first, ScratchArrays.matrix("other_slot", 3, 4), "slots are separate");
        INDArray reshaped = ScratchArrays.matrix("test_slot", 4, 3);
        assertNotSame(first, reshaped);
        assertTrue(first.wasClosed(), "the replaced array's memory is released at once");
        assertArrayEquals(new long[]{4, 3}, reshaped.shape());
        assertEquals('c', reshaped.ordering());
    }

    @Test
    void threadsHaveTheirOwnArrays() throws InterruptedException {
        INDArray mine = ScratchArrays.matrix("test_thread", 2, 2);
        INDArray[] theirs = new INDArray[1];
        Thread t = new Thread(() -> theirs[0] = ScratchArrays.matrix("test_thread", 2, 2));
        t.start();
        t.join();
        assertNotSame(mine, theirs[0]);
    }

    @Test
    void matrixHoldsTheValuesAndProductTransposesAsAsked() {
        float[] a = {1, 2, 3, 4, 5, 6}; // [2, 3]
        INDArray left = ScratchArrays.matrix("test_left", a, 2, 3);
        assertArrayEquals(a, left.data().asFloat(), 0f);
        INDArray right = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 1}}); // [3, 2]
        float[] plain = ScratchArrays.product("test_out", left, false, right, false);
        assertArrayEquals(left.mmul(right).data().asFloat(), plain, 1e-6f);
        float[] leftT = ScratchArrays.product("test_out", left, true, left, false); // [3, 3] = leftᵀ·left
        assertArrayEquals(left.transpose().mmul(left).dup('c').data().asFloat(), leftT, 1e-6f);
        float[] rightT = ScratchArrays.product("test_out", left, false, left, true); // [2, 2] = left·leftᵀ
        assertArrayEquals(new float[]{14, 32, 32, 77}, rightT, 1e-6f);
    }
}
