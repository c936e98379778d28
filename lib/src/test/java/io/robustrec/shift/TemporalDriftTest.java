package io.robustrec.shift;

import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;
import io.robustrec.data.UserSequence;
import io.robustrec.data.synthetic.SyntheticWorld;
import io.robustrec.data.synthetic.UserTruth;
import io.robustrec.data.synthetic.WorldConfig;
import io.robustrec.eval.EvalCase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemporalDriftTest {

    private static SequenceDataset handMade() {
        return new SequenceDataset("hand", List.of(
                new UserSequence("a", new int[]{1, 2, 3, 4}, new long[]{10, 20, 50, 60}),
                new UserSequence("b", new int[]{5, 6}, new long[]{10, 30}),
                new UserSequence("c", new int[]{7, 8}, new long[]{50, 70})),
                List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"));
    }

    @Test
    void splitsAtTheCut() {
        TemporalSplit s = TemporalDrift.split(handMade(), 50);
        assertEquals(List.of(0, 1), s.trainUsers());
        assertArrayEquals(new int[]{1, 2}, s.train().get(0));
        assertArrayEquals(new int[]{5, 6}, s.train().get(1));
        assertEquals(2, s.test().size());
        EvalCase a = s.test().get(0);
        assertEquals(0, a.userIndex());
        assertArrayEquals(new int[]{1, 2}, a.history());
        assertEquals(3, a.target(), "first post-cut item (timestamp == cut counts as post-cut)");
        EvalCase c = s.test().get(1);
        assertEquals(2, c.userIndex());
        assertEquals(0, c.history().length);
        assertEquals(7, c.target());
        assertEquals(1, s.coldTestUsers());
        assertEquals(2, s.unusedPostCutEvents(), "a's item 4 and c's item 8");

        SplitData d = s.toSplitData();
        assertArrayEquals(new int[]{1}, d.train().get(0));
        assertEquals(2, d.validation().size());
        assertEquals(2, d.validation().get(0).target());
        assertArrayEquals(new int[]{1}, d.validation().get(0).history());
        assertEquals(6, d.validation().get(1).target());
        assertArrayEquals(new int[]{1, 2}, d.test().get(0).history());
    }

    @Test
    void syntheticCutMakesOneCaseEndingEachUser() {
        SyntheticWorld w = SyntheticWorld.generate(WorldConfig.defaults().toBuilder().numUsers(300).build());
        SequenceDataset ds = w.toSequenceDataset();
        TemporalSplit s = TemporalDrift.split(ds, w.truth().cutTimestamp());
        assertEquals(300, s.test().size());
        assertEquals(0, s.coldTestUsers());
        assertEquals(0, s.unusedPostCutEvents());
        for (int u = 0; u < 300; u++) {
            UserTruth t = w.truth().users().get(u);
            int[] items = ds.users().get(u).items();
            assertEquals(items[items.length - 1], s.test().get(u).target());
            assertEquals(t.trainEvents(), s.test().get(u).history().length);
        }
    }

    @Test
    void quantileCutAndOrderChecks() {
        assertEquals(50, TemporalDrift.quantileCut(handMade(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> TemporalDrift.quantileCut(handMade(), 1.0));
        SequenceDataset unordered = new SequenceDataset("bad", List.of(
                new UserSequence("a", new int[]{1, 2, 3}, new long[]{10, 60, 20})), List.of("x1", "x2", "x3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TemporalDrift.split(unordered, 50));
        assertEquals(true, e.getMessage().contains("user a"));
    }
}
