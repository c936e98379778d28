package io.robustrec.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparationTest {

    private static Interaction ev(String u, String i, long t, long line) {
        return new Interaction(u, i, t, Double.NaN, line);
    }

    private static Interaction rated(String u, String i, long t, double r, long line) {
        return new Interaction(u, i, t, r, line);
    }

    private static PrepConfig noCore(String name) {
        return PrepConfig.defaults(name).withMinCounts(0, 0);
    }

    @Test
    void timeOrderWithStableTiesAndSortedDenseIds() {
        // u1's basket b, a shares time 5 and must keep file (line) order even though it comes first in the log
        InteractionLog log = new InteractionLog("t", List.of(
                ev("u1", "c", 9, 4), ev("u1", "b", 5, 2), ev("u1", "a", 5, 3), ev("u0", "c", 1, 1)));
        PreparedData p = Preparation.prepare(log, noCore("t"));
        SequenceDataset ds = p.dataset();
        assertEquals(List.of("a", "b", "c"), ds.rawItemIds());
        assertEquals("u0", ds.users().get(0).rawUserId());
        UserSequence u1 = ds.users().get(1);
        assertArrayEquals(new int[]{2, 1, 3}, u1.items()); // b, a, c
        assertArrayEquals(new long[]{5, 5, 9}, u1.timestamps());
        assertEquals(Integer.valueOf(2), p.itemIndex().get("b"));
    }

    @Test
    void fullTiesKeepLogOrder() {
        InteractionLog log = new InteractionLog("t", List.of(ev("u", "z", 1, 0), ev("u", "y", 1, 0), ev("u", "x", 1, 0)));
        SequenceDataset ds = Preparation.prepare(log, noCore("t")).dataset();
        assertArrayEquals(new int[]{3, 2, 1}, ds.users().get(0).items());
    }

    @Test
    void dedupPolicies() {
        InteractionLog log = new InteractionLog("t", List.of(
                ev("u", "a", 1, 1), ev("u", "b", 2, 2), ev("u", "a", 3, 3), ev("v", "a", 1, 4)));
        SequenceDataset all = Preparation.prepare(log, noCore("t").withDedup(DedupPolicy.KEEP_ALL)).dataset();
        assertArrayEquals(new int[]{1, 2, 1}, all.users().get(0).items());
        PreparedData first = Preparation.prepare(log, noCore("t").withDedup(DedupPolicy.KEEP_FIRST));
        assertArrayEquals(new int[]{1, 2}, first.dataset().users().get(0).items());
        assertArrayEquals(new long[]{1, 2}, first.dataset().users().get(0).timestamps());
        PrepStep s = first.report().step("dedup KEEP_FIRST").orElseThrow();
        assertEquals(4, s.rowsBefore());
        assertEquals(3, s.rowsAfter());
        SequenceDataset last = Preparation.prepare(log, noCore("t").withDedup(DedupPolicy.KEEP_LAST)).dataset();
        assertArrayEquals(new int[]{2, 1}, last.users().get(0).items());
        assertArrayEquals(new long[]{2, 3}, last.users().get(0).timestamps());
    }

    @Test
    void ratingThreshold() {
        InteractionLog log = new InteractionLog("t", List.of(
                rated("u", "a", 1, 5, 1), rated("u", "b", 2, 2, 2), rated("u", "c", 3, 4, 3)));
        PreparedData p = Preparation.prepare(log, noCore("t").withRatingThreshold(4));
        assertEquals(List.of("a", "c"), p.dataset().rawItemIds());
        assertEquals(1, p.report().step("rating >= 4.0").orElseThrow().removed());
        InteractionLog unrated = new InteractionLog("src", List.of(ev("u", "a", 1, 1), rated("u", "b", 2, 5, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preparation.prepare(unrated, noCore("t").withRatingThreshold(4)));
        assertTrue(e.getMessage().contains("1 events of src have no rating"), e.getMessage());
    }

    @Test
    void kCoreIteratesUntilStable() {
        // item x occurs twice; removing it (min 3) drops u2 to 2 events (< 3), which drops y to 2 (< 3), ...
        List<Interaction> ev = new ArrayList<>();
        long line = 0;
        for (String u : List.of("u0", "u1", "u3")) {
            for (String i : List.of("p", "q", "r")) {
                ev.add(ev(u, i, ++line, line));
            }
        }
        ev.add(ev("u2", "x", ++line, line));
        ev.add(ev("u2", "y", ++line, line));
        ev.add(ev("u2", "z", ++line, line));
        ev.add(ev("u4", "x", ++line, line));
        ev.add(ev("u4", "y", ++line, line));
        ev.add(ev("u4", "z", ++line, line));
        ev.add(ev("u5", "y", ++line, line));
        ev.add(ev("u5", "z", ++line, line));
        ev.add(ev("u5", "p", ++line, line));
        PreparedData p = Preparation.prepare(new InteractionLog("t", ev), PrepConfig.defaults("t").withMinCounts(3, 3));
        SequenceDataset ds = p.dataset();
        assertEquals(List.of("p", "q", "r"), ds.rawItemIds());
        assertEquals(List.of("u0", "u1", "u3"), ds.users().stream().map(UserSequence::rawUserId).toList());
        PrepStep k = p.report().steps().get(p.report().steps().size() - 1);
        assertEquals(18, k.rowsBefore());
        assertEquals(9, k.rowsAfter());
        assertEquals(6, k.usersBefore());
        assertEquals(3, k.usersAfter());
        for (UserSequence u : ds.users()) {
            assertTrue(u.length() >= 3);
        }
    }

    @Test
    void filterThatEmptiesTheDatasetIsNamed() {
        InteractionLog log = new InteractionLog("t", List.of(ev("u", "a", 1, 1), ev("u", "b", 2, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Preparation.prepare(log, PrepConfig.defaults("t")));
        assertTrue(e.getMessage().contains("k-core (users>=5, items>=5)"), e.getMessage());
        assertTrue(e.getMessage().contains("2 rows before, 0 after"), e.getMessage());
        InteractionLog low = new InteractionLog("t", List.of(rated("u", "a", 1, 1, 1)));
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> Preparation.prepare(low, noCore("t").withRatingThreshold(3)));
        assertTrue(e2.getMessage().contains("rating >= 3.0") && e2.getMessage().contains("1 rows before"), e2.getMessage());
        assertThrows(IllegalStateException.class, () -> Preparation.prepare(new InteractionLog("e", List.of()), noCore("t")));
    }

    @Test
    void reportTable() {
        InteractionLog log = new InteractionLog("src", List.of(ev("u", "a", 1, 1), ev("u", "a", 2, 2), ev("v", "b", 1, 3)));
        PrepReport r = Preparation.prepare(log, noCore("t")).report();
        Table t = r.toTable();
        assertEquals(2, t.rowCount());
        assertEquals(List.of("input", "dedup KEEP_FIRST"), t.stringColumn("step").asList());
        assertEquals(3L, t.longColumn("rows_before").get(1));
        assertEquals(2L, t.longColumn("rows_after").get(1));
        assertEquals(1L, t.longColumn("removed").get(1));
        assertTrue(r.toString().contains("dedup KEEP_FIRST"));
    }

    @Test
    void configValidation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrepConfig.defaults("t").withMinCounts(-1, 5));
        assertEquals("minUserCount=-1 must be >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrepConfig.defaults("t").withMinCounts(5, -2));
        assertThrows(IllegalArgumentException.class, () -> PrepConfig.defaults(" "));
        assertThrows(IllegalArgumentException.class, () -> PrepConfig.defaults("t").withRatingThreshold(Double.POSITIVE_INFINITY));
        PrepConfig d = PrepConfig.defaults("t");
        assertEquals(DedupPolicy.KEEP_FIRST, d.dedup());
        assertEquals(5, d.minUserCount());
        assertEquals(5, d.minItemCount());
    }
}
