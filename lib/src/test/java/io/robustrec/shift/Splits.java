package io.robustrec.shift;

import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;
import io.robustrec.data.UserSequence;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test fixtures: a leave-one-out split built here so these tests do not depend on the data package's splitter. */
final class Splits {
    private Splits() {
    }

    static SplitData leaveOneOut(SequenceDataset ds) {
        List<int[]> train = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        List<EvalCase> val = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        for (int u = 0; u < ds.numUsers(); u++) {
            int[] s = ds.users().get(u).items();
            int n = s.length;
            train.add(Arrays.copyOf(s, n - 2));
            users.add(u);
            val.add(new EvalCase(u, Arrays.copyOf(s, n - 2), s[n - 2]));
            test.add(new EvalCase(u, Arrays.copyOf(s, n - 1), s[n - 1]));
        }
        return new SplitData(ds, train, users, val, test, "leave-one-out");
    }

    static SplitData synthetic(int users, long seed) {
        WorldConfig c = WorldConfig.defaults().toBuilder().numUsers(users).numItems(400).numCategories(8)
                .maxLength(200).seed(seed).build();
        return leaveOneOut(SyntheticWorld.generate(c).toSequenceDataset());
    }

    static SequenceDataset tiny(int numItems, int[]... sequences) {
        List<UserSequence> users = new ArrayList<>();
        for (int u = 0; u < sequences.length; u++) {
            long[] ts = new long[sequences[u].length];
            Arrays.setAll(ts, i -> i + 1);
            users.add(new UserSequence("u" + u, sequences[u], ts));
        }
        List<String> raw = new ArrayList<>();
        for (int i = 1; i <= numItems; i++) {
            raw.add("item" + i);
        }
        return new SequenceDataset("tiny", users, raw);
    }
}
