package io.robustrec.model.nd4j;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecyclingMemoryTest {

    private static final long BIG = 8192; // floats: 32 KiB, above the pooling floor

    @Test
    void aRecycledBufferServesTheNextArrayOfTheSameTypeAndLength() {
        RecyclingMemory pool = new RecyclingMemory();
        INDArray a = pool.allocate(false, DataType.FLOAT, 4, BIG / 4);
        assertEquals(1, pool.freshAllocations());
        long address = a.data().address();
        pool.recycle(a);
        assertEquals(BIG * 4, pool.pooledBytes());
        INDArray b = pool.allocate(false, DataType.FLOAT, BIG / 2, 2); // same length, other shape
        assertEquals(address, b.data().address());
        assertArrayEquals(new long[]{BIG / 2, 2}, b.shape());
        assertEquals('c', b.ordering());
        assertEquals(0, pool.pooledBytes());
        assertEquals(1, pool.reuses());
        assertEquals(1, pool.freshAllocations(), "served from the pool, not allocated");
        b.assign(3f); // a full, writable array over the reused buffer
        assertEquals(3f * BIG, b.sumNumber().floatValue(), 0f);

        INDArray other = pool.allocate(false, DataType.DOUBLE, BIG); // nothing pooled of this type
        assertNotEquals(address, other.data().address());
        assertEquals(2, pool.freshAllocations());
        pool.close();
    }

    @Test
    void fortranOrderAndOtherLengthsAreServedCorrectly() {
        RecyclingMemory pool = new RecyclingMemory();
        pool.recycle(Nd4j.create(DataType.FLOAT, BIG));
        INDArray f = pool.allocate(false, org.nd4j.linalg.api.shape.LongShapeDescriptor.fromShape(
                new long[]{2, BIG / 2}, Nd4j.getStrides(new long[]{2, BIG / 2}, 'f'), 0, 'f', DataType.FLOAT, false));
        assertEquals('f', f.ordering());
        assertEquals(1, pool.reuses());
        INDArray longer = pool.allocate(false, DataType.FLOAT, BIG + 1);
        assertEquals(BIG + 1, longer.length());
        assertEquals(1, pool.reuses(), "a buffer of another length is never handed out");
    }

    @Test
    void recyclingTwiceOrAClosedArrayDoesNotPoolItTwice() {
        RecyclingMemory pool = new RecyclingMemory();
        INDArray a = Nd4j.create(DataType.FLOAT, BIG);
        pool.recycle(a);
        pool.recycle(a);
        assertEquals(BIG * 4, pool.pooledBytes());
        INDArray first = pool.allocate(false, DataType.FLOAT, BIG);
        INDArray second = pool.allocate(false, DataType.FLOAT, BIG);
        assertNotEquals(first.data().address(), second.data().address());
        INDArray closed = Nd4j.create(DataType.FLOAT, BIG);
        closed.close();
        pool.recycle(closed);
        assertEquals(0, pool.pooledBytes());
    }

    @Test
    void smallArraysAndOverflowAreClosedNotPooled() {
        RecyclingMemory pool = new RecyclingMemory(BIG * 4);
        INDArray small = Nd4j.create(DataType.FLOAT, 16);
        pool.recycle(small);
        assertTrue(small.wasClosed());
        INDArray a = Nd4j.create(DataType.FLOAT, BIG);
        INDArray b = Nd4j.create(DataType.FLOAT, BIG);
        pool.recycle(a);
        pool.recycle(b);
        assertEquals(BIG * 4, pool.pooledBytes(), "capacity is one buffer");
        assertTrue(b.wasClosed());
        assertThrows(IllegalArgumentException.class, () -> new RecyclingMemory(-1));
    }

    @Test
    void viewsAreNeverPooled() {
        RecyclingMemory pool = new RecyclingMemory();
        INDArray whole = Nd4j.create(DataType.FLOAT, 2, BIG);
        pool.recycle(whole.getRow(1));
        assertEquals(0, pool.pooledBytes());
    }

    @Test
    void poisonFillsReusedBuffersWithNaN() {
        RecyclingMemory pool = new RecyclingMemory();
        pool.testMode(0, true);
        pool.recycle(Nd4j.ones(DataType.FLOAT, 8));
        INDArray reused = pool.allocate(false, DataType.FLOAT, 8);
        assertTrue(Float.isNaN(reused.getFloat(3)));
    }
}
