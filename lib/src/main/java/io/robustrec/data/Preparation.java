package io.robustrec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a raw {@link InteractionLog} into a {@link SequenceDataset}. Steps, in order:
 * <ol>
 *   <li>rating threshold (optional): keep events with rating {@code >= t}, turning explicit into implicit
 *       feedback; an event without a rating under a threshold is an error, not a silent drop;</li>
 *   <li>per-user time order: by timestamp, ties by {@link Interaction#line()} and then log order (stable),
 *       so a basket whose items share one timestamp keeps its file order;</li>
 *   <li>de-duplication of repeated (user, item) pairs by {@link DedupPolicy};</li>
 *   <li>iterative k-core: drop users with fewer than {@code minUserCount} and items with fewer than
 *       {@code minItemCount} interactions, repeatedly, until no count changes (dropping an item can push a user
 *       below the threshold and back);</li>
 *   <li>dense ids: items get ids 1..n in <b>lexicographic order of their raw id strings</b> (stable under
 *       re-ordering of the file); users are listed in lexicographic order of raw user id.</li>
 * </ol>
 * A step that leaves no interaction fails with an {@link IllegalStateException} naming the step and the counts
 * before and after it.
 */
public final class Preparation {

    private Preparation() {
    }

    /** Prepares a log. */
    public static PreparedData prepare(InteractionLog log, PrepConfig config) {
        return prepare(log, config, List.of());
    }

    /**
     * Prepares a log that an earlier, dataset-specific cleaning produced; its steps open the report.
     *
     * @param earlierSteps steps already applied to the log (for example {@link OnlineRetail#clean})
     */
    public static PreparedData prepare(InteractionLog log, PrepConfig config, List<PrepStep> earlierSteps) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(config, "config");
        List<PrepStep> steps = new ArrayList<>(earlierSteps);
        List<Interaction> rows = log.interactions();
        if (rows.isEmpty()) {
            throw new IllegalStateException("log " + log.source() + " has no interactions");
        }
        int n = rows.size();

        // intern ids once: the filters then work on int arrays
        Map<String, Integer> userIds = new HashMap<>();
        Map<String, Integer> itemIds = new HashMap<>();
        List<String> userNames = new ArrayList<>();
        List<String> itemNames = new ArrayList<>();
        int[] u = new int[n];
        int[] it = new int[n];
        for (int r = 0; r < n; r++) {
            Interaction x = rows.get(r);
            u[r] = intern(x.user(), userIds, userNames);
            it[r] = intern(x.item(), itemIds, itemNames);
        }
        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        steps.add(step("input", "events in the log " + log.source(), n, alive, u, it, userNames.size(), itemNames.size(), alive));

        if (config.hasRatingThreshold()) {
            double t = config.ratingThreshold();
            boolean[] before = alive.clone();
            int unrated = 0;
            for (int r = 0; r < n; r++) {
                Interaction x = rows.get(r);
                if (!x.hasRating()) {
                    unrated++;
                } else if (x.rating() < t) {
                    alive[r] = false;
                }
            }
            if (unrated > 0) {
                throw new IllegalArgumentException("ratingThreshold=" + t + " is set but " + unrated
                        + " events of " + log.source() + " have no rating");
            }
            addChecked(steps, step("rating >= " + t, "implicit feedback: ratings below " + t + " removed",
                    n, before, u, it, userNames.size(), itemNames.size(), alive));
        }

        // per-user time order, stable on (timestamp, line, log position)
        int numUsers = userNames.size();
        int[][] byUser = groupByUser(u, alive, numUsers);
        Comparator<Integer> time = Comparator.<Integer>comparingLong(r -> rows.get(r).timestamp())
                .thenComparingLong(r -> rows.get(r).line());
        for (int user = 0; user < numUsers; user++) {
            int[] idx = byUser[user];
            if (idx.length > 1) {
                Integer[] boxed = new Integer[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    boxed[k] = idx[k];
                }
                Arrays.sort(boxed, time); // TimSort is stable: full ties keep log order
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = boxed[k];
                }
            }
        }

        if (config.dedup() != DedupPolicy.KEEP_ALL) {
            boolean[] before = alive.clone();
            boolean keepFirst = config.dedup() == DedupPolicy.KEEP_FIRST;
            for (int user = 0; user < numUsers; user++) {
                int[] idx = byUser[user];
                Set<Integer> seen = new HashSet<>();
                if (keepFirst) {
                    for (int k = 0; k < idx.length; k++) {
                        if (!seen.add(it[idx[k]])) {
                            alive[idx[k]] = false;
                        }
                    }
                } else {
                    for (int k = idx.length - 1; k >= 0; k--) {
                        if (!seen.add(it[idx[k]])) {
                            alive[idx[k]] = false;
                        }
                    }
                }
            }
            addChecked(steps, step("dedup " + config.dedup(), "repeated (user, item) pairs: "
                            + (keepFirst ? "earliest kept" : "latest kept"),
                    n, before, u, it, numUsers, itemNames.size(), alive));
        }

        if (config.minUserCount() > 1 || config.minItemCount() > 1) {
            boolean[] before = alive.clone();
            int iterations = kCore(u, it, alive, numUsers, itemNames.size(), config.minUserCount(), config.minItemCount());
            addChecked(steps, step("k-core (users>=" + config.minUserCount() + ", items>=" + config.minItemCount() + ")",
                    "users and items below the minimum count removed, repeated until stable (" + iterations + " rounds)",
                    n, before, u, it, numUsers, itemNames.size(), alive));
        }

        // dense ids in lexicographic raw-id order
        boolean[] itemKept = new boolean[itemNames.size()];
        boolean[] userKept = new boolean[numUsers];
        for (int r = 0; r < n; r++) {
            if (alive[r]) {
                itemKept[it[r]] = true;
                userKept[u[r]] = true;
            }
        }
        List<Integer> keptItems = new ArrayList<>();
        for (int i = 0; i < itemKept.length; i++) {
            if (itemKept[i]) {
                keptItems.add(i);
            }
        }
        keptItems.sort(Comparator.comparing(itemNames::get));
        int[] dense = new int[itemNames.size()];
        List<String> rawItemIds = new ArrayList<>(keptItems.size());
        for (int k = 0; k < keptItems.size(); k++) {
            dense[keptItems.get(k)] = k + 1;
            rawItemIds.add(itemNames.get(keptItems.get(k)));
        }
        List<Integer> keptUsers = new ArrayList<>();
        for (int user = 0; user < numUsers; user++) {
            if (userKept[user]) {
                keptUsers.add(user);
            }
        }
        keptUsers.sort(Comparator.comparing(userNames::get));
        List<UserSequence> seqs = new ArrayList<>(keptUsers.size());
        for (int user : keptUsers) {
            int[] idx = byUser[user];
            int len = 0;
            for (int r : idx) {
                if (alive[r]) {
                    len++;
                }
            }
            int[] items = new int[len];
            long[] ts = new long[len];
            int k = 0;
            for (int r : idx) {
                if (alive[r]) {
                    items[k] = dense[it[r]];
                    ts[k] = rows.get(r).timestamp();
                    k++;
                }
            }
            seqs.add(new UserSequence(userNames.get(user), items, ts));
        }
        SequenceDataset ds = new SequenceDataset(config.name(), seqs, rawItemIds);
        return new PreparedData(ds, new PrepReport(log.source(), steps));
    }

    /**
     * Iterative k-core on the live rows; returns the number of rounds. Each round removes every row whose user or
     * item is below its minimum; the loop stops when a round removes nothing.
     */
    static int kCore(int[] u, int[] it, boolean[] alive, int numUsers, int numItems, int minUser, int minItem) {
        int rounds = 0;
        while (true) {
            rounds++;
            int[] uc = new int[numUsers];
            int[] ic = new int[numItems];
            for (int r = 0; r < u.length; r++) {
                if (alive[r]) {
                    uc[u[r]]++;
                    ic[it[r]]++;
                }
            }
            boolean changed = false;
            for (int r = 0; r < u.length; r++) {
                if (alive[r] && (uc[u[r]] < minUser || ic[it[r]] < minItem)) {
                    alive[r] = false;
                    changed = true;
                }
            }
            if (!changed) {
                return rounds;
            }
        }
    }

    private static int[][] groupByUser(int[] u, boolean[] alive, int numUsers) {
        int[] count = new int[numUsers];
        for (int r = 0; r < u.length; r++) {
            if (alive[r]) {
                count[u[r]]++;
            }
        }
        int[][] out = new int[numUsers][];
        for (int user = 0; user < numUsers; user++) {
            out[user] = new int[count[user]];
        }
        int[] fill = new int[numUsers];
        for (int r = 0; r < u.length; r++) {
            if (alive[r]) {
                out[u[r]][fill[u[r]]++] = r;
            }
        }
        return out;
    }

    private static int intern(String key, Map<String, Integer> ids, List<String> names) {
        Integer id = ids.get(key);
        if (id == null) {
            id = names.size();
            ids.put(key, id);
            names.add(key);
        }
        return id;
    }

    private static PrepStep step(String name, String reason, int n, boolean[] before, int[] u, int[] it,
                                 int numUsers, int numItems, boolean[] after) {
        long[] b = counts(before, u, it, numUsers, numItems);
        long[] a = counts(after, u, it, numUsers, numItems);
        return new PrepStep(name, reason, b[0], a[0], (int) b[1], (int) a[1], (int) b[2], (int) a[2]);
    }

    private static long[] counts(boolean[] alive, int[] u, int[] it, int numUsers, int numItems) {
        boolean[] us = new boolean[numUsers];
        boolean[] is = new boolean[numItems];
        long rows = 0;
        long users = 0;
        long items = 0;
        for (int r = 0; r < alive.length; r++) {
            if (alive[r]) {
                rows++;
                if (!us[u[r]]) {
                    us[u[r]] = true;
                    users++;
                }
                if (!is[it[r]]) {
                    is[it[r]] = true;
                    items++;
                }
            }
        }
        return new long[]{rows, users, items};
    }

    private static void addChecked(List<PrepStep> steps, PrepStep s) {
        steps.add(s);
        if (s.rowsAfter() == 0) {
            throw new IllegalStateException("preparation step '" + s.step() + "' removed every interaction: "
                    + s.rowsBefore() + " rows before, 0 after (" + s.reason() + ")");
        }
    }
}
