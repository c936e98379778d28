package io.robustrec.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Embedding lookup (gather along axis 0) with a correct backward pass.
 *
 * <p>ND4J 1.0.0-M2.1's {@link Gather} builds its gradient with an indexed <em>put</em>, which keeps only one of
 * several updates aimed at the same row: with repeated indices (every embedding lookup has them) the table
 * gradient is wrong. The gradient of {@code out = table[indices]} with respect to {@code table} is the
 * scatter-<em>add</em> of the upstream gradient into a zero table, which is what this op emits
 * ({@link EmbeddingGradient}). The forward pass
 * is ND4J's native {@code gather}, unchanged.
 *
 * <p>SameDiff rebuilds every op through its op registry when it derives the gradient graph, so this class only
 * takes effect once {@link Nd4jRepairs#install()} has registered it for the {@code gather} op.
 */
public class EmbeddingGather extends Gather {

    /** Used by the op registry when SameDiff clones the graph. */
    public EmbeddingGather() {
    }

    /** Looks up rows {@code indices} of {@code table} (axis 0). */
    public EmbeddingGather(SameDiff sameDiff, SDVariable table, SDVariable indices) {
        super(sameDiff, table, indices, 0, false);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable table = arg(0);
        SDVariable indices = arg(1);
        long[] tableShape = table.getShape();
        if (jaxis != 0 || tableShape == null || tableShape.length != 2) {
            return super.doDiff(gradients);
        }
        SDVariable flatIndices = sameDiff.reshape(indices, -1);
        SDVariable rows = sameDiff.reshape(gradients.get(0), -1, tableShape[1]);
        SDVariable zeros = sameDiff.zerosLike(table);
        // computed in Java on the CPU backend; elsewhere the native scatter runs, and there, with repeated indices, a
        // multi-threaded scatter without a lock races on the same row (the lock costs about a third of the op, so it
        // is only taken when ND4J may run the op on more than one thread)
        ScatterAdd scatter = new EmbeddingGradient(sameDiff, zeros, flatIndices, rows);
        scatter.addBArgument(Nd4j.getEnvironment().maxThreads() > 1);
        SDVariable tableGradient = scatter.outputVariable();
        return List.of(tableGradient, sameDiff.zerosLike(indices));
    }
}
