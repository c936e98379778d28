package io.robustrec.shift;

import io.robustrec.eval.EvalCase;

import java.util.SplittableRandom;

/**
 * Chooses, for one position of a test history, the replacement item that hurts the target most: the adversary
 * of {@link SequenceEndReplacement.Mode#ADVERSARIAL}. See {@link RecommenderHarm} for the model-based one.
 */
@FunctionalInterface
public interface ItemHarm {

    /**
     * @param current  the case as it stands (earlier replacements already applied to its history)
     * @param position index in {@code current.history()} to replace
     * @param rng      randomness for candidate sampling, seeded by the caller
     * @return a real item id (1-based) to put at {@code position}
     */
    int harmfulItem(EvalCase current, int position, SplittableRandom rng);
}
