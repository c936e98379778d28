package io.robustrec.train;

import io.robustrec.data.Batch;
import io.robustrec.model.SequenceModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Empirical risk minimisation: the plain training every robust method is compared with.
 *
 * <pre>
 *   min_θ  (1/|S|) Σ_{(s,t) ∈ S} ℓ(θ; s_{≤t}, s_{t+1})
 * </pre>
 * where S is the set of training samples (every position of every training sequence for the BCE loss, the last
 * position for the softmax loss) and ℓ the model's loss ({@link io.robustrec.model.LossKind}).
 */
public final class ErmTrainer extends LoopTrainer {

    @Override
    public String name() {
        return "erm";
    }

    @Override
    protected double step(Context ctx, Batch batch) {
        SequenceModel m = ctx.model();
        Map<String, INDArray> feed = feed(ctx, batch, null);
        var out = m.gradientsAndOutputs(feed, java.util.List.of(SequenceModel.LOSS), m.parameterNames());
        double loss = out.getOutputs().get(SequenceModel.LOSS).getDouble(0);
        ctx.apply(out.getGradients());
        return loss;
    }
}
