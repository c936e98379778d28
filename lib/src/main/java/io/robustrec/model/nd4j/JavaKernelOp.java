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
}
