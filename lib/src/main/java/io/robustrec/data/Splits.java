package io.robustrec.data;

import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The three ways to hold out evaluation data.
 *
 * <p><b>Temporal leave-one-out</b> ({@link #leaveOneOut}): per user with at least 3 items, the last item is the
 * test target, the second-to-last the validation target, the rest is training. Validation history = the training
 * part; test history = training part + validation item. Users with fewer than 3 items cannot give both a
 * non-empty history and two targets: they are kept whole in training only, and their number is written in the
 * split's description.
 */
public final class Splits {

    /** Minimum sequence length for leave-one-out: one training item, one validation, one test. */
    public static final int MIN_SPLIT_LENGTH = 3;

    private Splits() {
    }

    /** Temporal leave-one-out over all users (see the class comment). */
    public static SplitData leaveOneOut(SequenceDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < dataset.numUsers(); i++) {
            all.add(i);
        }
        return leaveOneOut(dataset, all, "temporal leave-one-out");
    }

    private static SplitData leaveOneOut(SequenceDataset dataset, List<Integer> users, String what) {
        List<int[]> train = new ArrayList<>();
        List<Integer> trainUsers = new ArrayList<>();
        List<EvalCase> validation = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        int whole = 0;
        for (int user : users) {
            int[] s = dataset.users().get(user).items();
            if (s.length < MIN_SPLIT_LENGTH) {
                train.add(s.clone());
                trainUsers.add(user);
                whole++;
                continue;
            }
            int n = s.length;
            int[] tr = Arrays.copyOf(s, n - 2);
            train.add(tr);
            trainUsers.add(user);
            validation.add(new EvalCase(user, tr.clone(), s[n - 2]));
            test.add(new EvalCase(user, Arrays.copyOf(s, n - 1), s[n - 1]));
        }
        String desc = what + ": " + test.size() + " users split (last item test, second-to-last validation); "
                + whole + " users with < " + MIN_SPLIT_LENGTH + " items kept whole in training only";
        return new SplitData(dataset, train, trainUsers, validation, test, desc);
    }

    /**
     * The existing/new user split of the long-tail / cold-start setting. New users are drawn (seeded) among the
     * users long enough to split ({@code >= 3} items), so that their validation history is never empty; users
     * shorter than that always stay in training. Existing users get temporal leave-one-out.
     *
     * @param newUserFraction fraction of the splittable users that become new users, in (0, 1)
     * @param seed            seed of the draw
     */
    public static UserSplit existingNew(SequenceDataset dataset, double newUserFraction, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        if (!(newUserFraction > 0 && newUserFraction < 1)) {
            throw new IllegalArgumentException("newUserFraction=" + newUserFraction + " must be in (0, 1)");
        }
        List<Integer> splittable = new ArrayList<>();
        for (int i = 0; i < dataset.numUsers(); i++) {
            if (dataset.users().get(i).length() >= MIN_SPLIT_LENGTH) {
                splittable.add(i);
            }
        }
        int[] order = splittable.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int numNew = (int) Math.round(newUserFraction * order.length);
        boolean[] isNew = new boolean[dataset.numUsers()];
        for (int k = 0; k < numNew; k++) {
            isNew[order[k]] = true;
        }
        List<Integer> existing = new ArrayList<>();
        List<Integer> newUsers = new ArrayList<>();
        List<EvalCase> newVal = new ArrayList<>();
        List<EvalCase> newTest = new ArrayList<>();
        for (int i = 0; i < dataset.numUsers(); i++) {
            if (!isNew[i]) {
                existing.add(i);
                continue;
            }
            newUsers.add(i);
            int[] s = dataset.users().get(i).items();
            int n = s.length;
            newVal.add(new EvalCase(i, Arrays.copyOf(s, n - 2), s[n - 2]));
            newTest.add(new EvalCase(i, Arrays.copyOf(s, n - 1), s[n - 1]));
        }
        SplitData ex = leaveOneOut(dataset, existing, "existing/new user split (seed " + seed + ", "
                + newUsers.size() + " new users never trained on), existing users by temporal leave-one-out");
        return new UserSplit(ex, newUsers, newVal, newTest);
    }

    /** {@link #existingNew(SequenceDataset, double, long)} with 20% new users. */
    public static UserSplit existingNew(SequenceDataset dataset, long seed) {
        return existingNew(dataset, 0.2, seed);
    }

    /**
     * A global time cut at {@code cutTime} (same unit as the timestamps, usually epoch seconds). Per user, let
     * {@code pre} be the events with time {@code < cutTime} and {@code post} those at or after it:
     * <ul>
     *   <li>validation: the last {@code pre} item, predicted from the {@code pre} items before it (users with
     *       {@code pre.length >= 2}); that item is withheld from training, as in leave-one-out, so model selection
     *       never scores an item the model was trained to predict;</li>
     *   <li>training: {@code pre} without the validation item (all of {@code pre} when it has one item);</li>
     *   <li>test: the first {@code post} item, predicted from all of {@code pre} (users with both non-empty);
     *       later {@code post} events are not used.</li>
     * </ul>
     * Users with no event before the cut (they appear only after it) give neither training nor cases: they are
     * counted in the description. The cut must leave at least one training sequence and one test case.
     */
    public static SplitData timeCut(SequenceDataset dataset, long cutTime) {
        Objects.requireNonNull(dataset, "dataset");
        List<int[]> train = new ArrayList<>();
        List<Integer> trainUsers = new ArrayList<>();
        List<EvalCase> validation = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        int onlyAfter = 0;
        int onlyBefore = 0;
        for (int user = 0; user < dataset.numUsers(); user++) {
            UserSequence us = dataset.users().get(user);
            long[] ts = us.timestamps();
            int[] s = us.items();
            int pre = 0;
            // sequences are time ordered, so the pre-cut events are a prefix
            while (pre < s.length && ts[pre] < cutTime) {
                pre++;
            }
            if (pre == 0) {
                onlyAfter++;
                continue;
            }
            if (pre >= 2) {
                int[] tr = Arrays.copyOf(s, pre - 1);
                train.add(tr);
                validation.add(new EvalCase(user, tr.clone(), s[pre - 1]));
            } else {
                train.add(Arrays.copyOf(s, pre));
            }
            trainUsers.add(user);
            if (pre < s.length) {
                test.add(new EvalCase(user, Arrays.copyOf(s, pre), s[pre]));
            } else {
                onlyBefore++;
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("cutTime=" + cutTime + " leaves " + train.size() + " training users and "
                    + test.size() + " test cases; both must be > 0");
        }
        String desc = "global time cut at " + cutTime + ": " + train.size() + " training users, " + validation.size()
                + " validation cases (last pre-cut item), " + test.size() + " test cases (first post-cut item); "
                + onlyAfter + " users with no event before the cut unused; " + onlyBefore
                + " users with no event after the cut have no test case";
        return new SplitData(dataset, train, trainUsers, validation, test, desc);
    }
}
