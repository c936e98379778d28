package io.robustrec.data;

import io.robustrec.eval.EvalCase;

import java.util.List;
import java.util.Objects;

/**
 * A dataset split into training sequences and held-out evaluation cases.
 *
 * @param dataset    the prepared dataset the split came from
 * @param train      training sequences (dense ids, time order), one per training user; index i belongs to
 *                   user {@code trainUsers.get(i)}
 * @param trainUsers dataset user index of each training sequence
 * @param validation validation cases (model selection and early stopping only)
 * @param test       test cases (touched once, on the selected model)
 * @param description how the split was made, for reports
 */
public record SplitData(SequenceDataset dataset, List<int[]> train, List<Integer> trainUsers,
                        List<EvalCase> validation, List<EvalCase> test, String description) {
    public SplitData {
        Objects.requireNonNull(dataset, "dataset");
        train = List.copyOf(train);
        trainUsers = List.copyOf(trainUsers);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (train.size() != trainUsers.size()) {
            throw new IllegalArgumentException("train.size()=" + train.size() + " but trainUsers.size()=" + trainUsers.size());
        }
    }

    /** Number of items of the underlying dataset. */
    public int numItems() {
        return dataset.numItems();
    }
}
