package io.robustrec.shift;

import io.robustrec.data.SequenceDataset;
import io.robustrec.data.UserSequence;
import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Real drift from a global time cut: the model learns from everything before the cut and is asked, for every
 * user active after it, for the user's first item after the cut.
 *
 * <p>An event belongs to the test period when its timestamp is {@code >= cutTimestamp}. For each user (in
 * dataset order): the pre-cut items, if any, form a training sequence; if the user has post-cut events, one test
 * case is made with history = all pre-cut items (empty for a user new after the cut, counted as cold) and
 * target = the first post-cut item. Later post-cut events are not used and are counted. On a
 * {@link io.robustrec.data.synthetic.SyntheticWorld} the cut is {@code truth().cutTimestamp()}.
 */
public final class TemporalDrift {
    private TemporalDrift() {
    }

    /**
     * Splits a dataset at a time cut.
     *
     * @param dataset      prepared sequences with timestamps
     * @param cutTimestamp first timestamp of the test period
     */
    public static TemporalSplit split(SequenceDataset dataset, long cutTimestamp) {
        Objects.requireNonNull(dataset, "dataset");
        List<int[]> train = new ArrayList<>();
        List<Integer> trainUsers = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        int cold = 0;
        long unused = 0;
        List<UserSequence> users = dataset.users();
        for (int u = 0; u < users.size(); u++) {
            UserSequence s = users.get(u);
            long[] ts = s.timestamps();
            int pre = 0;
            while (pre < ts.length && ts[pre] < cutTimestamp) {
                pre++;
            }
            // Sequences are time-ordered, but check rather than trust: a later pre-cut event would be lost.
            for (int i = pre; i < ts.length; i++) {
                if (ts[i] < cutTimestamp) {
                    throw new IllegalArgumentException("user " + s.rawUserId() + ": timestamps not in time order at position "
                            + i + " (" + ts[i - 1] + " then " + ts[i] + ")");
                }
            }
            int[] history = Arrays.copyOf(s.items(), pre);
            if (pre > 0) {
                train.add(history);
                trainUsers.add(u);
            }
            if (pre < ts.length) {
                test.add(new EvalCase(u, history.clone(), s.items()[pre]));
                if (pre == 0) {
                    cold++;
                }
                unused += ts.length - pre - 1;
            }
        }
        return new TemporalSplit(dataset, cutTimestamp, train, trainUsers, test, cold, unused);
    }

    /**
     * The timestamp at quantile {@code q} of all events, a cut that puts about a share {@code 1 - q} of events in
     * the test period.
     *
     * @param q in (0, 1)
     */
    public static long quantileCut(SequenceDataset dataset, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q=" + q + " must be in (0, 1)");
        }
        long n = dataset.numInteractions();
        if (n == 0) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no interactions");
        }
        long[] all = new long[(int) n];
        int at = 0;
        for (UserSequence s : dataset.users()) {
            System.arraycopy(s.timestamps(), 0, all, at, s.length());
            at += s.length();
        }
        Arrays.sort(all);
        return all[(int) Math.min(n - 1, Math.floor(q * n))];
    }
}
