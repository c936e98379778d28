package io.robustrec.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;


/**
 * One place in a graph where dropout applies: the name of its mask placeholder and how many activations one
 * sequence contributes there.
 *
 * @param placeholder         name of the float placeholder holding the mask [B, elementsPerSequence]
 * @param elementsPerSequence activations per sequence at this site
 */
public record DropoutSite(String placeholder, long elementsPerSequence) {

    public DropoutSite {
        if (elementsPerSequence < 1) {
            throw new IllegalArgumentException("elementsPerSequence=" + elementsPerSequence + " must be >= 1");
        }
    }

    /**
     * An inverted-dropout mask for a batch: each entry independently 0 with probability {@code rate}, else
     * 1 / (1 − rate). Drawn by ND4J's native generator {@code random}, which the caller seeds per step, so a step's
     * masks are a function of its seed only (a Java loop filling the same mask took a tenth of a SASRec step).
     */
    public INDArray mask(int batchSize, double rate, org.nd4j.linalg.api.rng.Random random) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate=" + rate + " must be in [0, 1)");
        }
        INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, batchSize, elementsPerSequence);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - rate), random);
        return mask.muli(1.0 / (1.0 - rate));
    }

    /** The evaluation-time mask: a single 1 that broadcasts over any batch. */
    public static INDArray identity() {
        return Nd4j.ones(DataType.FLOAT, 1, 1);
    }
}
