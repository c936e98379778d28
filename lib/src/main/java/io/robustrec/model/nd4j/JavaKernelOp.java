package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * An ND4J custom op whose computation this library supplies in Java ({@link JavaKernels} routes its execution here
 * instead of to the native library, which keeps computing its output shapes).
 */
public interface JavaKernelOp {

    /**
     * Computes the op.
     *
     * @param inputs  the op's input arrays, in the native op's order
     * @param outputs arrays to write the results into, or an empty list to have them allocated
     * @return the outputs
     */
    INDArray[] compute(List<INDArray> inputs, List<INDArray> outputs);

    /**
     * Whether this instance is computed in Java; when false the native op it extends runs (an op class registered
     * for a native op name also receives that op's instances from graphs this library did not build).
     */
    default boolean computedInJava() {
        return true;
    }
}
