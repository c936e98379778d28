package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread native float matrices that a Java kernel fills and reads within one call, kept from call to call while
 * their shape stays the same.
 *
 * <p>Why: on this kind of machine a newly allocated native array costs a page fault on the first write to each 4 KiB
 * page; for the 15 MB input projections of a GRU layer (B 128, L 200, d 50) that was more than the matrix product
 * filling them (22 ms against about 8 in a measurement here). A scratch array is only valid until the next request
 * for the same slot on the same thread: kernels use it within a call and copy out what they return.
 */
final class ScratchArrays {

    private static final ThreadLocal<Map<String, INDArray>> SLOTS = ThreadLocal.withInitial(HashMap::new);

    private ScratchArrays() {
    }

    /** This thread's row-major float [rows, cols] matrix for {@code slot}, with arbitrary contents. */
    static INDArray matrix(String slot, long rows, long cols) {
        Map<String, INDArray> slots = SLOTS.get();
        INDArray cached = slots.get(slot);
        if (cached != null && !cached.wasClosed() && cached.size(0) == rows && cached.size(1) == cols) {
            return cached;
        }
        if (cached != null && !cached.wasClosed()) {
            cached.close();
        }
        INDArray fresh = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        slots.put(slot, fresh);
        return fresh;
    }

    /** This thread's matrix for {@code slot} holding {@code values} (row-major, at least rows · cols of them). */
    static INDArray matrix(String slot, float[] values, long rows, long cols) {
        INDArray m = matrix(slot, rows, cols);
        m.data().asNioFloat().put(values, 0, Math.toIntExact(rows * cols));
        return m;
    }

    /** op(left) · op(right) (op = transpose where asked) into this thread's matrix for {@code slot}, copied out. */
    static float[] product(String slot, INDArray left, boolean transposeLeft, INDArray right, boolean transposeRight) {
        long rows = transposeLeft ? left.size(1) : left.size(0);
        long cols = transposeRight ? right.size(0) : right.size(1);
        INDArray out = matrix(slot, rows, cols);
        Nd4j.gemm(left, right, out, transposeLeft, transposeRight, 1.0, 0.0);
        return JavaKernels.read(out);
    }
}
