package io.robustrec.data;

import io.robustrec.eval.EvalCase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitsTest {

    private static UserSequence seq(String id, int[] items, long[] ts) {
        return new UserSequence(id, items, ts);
    }

    private static UserSequence seq(String id, int... items) {
        long[] ts = new long[items.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 10L * (i + 1);
        }
        return seq(id, items, ts);
    }

    private static SequenceDataset ds(UserSequence... users) {
        List<String> raw = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            raw.add("i" + i);
        }
        return new SequenceDataset("t", List.of(users), raw);
    }

    @Test
    void leaveOneOutTargetsAndHistories() {
        SplitData s = Splits.leaveOneOut(ds(seq("a", 1, 2, 3, 4), seq("b", 5, 6), seq("c", 7, 8, 9)));
        assertEquals(List.of(0, 1, 2), s.trainUsers());
        assertArrayEquals(new int[]{1, 2}, s.train().get(0));
        assertArrayEquals(new int[]{5, 6}, s.train().get(1)); // too short: whole in training
        assertArrayEquals(new int[]{7}, s.train().get(2));
        assertEquals(2, s.validation().size());
        EvalCase v = s.validation().get(0);
        assertEquals(0, v.userIndex());
        assertArrayEquals(new int[]{1, 2}, v.history());
        assertEquals(3, v.target());
        EvalCase t = s.test().get(0);
        assertArrayEquals(new int[]{1, 2, 3}, t.history());
        assertEquals(4, t.target());
        EvalCase t2 = s.test().get(1);
        assertEquals(2, t2.userIndex());
        assertArrayEquals(new int[]{7, 8}, t2.history());
        assertEquals(9, t2.target());
        assertTrue(s.description().contains("1 users with < 3 items kept whole in training only"), s.description());
    }

    @Test
    void existingNewSplitIsSeededAndDisjoint() {
        List<UserSequence> users = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            users.add(u % 10 == 0 ? seq("u" + u, 1, 2) : seq("u" + u, 1 + u % 5, 6 + u % 7, 14 + u % 3, 17));
        }
        SequenceDataset d = ds(users.toArray(new UserSequence[0]));
        UserSplit a = Splits.existingNew(d, 0.2, 42);
        UserSplit b = Splits.existingNew(d, 0.2, 42);
        UserSplit c = Splits.existingNew(d, 0.2, 7);
        assertEquals(a.newUsers(), b.newUsers());
        assertNotEquals(a.newUsers(), c.newUsers());
        // 45 splittable users, 20% of them new
        assertEquals(9, a.newUsers().size());
        Set<Integer> trained = new HashSet<>(a.existing().trainUsers());
        for (int nu : a.newUsers()) {
            assertFalse(trained.contains(nu), "new user " + nu + " must not be trained on");
            assertTrue(users.get(nu).length() >= 3);
        }
        assertEquals(41, trained.size()); // 36 existing splittable + 5 short ones
        for (int u = 0; u < 50; u += 10) {
            assertTrue(trained.contains(u), "short user " + u + " stays in training");
        }
        assertEquals(36, a.existing().test().size());
        assertEquals(9, a.newUserValidation().size());
        EvalCase nv = a.newUserValidation().get(0);
        int[] s = users.get(nv.userIndex()).items();
        assertArrayEquals(new int[]{s[0], s[1]}, nv.history());
        assertEquals(s[2], nv.target());
        EvalCase nt = a.newUserTest().get(0);
        assertArrayEquals(new int[]{s[0], s[1], s[2]}, nt.history());
        assertEquals(s[3], nt.target());
        assertEquals(41 + 9, trained.size() + a.newUsers().size());
        assertThrows(IllegalArgumentException.class, () -> Splits.existingNew(d, 1.0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.existingNew(d, 0, 1));
        assertTrue(e.getMessage().startsWith("newUserFraction=0.0"), e.getMessage());
    }

    @Test
    void globalTimeCut() {
        SequenceDataset d = ds(
                seq("a", new int[]{1, 2, 3, 4, 5}, new long[]{1, 2, 3, 10, 11}),
                seq("b", new int[]{6, 7}, new long[]{12, 13}),
                seq("c", new int[]{8, 9}, new long[]{4, 5}),
                seq("e", new int[]{10, 11}, new long[]{9, 10}));
        SplitData s = Splits.timeCut(d, 10);
        assertEquals(List.of(0, 2, 3), s.trainUsers());
        assertArrayEquals(new int[]{1, 2}, s.train().get(0));
        assertArrayEquals(new int[]{8}, s.train().get(1));
        assertArrayEquals(new int[]{10}, s.train().get(2));
        assertEquals(2, s.validation().size());
        assertArrayEquals(new int[]{1, 2}, s.validation().get(0).history());
        assertEquals(3, s.validation().get(0).target());
        assertEquals(9, s.validation().get(1).target());
        assertEquals(2, s.test().size());
        EvalCase t = s.test().get(0);
        assertArrayEquals(new int[]{1, 2, 3}, t.history());
        assertEquals(4, t.target());
        assertArrayEquals(new int[]{10}, s.test().get(1).history());
        assertEquals(11, s.test().get(1).target());
        assertTrue(s.description().contains("1 users with no event before the cut unused"), s.description());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.timeCut(d, 100));
        assertTrue(e.getMessage().startsWith("cutTime=100"), e.getMessage());
    }
}
