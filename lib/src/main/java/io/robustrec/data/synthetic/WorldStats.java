package io.robustrec.data.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Summary statistics of a generated world, measured on the data and the truth (not echoed from the config), so
 * they can be checked against the parameters.
 *
 * @param users                   number of users
 * @param items                   number of configured items
 * @param itemsUsed               number of items with at least one event
 * @param events                  number of events
 * @param testEvents              number of test-period events
 * @param meanLength              mean events per user
 * @param medianLength            median events per user
 * @param maxLength               largest number of events of a user
 * @param top20UserShare          share of all events held by the 20% most active users
 * @param top20ItemShare          share of all events on the 20% most popular items
 * @param transitionShare         share of clean events that are successor transitions
 * @param noiseShare              share of training-period events that are noise
 * @param driftedUserShare        share of users who drift
 * @param driftedTestInNewCategory share of drifted users' test-period events that fall in the category they drifted to
 * @param popularitySlope         fitted Zipf exponent of the largest category, see {@link #popularitySlope(SyntheticWorld, int, int)}
 */
public record WorldStats(int users, int items, int itemsUsed, int events, int testEvents, double meanLength,
                         double medianLength, int maxLength, double top20UserShare, double top20ItemShare,
                         double transitionShare, double noiseShare, double driftedUserShare,
                         double driftedTestInNewCategory, double popularitySlope) {

    /** Minimum count for an item to enter the popularity fit (rarer counts are dominated by sampling noise). */
    public static final int SLOPE_MIN_COUNT = 5;

    /** Measures a world. */
    public static WorldStats of(SyntheticWorld world) {
        WorldTruth truth = world.truth();
        List<UserTruth> users = truth.users();
        int[] lengths = new int[users.size()];
        long testEvents = 0;
        int drifted = 0;
        long driftedTest = 0;
        long driftedTestIn = 0;
        for (int u = 0; u < users.size(); u++) {
            UserTruth ut = users.get(u);
            lengths[u] = ut.events();
            testEvents += ut.testEvents();
            if (ut.drifted()) {
                drifted++;
                for (int e = ut.firstEvent() + ut.trainEvents(); e < ut.firstEvent() + ut.events(); e++) {
                    driftedTest++;
                    if (truth.category(itemAt(world, e)) == ut.toCategory()) {
                        driftedTestIn++;
                    }
                }
            }
        }
        int events = truth.numEvents();
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        int[] itemCounts = new int[truth.numItems()];
        int transitions = 0;
        int noise = 0;
        for (int e = 0; e < events; e++) {
            itemCounts[itemAt(world, e) - 1]++;
            EventSource s = truth.source(e);
            if (s == EventSource.TRANSITION) {
                transitions++;
            } else if (s == EventSource.NOISE) {
                noise++;
            }
        }
        int used = 0;
        for (int count : itemCounts) {
            if (count > 0) {
                used++;
            }
        }
        int trainEvents = (int) (events - testEvents);
        return new WorldStats(n, truth.numItems(), used, events, (int) testEvents, (double) events / n, median,
                sorted[n - 1], topShare(lengths, 0.2), topShare(itemCounts, 0.2),
                events - noise == 0 ? 0 : (double) transitions / (events - noise),
                trainEvents == 0 ? 0 : (double) noise / trainEvents,
                (double) drifted / n, driftedTest == 0 ? Double.NaN : (double) driftedTestIn / driftedTest,
                popularitySlope(world, 0, SLOPE_MIN_COUNT));
    }

    /**
     * Fitted Zipf exponent of one category: ranks the category's items by their number of training-period
     * INTEREST events (the only events drawn from popularity alone), keeps those with at least {@code minCount}
     * events and returns minus the least-squares slope of log(count) against log(rank). NaN when fewer than 3
     * items qualify.
     */
    public static double popularitySlope(SyntheticWorld world, int category, int minCount) {
        WorldTruth truth = world.truth();
        int[] counts = new int[truth.numItems()];
        for (int e = 0; e < truth.numEvents(); e++) {
            if (truth.source(e) == EventSource.INTEREST && truth.period(e) == Period.TRAIN) {
                int item = itemAt(world, e);
                if (truth.category(item) == category) {
                    counts[item - 1]++;
                }
            }
        }
        int[] desc = Arrays.stream(counts).filter(x -> x >= minCount).map(x -> -x).sorted().map(x -> -x).toArray();
        if (desc.length < 3) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int r = 0; r < desc.length; r++) {
            double x = Math.log(r + 1);
            double y = Math.log(desc[r]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int m = desc.length;
        return -(m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    private static int itemAt(SyntheticWorld world, int e) {
        return world.itemId(e);
    }

    /** Share of the total held by the top {@code fraction} of entries. */
    static double topShare(int[] values, double fraction) {
        int[] s = values.clone();
        Arrays.sort(s);
        long total = 0;
        for (int v : s) {
            total += v;
        }
        int k = (int) Math.ceil(fraction * s.length);
        long top = 0;
        for (int i = s.length - k; i < s.length; i++) {
            top += s[i];
        }
        return total == 0 ? 0 : (double) top / total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "users=%d items=%d (used %d) events=%d (test %d)%n"
                        + "length mean=%.1f median=%.1f max=%d; top-20%% users hold %.1f%% of events%n"
                        + "top-20%% items hold %.1f%% of events; Zipf slope (largest category)=%.2f%n"
                        + "transitions=%.1f%% of clean events; noise=%.2f%% of training events%n"
                        + "drifted users=%.1f%%; their test events in the new category=%.1f%%",
                users, items, itemsUsed, events, testEvents, meanLength, medianLength, maxLength,
                100 * top20UserShare, 100 * top20ItemShare, popularitySlope, 100 * transitionShare,
                100 * noiseShare, 100 * driftedUserShare, 100 * driftedTestInNewCategory);
    }
}
