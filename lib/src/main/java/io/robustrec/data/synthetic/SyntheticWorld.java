package io.robustrec.data.synthetic;

import io.robustrec.data.Interaction;
import io.robustrec.data.InteractionLog;
import io.robustrec.data.SequenceDataset;
import io.robustrec.data.UserSequence;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A generated interaction log with known shifts, and the ground truth behind it: the project's embedded default
 * dataset. The generative story is documented on {@link WorldConfig}.
 *
 * <p>Raw ids are zero-padded ({@code "u0001"}, {@code "i0042"}) so that sorting raw ids as strings keeps the
 * numeric order: item {@code "i0042"} is item id 42, which is also its dense id in {@link #toSequenceDataset()}.
 * The log lists users in id order and each user's events in time order; within a user timestamps strictly
 * increase, so there are no ties. Generated events carry {@code line = 0} and no rating.
 *
 * <p>The same configuration (seed included) always yields the identical world.
 */
public final class SyntheticWorld {

    private final WorldConfig config;
    private final List<String> rawUserIds;
    private final List<String> rawItemIds;
    private final int[] eventItem;
    private final long[] eventTime;
    private final WorldTruth truth;
    private final InteractionLog log;

    private SyntheticWorld(WorldConfig config, List<String> rawUserIds, List<String> rawItemIds, int[] eventItem,
                           long[] eventTime, WorldTruth truth) {
        this.config = config;
        this.rawUserIds = List.copyOf(rawUserIds);
        this.rawItemIds = List.copyOf(rawItemIds);
        this.eventItem = eventItem;
        this.eventTime = eventTime;
        this.truth = truth;
        List<Interaction> events = new ArrayList<>(eventItem.length);
        for (UserTruth u : truth.users()) {
            for (int e = u.firstEvent(); e < u.firstEvent() + u.events(); e++) {
                events.add(new Interaction(u.user(), rawItemIds.get(eventItem[e] - 1), eventTime[e], Double.NaN, 0));
            }
        }
        this.log = new InteractionLog("generated:synthetic(seed=" + config.seed() + ", users=" + config.numUsers()
                + ", items=" + config.numItems() + ")", events);
    }

    /**
     * Generates a world. Runs in a few seconds for 100k users on one core.
     *
     * @param config every knob, see {@link WorldConfig}
     * @return the world, reproducible from {@code config}
     */
    public static SyntheticWorld generate(WorldConfig config) {
        Objects.requireNonNull(config, "config");
        return new Generator(config).run();
    }

    /** The configuration the world was generated from. */
    public WorldConfig config() {
        return config;
    }

    /** The events as a raw log (user, item, timestamp, rating NaN, line 0), users in id order, each in time order. */
    public InteractionLog log() {
        return log;
    }

    /** The ground truth; its event arrays are parallel to {@link #log()}. */
    public WorldTruth truth() {
        return truth;
    }

    /** Raw item id of item id {@code id} (1-based). */
    public String rawItemId(int id) {
        return rawItemIds.get(id - 1);
    }

    /** Item id (1-based, the observed one: noise included) of event {@code e}, its index in {@link #log()}. */
    public int itemId(int e) {
        return eventItem[e];
    }

    /** Raw user ids in log order. */
    public List<String> rawUserIds() {
        return rawUserIds;
    }

    /**
     * The world as a prepared dataset without going through a loader: dense item id = item id (all
     * {@code numItems} items are listed, even one nobody happened to pick), users in log order (which is also
     * raw-id order), every event kept.
     */
    public SequenceDataset toSequenceDataset() {
        List<UserSequence> users = new ArrayList<>(rawUserIds.size());
        for (UserTruth u : truth.users()) {
            int from = u.firstEvent();
            int to = from + u.events();
            users.add(new UserSequence(u.user(), Arrays.copyOfRange(eventItem, from, to),
                    Arrays.copyOfRange(eventTime, from, to)));
        }
        return new SequenceDataset("synthetic", users, rawItemIds);
    }

    /**
     * Writes the log as CSV with header {@code user,item,timestamp} (epoch seconds), one event per line in log order.
     *
     * @return {@code file}
     */
    public Path writeInteractionsCsv(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("user,item,timestamp\n");
            for (Interaction i : log.interactions()) {
                w.write(i.user());
                w.write(',');
                w.write(i.item());
                w.write(',');
                w.write(Long.toString(i.timestamp()));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Writes the ground truth as three CSV files in {@code dir} (created if missing):
     * <ul>
     *   <li>{@code items.csv}: {@code item,category,train_rank,test_rank}</li>
     *   <li>{@code users.csv}: {@code user,main_category,drifted,from_category,to_category,train_events,test_events}
     *       (categories -1 when not drifted)</li>
     *   <li>{@code events.csv}: {@code user,item,timestamp,period,source,clean_item}, one row per event in the same
     *       order as {@link #writeInteractionsCsv(Path)}; {@code period} is TRAIN or TEST, {@code source} an
     *       {@link EventSource} name; {@code clean_item} differs from {@code item} exactly on NOISE rows</li>
     * </ul>
     *
     * @return the three paths in the order above
     */
    public List<Path> writeTruthCsv(Path dir) {
        try {
            Files.createDirectories(dir);
            Path items = dir.resolve("items.csv");
            try (BufferedWriter w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
                w.write("item,category,train_rank,test_rank\n");
                int[] cat = truth.itemCategory();
                int[] trainRank = truth.itemTrainRank();
                int[] testRank = truth.itemTestRank();
                for (int i = 0; i < cat.length; i++) {
                    w.write(rawItemIds.get(i) + "," + cat[i] + "," + trainRank[i] + "," + testRank[i] + "\n");
                }
            }
            Path users = dir.resolve("users.csv");
            try (BufferedWriter w = Files.newBufferedWriter(users, StandardCharsets.UTF_8)) {
                w.write("user,main_category,drifted,from_category,to_category,train_events,test_events\n");
                for (UserTruth u : truth.users()) {
                    w.write(u.user() + "," + u.mainCategory() + "," + u.drifted() + "," + u.fromCategory() + ","
                            + u.toCategory() + "," + u.trainEvents() + "," + u.testEvents() + "\n");
                }
            }
            Path events = dir.resolve("events.csv");
            try (BufferedWriter w = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
                w.write("user,item,timestamp,period,source,clean_item\n");
                List<Interaction> list = log.interactions();
                for (int e = 0; e < list.size(); e++) {
                    Interaction i = list.get(e);
                    w.write(i.user() + "," + i.item() + "," + i.timestamp() + "," + truth.period(e) + ","
                            + truth.source(e) + "," + rawItemIds.get(truth.cleanItem(e) - 1) + "\n");
                }
            }
            return List.of(items, users, events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "SyntheticWorld[" + log.source() + ", " + log.size() + " events, " + truth + "]";
    }

    /** One generation run; holds the item model and growable event buffers. */
    private static final class Generator {
        private static final int MAX_TRIES = 32;

        private final WorldConfig c;
        private final int numItems;
        private final int numCats;
        private final int[] itemCategory;
        private final int[] trainRank;
        private final int[] testRank;
        /** Items of each category ordered by training rank, and by test rank. */
        private final int[][] trainOrder;
        private final int[][] testOrder;
        private final AliasTable[] rankSampler;
        private final double[] rankWeight;
        private final double[] categoryShare;
        private final int[][] successors;
        private final double[] successorCum;
        private final int[] seenBy;

        private int size;
        private int[] items = new int[1024];
        private int[] clean = new int[1024];
        private long[] times = new long[1024];
        private byte[] sources = new byte[1024];
        private byte[] periods = new byte[1024];

        Generator(WorldConfig c) {
            this.c = c;
            numItems = c.numItems();
            numCats = c.numCategories();
            itemCategory = new int[numItems];
            trainRank = new int[numItems];
            testRank = new int[numItems];
            trainOrder = new int[numCats][];
            testOrder = new int[numCats][];
            rankSampler = new AliasTable[numCats];
            categoryShare = new double[numCats];
            seenBy = new int[numItems + 1];
            successors = new int[numItems + 1][];
            successorCum = new double[c.successorsPerItem()];
            int maxSize = 0;
            int[] sizes = categorySizes(numItems, numCats, c.categorySizeSkew());
            for (int s : sizes) {
                maxSize = Math.max(maxSize, s);
            }
            rankWeight = new double[maxSize];
            for (int r = 0; r < maxSize; r++) {
                rankWeight[r] = Math.pow(r + 1, -c.popularityExponent());
            }
            buildItems(new SplittableRandom(c.seed() ^ 0x5DEECE66DL), sizes);
        }

        /** Category sizes proportional to (c+1)^-skew, each at least 2, summing to numItems. */
        static int[] categorySizes(int numItems, int numCats, double skew) {
            double[] w = new double[numCats];
            double sum = 0;
            for (int k = 0; k < numCats; k++) {
                w[k] = Math.pow(k + 1, -skew);
                sum += w[k];
            }
            int spare = numItems - 2 * numCats;
            int[] sizes = new int[numCats];
            int used = 0;
            for (int k = 0; k < numCats; k++) {
                sizes[k] = 2 + (int) Math.floor(spare * w[k] / sum);
                used += sizes[k];
            }
            // Rounding leftovers go to the largest categories first, keeping sizes non-increasing.
            for (int k = 0; used < numItems; k = (k + 1) % numCats) {
                sizes[k]++;
                used++;
            }
            return sizes;
        }

        private void buildItems(SplittableRandom rng, int[] sizes) {
            int[] perm = new int[numItems];
            for (int i = 0; i < numItems; i++) {
                perm[i] = i + 1;
            }
            shuffle(perm, 0, numItems, rng);
            int at = 0;
            for (int k = 0; k < numCats; k++) {
                int n = sizes[k];
                trainOrder[k] = Arrays.copyOfRange(perm, at, at + n);
                at += n;
                categoryShare[k] = (double) n / numItems;
                testOrder[k] = trainOrder[k].clone();
                // Popularity drift: pick a share of rank positions and permute their items among themselves.
                int m = (int) Math.round(c.popularityShift() * n);
                if (m >= 2) {
                    int[] positions = new int[n];
                    for (int p = 0; p < n; p++) {
                        positions[p] = p;
                    }
                    shuffle(positions, 0, n, rng);
                    int[] chosen = Arrays.copyOf(positions, m);
                    int[] moved = new int[m];
                    for (int j = 0; j < m; j++) {
                        moved[j] = trainOrder[k][chosen[j]];
                    }
                    shuffle(moved, 0, m, rng);
                    for (int j = 0; j < m; j++) {
                        testOrder[k][chosen[j]] = moved[j];
                    }
                }
                for (int r = 0; r < n; r++) {
                    itemCategory[trainOrder[k][r] - 1] = k;
                    trainRank[trainOrder[k][r] - 1] = r + 1;
                    testRank[testOrder[k][r] - 1] = r + 1;
                }
                rankSampler[k] = new AliasTable(Arrays.copyOf(rankWeight, n));
            }
            int s = c.successorsPerItem();
            double total = 0;
            for (int j = 0; j < s; j++) {
                total += 1.0 / (j + 1);
                successorCum[j] = total;
            }
            for (int j = 0; j < s; j++) {
                successorCum[j] /= total;
            }
            for (int item = 1; item <= numItems; item++) {
                int[] own = trainOrder[itemCategory[item - 1]];
                int[] succ = new int[s];
                for (int j = 0; j < s; j++) {
                    int pick = 0;
                    for (int tries = 0; tries < 100 && pick == 0; tries++) {
                        int cand = rng.nextDouble() < c.successorSameCategory()
                                ? own[rng.nextInt(own.length)] : 1 + rng.nextInt(numItems);
                        if (cand != item && !contains(succ, j, cand)) {
                            pick = cand;
                        }
                    }
                    // A tiny category can run out of distinct successors: take the next free item id.
                    for (int cand = 1 + rng.nextInt(numItems); pick == 0; cand = cand % numItems + 1) {
                        if (cand != item && !contains(succ, j, cand)) {
                            pick = cand;
                        }
                    }
                    succ[j] = pick;
                }
                successors[item] = succ;
            }
        }

        SyntheticWorld run() {
            SplittableRandom users = new SplittableRandom(c.seed());
            int digitsU = Integer.toString(c.numUsers()).length();
            int digitsI = Integer.toString(numItems).length();
            List<String> rawUsers = new ArrayList<>(c.numUsers());
            List<String> rawItems = new ArrayList<>(numItems);
            for (int i = 1; i <= numItems; i++) {
                rawItems.add("i" + pad(i, digitsI));
            }
            List<UserTruth> userTruths = new ArrayList<>(c.numUsers());
            for (int u = 0; u < c.numUsers(); u++) {
                String raw = "u" + pad(u + 1, digitsU);
                rawUsers.add(raw);
                userTruths.add(generateUser(u, raw, users.split()));
            }
            WorldTruth truth = new WorldTruth(c.cutTimestamp(), numCats, itemCategory, trainRank, testRank, userTruths,
                    Arrays.copyOf(sources, size), Arrays.copyOf(periods, size), Arrays.copyOf(clean, size));
            return new SyntheticWorld(c, rawUsers, rawItems, Arrays.copyOf(items, size), Arrays.copyOf(times, size), truth);
        }

        private UserTruth generateUser(int u, String raw, SplittableRandom rng) {
            int stamp = u + 1;
            double[] interestCum = dirichletCumulative(rng);
            int main = 0;
            for (int k = 1; k < numCats; k++) {
                if (interestCum[k] - interestCum[k - 1] > interestCum[main] - (main == 0 ? 0 : interestCum[main - 1])) {
                    main = k;
                }
            }
            int n = length(rng);
            int nTest = c.testEventsPerUser();
            int nTrain = n - nTest;
            int to = -1;
            if (c.driftShare() > 0 && rng.nextDouble() < c.driftShare()) {
                to = driftTarget(interestCum, main, rng);
            }
            ensureCapacity(size + n);
            int first = size;
            int prev = 0;
            for (int t = 0; t < n; t++) {
                boolean test = t >= nTrain;
                int item = 0;
                EventSource source = EventSource.INTEREST;
                int lastCat = main;
                for (int tries = 0; tries < MAX_TRIES && item == 0; tries++) {
                    int cand;
                    if (test && to >= 0 && rng.nextDouble() < c.driftStrength()) {
                        source = EventSource.DRIFT;
                        lastCat = to;
                        cand = pickInCategory(to, test, rng);
                    } else if (prev != 0 && rng.nextDouble() < c.transitionProb()) {
                        source = EventSource.TRANSITION;
                        cand = successors[prev][pickSuccessor(rng)];
                        lastCat = itemCategory[cand - 1];
                    } else {
                        source = EventSource.INTEREST;
                        lastCat = pickCategory(interestCum, rng);
                        cand = pickInCategory(lastCat, test, rng);
                    }
                    if (seenBy[cand] != stamp) {
                        item = cand;
                    }
                }
                if (item == 0) {
                    // Heavy users exhaust the popular items of their categories: draw among the unseen ones.
                    item = unseenInCategory(lastCat, test, stamp, rng);
                    if (item == 0) {
                        item = unseenAnywhere(stamp, rng);
                    }
                }
                seenBy[item] = stamp;
                int e = first + t;
                items[e] = item;
                clean[e] = item;
                sources[e] = (byte) source.ordinal();
                periods[e] = (byte) (test ? Period.TEST : Period.TRAIN).ordinal();
                prev = item;
            }
            if (c.noiseRatio() > 0) {
                for (int t = 0; t < nTrain; t++) {
                    if (rng.nextDouble() < c.noiseRatio()) {
                        int noise = 0;
                        for (int tries = 0; tries < MAX_TRIES && noise == 0; tries++) {
                            int cand = 1 + rng.nextInt(numItems);
                            if (seenBy[cand] != stamp) {
                                noise = cand;
                            }
                        }
                        if (noise == 0) {
                            noise = unseenAnywhere(stamp, rng);
                        }
                        seenBy[noise] = stamp;
                        items[first + t] = noise;
                        sources[first + t] = (byte) EventSource.NOISE.ordinal();
                    }
                }
            }
            fillTimes(first, nTrain, c.startTimestamp(), c.cutTimestamp(), true, rng);
            fillTimes(first + nTrain, nTest, c.cutTimestamp(), c.cutTimestamp() + c.testPeriodSeconds(), false, rng);
            size += n;
            return new UserTruth(raw, first, nTrain, nTest, main, to >= 0, to >= 0 ? main : -1, to);
        }

        /**
         * Strictly increasing times in [from, until): sorted uniform offsets plus their index. Training activity
         * starts at a random point in the first 80% of the period, so users join over time.
         */
        private void fillTimes(int at, int n, long from, long until, boolean randomStart, SplittableRandom rng) {
            long start = from;
            if (randomStart) {
                start += (long) (rng.nextDouble() * 0.8 * (until - from));
            }
            long span = until - n - start;
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = (long) (rng.nextDouble() * span);
            }
            Arrays.sort(offsets);
            for (int i = 0; i < n; i++) {
                times[at + i] = start + offsets[i] + i;
            }
        }

        private int length(SplittableRandom rng) {
            double extraMean = c.meanLength() - c.minLength();
            if (extraMean <= 0) {
                return c.minLength();
            }
            double sigma = c.activitySigma();
            double mu = Math.log(extraMean) - sigma * sigma / 2;
            double x = Math.exp(mu + sigma * rng.nextGaussian());
            return (int) Math.min(c.maxLength(), c.minLength() + Math.round(x));
        }

        /** Cumulative interest weights from a Dirichlet draw, sampled in log space so tiny shapes do not underflow. */
        private double[] dirichletCumulative(SplittableRandom rng) {
            double[] logG = new double[numCats];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < numCats; k++) {
                double a = c.interestConcentration() * categoryShare[k];
                logG[k] = a >= 1 ? Math.log(gamma(a, rng)) : Math.log(gamma(a + 1, rng)) + Math.log(nonZero(rng)) / a;
                max = Math.max(max, logG[k]);
            }
            double[] cum = new double[numCats];
            double total = 0;
            for (int k = 0; k < numCats; k++) {
                total += Math.exp(logG[k] - max);
                cum[k] = total;
            }
            for (int k = 0; k < numCats; k++) {
                cum[k] /= total;
            }
            cum[numCats - 1] = 1.0;
            return cum;
        }

        /** Marsaglia and Tsang's gamma sampler for shape >= 1, scale 1. */
        private static double gamma(double shape, SplittableRandom rng) {
            double d = shape - 1.0 / 3;
            double cc = 1 / Math.sqrt(9 * d);
            while (true) {
                double x = rng.nextGaussian();
                double v = 1 + cc * x;
                if (v <= 0) {
                    continue;
                }
                v = v * v * v;
                double u = nonZero(rng);
                if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }

        private static double nonZero(SplittableRandom rng) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u == 0);
            return u;
        }

        /** A category the user cares little about (weight at most 1/C), chosen in proportion to category size. */
        private int driftTarget(double[] cum, int main, SplittableRandom rng) {
            double total = 0;
            double[] w = new double[numCats];
            for (int k = 0; k < numCats; k++) {
                double interest = cum[k] - (k == 0 ? 0 : cum[k - 1]);
                if (k != main && interest <= 1.0 / numCats) {
                    w[k] = categoryShare[k];
                    total += w[k];
                }
            }
            if (total == 0) {
                // Only possible with rounding at exactly uniform interests: any other category will do.
                for (int k = 0; k < numCats; k++) {
                    w[k] = k == main ? 0 : categoryShare[k];
                    total += w[k];
                }
            }
            double x = rng.nextDouble() * total;
            for (int k = 0; k < numCats; k++) {
                x -= w[k];
                if (x < 0 && w[k] > 0) {
                    return k;
                }
            }
            for (int k = numCats - 1; k >= 0; k--) {
                if (w[k] > 0) {
                    return k;
                }
            }
            throw new IllegalStateException("no drift target");
        }

        private int pickCategory(double[] cum, SplittableRandom rng) {
            double x = rng.nextDouble();
            for (int k = 0; k < numCats; k++) {
                if (x < cum[k]) {
                    return k;
                }
            }
            return numCats - 1;
        }

        private int pickInCategory(int k, boolean test, SplittableRandom rng) {
            int r = rankSampler[k].sample(rng);
            return test ? testOrder[k][r] : trainOrder[k][r];
        }

        private int pickSuccessor(SplittableRandom rng) {
            double x = rng.nextDouble();
            for (int j = 0; j < successorCum.length; j++) {
                if (x < successorCum[j]) {
                    return j;
                }
            }
            return successorCum.length - 1;
        }

        private int unseenInCategory(int k, boolean test, int stamp, SplittableRandom rng) {
            int[] order = test ? testOrder[k] : trainOrder[k];
            double total = 0;
            for (int r = 0; r < order.length; r++) {
                if (seenBy[order[r]] != stamp) {
                    total += rankWeight[r];
                }
            }
            if (total == 0) {
                return 0;
            }
            double x = rng.nextDouble() * total;
            int last = 0;
            for (int r = 0; r < order.length; r++) {
                if (seenBy[order[r]] != stamp) {
                    last = order[r];
                    x -= rankWeight[r];
                    if (x < 0) {
                        return last;
                    }
                }
            }
            return last;
        }

        private int unseenAnywhere(int stamp, SplittableRandom rng) {
            int start = 1 + rng.nextInt(numItems);
            for (int j = 0; j < numItems; j++) {
                int cand = (start - 1 + j) % numItems + 1;
                if (seenBy[cand] != stamp) {
                    return cand;
                }
            }
            throw new IllegalStateException("user saw every item; maxLength must be <= numItems");
        }

        private void ensureCapacity(int need) {
            if (need > items.length) {
                int cap = Math.max(need, items.length * 2);
                items = Arrays.copyOf(items, cap);
                clean = Arrays.copyOf(clean, cap);
                times = Arrays.copyOf(times, cap);
                sources = Arrays.copyOf(sources, cap);
                periods = Arrays.copyOf(periods, cap);
            }
        }

        private static boolean contains(int[] a, int n, int v) {
            for (int i = 0; i < n; i++) {
                if (a[i] == v) {
                    return true;
                }
            }
            return false;
        }

        private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
            for (int i = to - 1; i > from; i--) {
                int j = from + rng.nextInt(i - from + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }

        private static String pad(int v, int digits) {
            String s = Integer.toString(v);
            return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
        }
    }
}
