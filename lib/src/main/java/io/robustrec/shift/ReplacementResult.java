package io.robustrec.shift;

import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;

import java.util.List;

/**
 * Test cases whose histories were edited, and where.
 *
 * @param cases         the edited cases, in input order (user and target unchanged)
 * @param replaced      one mask per case, parallel to its history: true where the item was replaced
 * @param replacedCount number of replaced positions
 */
public record ReplacementResult(List<EvalCase> cases, List<boolean[]> replaced, long replacedCount) {
    public ReplacementResult {
        cases = List.copyOf(cases);
        replaced = List.copyOf(replaced);
        if (cases.size() != replaced.size()) {
            throw new IllegalArgumentException("cases.size()=" + cases.size() + " but replaced.size()=" + replaced.size());
        }
    }

    /**
     * The split with its test cases swapped for these ones (training and validation untouched).
     *
     * @throws IllegalArgumentException when the split's test set has a different size
     */
    public SplitData applyTo(SplitData split, String what) {
        if (split.test().size() != cases.size()) {
            throw new IllegalArgumentException("split has " + split.test().size() + " test cases, this result " + cases.size());
        }
        return new SplitData(split.dataset(), split.train(), split.trainUsers(), split.validation(), cases,
                split.description() + "; " + what);
    }
}
