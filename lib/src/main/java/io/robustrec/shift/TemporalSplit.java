package io.robustrec.shift;

import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link TemporalDrift#split}.
 *
 * @param dataset            the dataset that was split
 * @param cutTimestamp       first timestamp of the test period
 * @param train              pre-cut items of every user who has any, dataset order
 * @param trainUsers         dataset user index of each training sequence
 * @param test               one case per user active after the cut: all pre-cut items, then the first post-cut item
 * @param coldTestUsers      test cases with an empty history (users whose first event is after the cut)
 * @param unusedPostCutEvents post-cut events after each user's first one, not used as targets
 */
public record TemporalSplit(SequenceDataset dataset, long cutTimestamp, List<int[]> train, List<Integer> trainUsers,
                            List<EvalCase> test, int coldTestUsers, long unusedPostCutEvents) {
    public TemporalSplit {
        Objects.requireNonNull(dataset, "dataset");
        train = List.copyOf(train);
        trainUsers = List.copyOf(trainUsers);
        test = List.copyOf(test);
    }

    /**
     * As a {@link SplitData}: the validation case of each training user with at least two pre-cut items holds
     * out the last pre-cut item (history = the items before it) and that item leaves the training sequence, so
     * model selection also happens before the cut; users with one pre-cut item train on it and have no validation
     * case. Test cases keep the full pre-cut history, as in leave-one-out.
     */
    public SplitData toSplitData() {
        List<int[]> trainSeqs = new ArrayList<>(train.size());
        List<EvalCase> validation = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            int[] s = train.get(i);
            if (s.length >= 2) {
                int[] head = Arrays.copyOf(s, s.length - 1);
                trainSeqs.add(head);
                validation.add(new EvalCase(trainUsers.get(i), head.clone(), s[s.length - 1]));
            } else {
                trainSeqs.add(s.clone());
            }
        }
        return new SplitData(dataset, trainSeqs, trainUsers, validation, test, "temporal cut at " + cutTimestamp + ": "
                + trainSeqs.size() + " training users, " + validation.size() + " validation cases, " + test.size()
                + " test cases (" + coldTestUsers + " cold), " + unusedPostCutEvents + " later post-cut events unused");
    }
}
