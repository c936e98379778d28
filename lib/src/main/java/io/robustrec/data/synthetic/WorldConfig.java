package io.robustrec.data.synthetic;

/**
 * Every knob of the {@link SyntheticWorld} generator, validated on construction.
 *
 * <p>Start from {@link #defaults()} (small: trains a SASRec in about a minute on 2 cores) or {@link #full()}
 * (100k users, 20k items, 50 categories) and change single knobs with {@link #toBuilder()}.
 *
 * <h2>Generative story</h2>
 * <ul>
 *   <li><b>Items.</b> {@code numItems} items are shuffled and cut into {@code numCategories} categories whose sizes
 *       decay as {@code (c + 1)^-categorySizeSkew} (category 0 is the largest). Inside a category, the item at
 *       popularity rank {@code r} (1-based) has weight {@code r^-popularityExponent} (Zipf).</li>
 *   <li><b>Users.</b> Each user's interest mixture over categories is drawn from a Dirichlet distribution whose
 *       parameters sum to {@code interestConcentration} and are proportional to category sizes; small values
 *       (the default 1.0 over 10 categories) give a few dominant categories per user.</li>
 *   <li><b>Activity.</b> A user has {@code minLength + round(X)} events, capped at {@code maxLength}, where
 *       {@code X} is log-normal with log-scale standard deviation {@code activitySigma} and mean
 *       {@code meanLength - minLength}: many light users and a few heavy ones.</li>
 *   <li><b>Next item.</b> With probability {@code transitionProb} the next item is one of the previous item's
 *       {@code successorsPerItem} successors (the k-th chosen with weight 1/k; each successor is from the same
 *       category with probability {@code successorSameCategory}, uniform inside it, so order carries signal
 *       beyond popularity); otherwise a category is drawn from the user's interests and an item from that
 *       category's popularity. A user never repeats an item: a draw of an item already seen is redrawn (up to 32
 *       times, then the choice falls back to an unseen item of the last drawn category by popularity, or any unseen
 *       item). Redraws reject popular interest picks more often than transitions, so the realised share of
 *       transitions is a few points above {@code transitionProb} (about 46% at the default 0.4).</li>
 *   <li><b>Time.</b> A global clock: the training period is {@code [startTimestamp, startTimestamp +
 *       trainPeriodSeconds)}, the test period the following {@code testPeriodSeconds}. The last
 *       {@code testEventsPerUser} events of every user fall in the test period, all others in the training
 *       period, so a time cut at {@link WorldTruth#cutTimestamp()} separates the periods exactly and
 *       leave-one-out's test item (the last event) always sees the shift.</li>
 *   <li><b>Shifts in the test period.</b> Interest drift: a share {@code driftShare} of users drift from their
 *       main category to a category they had little interest in; each of their test-period events is, with
 *       probability {@code driftStrength}, a popularity pick from the new category. Popularity drift: in every
 *       category a share {@code popularityShift} of the rank positions have their items shuffled among
 *       themselves for the test period.</li>
 *   <li><b>Noise.</b> Each training-period event is, with probability {@code noiseRatio}, replaced by a
 *       uniformly random item the user has not seen (the clean item is kept in the truth; the next item is
 *       still chosen from the clean one).</li>
 * </ul>
 *
 * @param seed                   seed of every random choice
 * @param numUsers               number of users, at least 1
 * @param numItems               number of items, at least {@code 2 * numCategories}
 * @param numCategories          number of item categories, at least 1
 * @param categorySizeSkew       category size decay exponent, at least 0 (0 = equal sizes)
 * @param popularityExponent     Zipf exponent of popularity inside a category, at least 0
 * @param interestConcentration  total Dirichlet concentration of user interests, positive (smaller = more focused)
 * @param meanLength             mean number of events per user, in {@code [minLength, maxLength]}
 * @param activitySigma          log-normal sigma of the activity above {@code minLength}, at least 0
 * @param minLength              minimum events per user, at least {@code testEventsPerUser + 2}
 * @param maxLength              maximum events per user, in {@code [minLength, numItems]} (no repeats)
 * @param transitionProb         probability that the next item is a successor of the previous one, in [0, 1]
 * @param successorsPerItem      successors per item, in {@code [1, numItems - 1]}
 * @param successorSameCategory  probability that a successor is from the same category, in [0, 1]
 * @param testEventsPerUser      events per user in the test period (the last ones), at least 1
 * @param driftShare             share of users whose interests drift in the test period, in [0, 1]
 *                               (must be 0 with a single category)
 * @param driftStrength          probability that a drifted user's test-period event comes from the new category, in [0, 1]
 * @param popularityShift        share of in-category rank positions reshuffled in the test period, in [0, 1]
 * @param noiseRatio             probability that a training-period event is replaced by a random item, in [0, 1)
 * @param startTimestamp         epoch second at which the training period starts
 * @param trainPeriodSeconds     length of the training period, at least {@code 10 * maxLength}
 * @param testPeriodSeconds      length of the test period, at least {@code 2 * testEventsPerUser}
 */
public record WorldConfig(long seed, int numUsers, int numItems, int numCategories, double categorySizeSkew,
                          double popularityExponent, double interestConcentration, double meanLength,
                          double activitySigma, int minLength, int maxLength, double transitionProb,
                          int successorsPerItem, double successorSameCategory, int testEventsPerUser,
                          double driftShare, double driftStrength, double popularityShift, double noiseRatio,
                          long startTimestamp, long trainPeriodSeconds, long testPeriodSeconds) {

    /** 2020-01-01T00:00:00Z. */
    public static final long DEFAULT_START = 1_577_836_800L;
    private static final long DAY = 86_400L;

    public WorldConfig {
        positive("numUsers", numUsers);
        positive("numCategories", numCategories);
        if (numItems < 2 * numCategories) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 2 * numCategories = " + 2 * numCategories);
        }
        atLeastZero("categorySizeSkew", categorySizeSkew);
        atLeastZero("popularityExponent", popularityExponent);
        if (!(interestConcentration > 0) || Double.isInfinite(interestConcentration)) {
            throw new IllegalArgumentException("interestConcentration=" + interestConcentration + " must be > 0 and finite");
        }
        positive("testEventsPerUser", testEventsPerUser);
        if (minLength < testEventsPerUser + 2) {
            throw new IllegalArgumentException("minLength=" + minLength + " must be >= testEventsPerUser + 2 = "
                    + (testEventsPerUser + 2) + " (one training and one validation event per user)");
        }
        if (maxLength < minLength || maxLength > numItems) {
            throw new IllegalArgumentException("maxLength=" + maxLength + " must be in [minLength=" + minLength
                    + ", numItems=" + numItems + "] (users never repeat an item)");
        }
        if (!(meanLength >= minLength && meanLength <= maxLength)) {
            throw new IllegalArgumentException("meanLength=" + meanLength + " must be in [minLength=" + minLength
                    + ", maxLength=" + maxLength + "]");
        }
        atLeastZero("activitySigma", activitySigma);
        probability("transitionProb", transitionProb);
        if (successorsPerItem < 1 || successorsPerItem > numItems - 1) {
            throw new IllegalArgumentException("successorsPerItem=" + successorsPerItem + " must be in [1, numItems - 1 = "
                    + (numItems - 1) + "]");
        }
        probability("successorSameCategory", successorSameCategory);
        probability("driftShare", driftShare);
        if (numCategories < 2 && driftShare > 0) {
            throw new IllegalArgumentException("driftShare=" + driftShare + " must be 0 when numCategories=" + numCategories
                    + " (no other category to drift to)");
        }
        probability("driftStrength", driftStrength);
        probability("popularityShift", popularityShift);
        if (!(noiseRatio >= 0 && noiseRatio < 1)) {
            throw new IllegalArgumentException("noiseRatio=" + noiseRatio + " must be in [0, 1)");
        }
        if (trainPeriodSeconds < 10L * maxLength) {
            throw new IllegalArgumentException("trainPeriodSeconds=" + trainPeriodSeconds + " must be >= 10 * maxLength = "
                    + 10L * maxLength);
        }
        if (testPeriodSeconds < 2L * testEventsPerUser) {
            throw new IllegalArgumentException("testPeriodSeconds=" + testPeriodSeconds + " must be >= 2 * testEventsPerUser = "
                    + 2L * testEventsPerUser);
        }
        if (startTimestamp < 0 || startTimestamp > Long.MAX_VALUE / 4 - trainPeriodSeconds - testPeriodSeconds) {
            throw new IllegalArgumentException("startTimestamp=" + startTimestamp + " must be >= 0 and leave room for both periods");
        }
    }

    /**
     * The default world: 3000 users, 1000 items, 10 categories, about 25 events per user (about 75k events),
     * one test-period event per user, 30% of users drifting, 30% popularity reshuffle, 5% training noise.
     */
    public static WorldConfig defaults() {
        return new WorldConfig(42L, 3000, 1000, 10, 0.5, 1.0, 1.0, 25.0, 1.2, 5, 500, 0.4, 3, 0.8, 1,
                0.3, 0.7, 0.3, 0.05, DEFAULT_START, 180 * DAY, 30 * DAY);
    }

    /**
     * The full-size world: 100k users, 20k items, 50 categories, about 40 events per user (about 4M events),
     * otherwise the defaults' shift and noise settings.
     */
    public static WorldConfig full() {
        return defaults().toBuilder().numUsers(100_000).numItems(20_000).numCategories(50)
                .meanLength(40.0).maxLength(1000).build();
    }

    /** Whether the generated world contains any test-period shift (interest or popularity drift). */
    public boolean hasShift() {
        return (driftShare > 0 && driftStrength > 0) || popularityShift > 0;
    }

    /** First epoch second of the test period. */
    public long cutTimestamp() {
        return startTimestamp + trainPeriodSeconds;
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + "=" + value + " must be >= 1");
        }
    }

    private static void atLeastZero(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be >= 0 and finite");
        }
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + "=" + value + " must be in [0, 1]");
        }
    }

    /** Mutable copy of a {@link WorldConfig}; {@link #build()} validates. */
    public static final class Builder {
        private long seed;
        private int numUsers;
        private int numItems;
        private int numCategories;
        private double categorySizeSkew;
        private double popularityExponent;
        private double interestConcentration;
        private double meanLength;
        private double activitySigma;
        private int minLength;
        private int maxLength;
        private double transitionProb;
        private int successorsPerItem;
        private double successorSameCategory;
        private int testEventsPerUser;
        private double driftShare;
        private double driftStrength;
        private double popularityShift;
        private double noiseRatio;
        private long startTimestamp;
        private long trainPeriodSeconds;
        private long testPeriodSeconds;

        private Builder(WorldConfig c) {
            seed = c.seed;
            numUsers = c.numUsers;
            numItems = c.numItems;
            numCategories = c.numCategories;
            categorySizeSkew = c.categorySizeSkew;
            popularityExponent = c.popularityExponent;
            interestConcentration = c.interestConcentration;
            meanLength = c.meanLength;
            activitySigma = c.activitySigma;
            minLength = c.minLength;
            maxLength = c.maxLength;
            transitionProb = c.transitionProb;
            successorsPerItem = c.successorsPerItem;
            successorSameCategory = c.successorSameCategory;
            testEventsPerUser = c.testEventsPerUser;
            driftShare = c.driftShare;
            driftStrength = c.driftStrength;
            popularityShift = c.popularityShift;
            noiseRatio = c.noiseRatio;
            startTimestamp = c.startTimestamp;
            trainPeriodSeconds = c.trainPeriodSeconds;
            testPeriodSeconds = c.testPeriodSeconds;
        }

        /** @see WorldConfig#seed() */
        public Builder seed(long v) { seed = v; return this; }
        /** @see WorldConfig#numUsers() */
        public Builder numUsers(int v) { numUsers = v; return this; }
        /** @see WorldConfig#numItems() */
        public Builder numItems(int v) { numItems = v; return this; }
        /** @see WorldConfig#numCategories() */
        public Builder numCategories(int v) { numCategories = v; return this; }
        /** @see WorldConfig#categorySizeSkew() */
        public Builder categorySizeSkew(double v) { categorySizeSkew = v; return this; }
        /** @see WorldConfig#popularityExponent() */
        public Builder popularityExponent(double v) { popularityExponent = v; return this; }
        /** @see WorldConfig#interestConcentration() */
        public Builder interestConcentration(double v) { interestConcentration = v; return this; }
        /** @see WorldConfig#meanLength() */
        public Builder meanLength(double v) { meanLength = v; return this; }
        /** @see WorldConfig#activitySigma() */
        public Builder activitySigma(double v) { activitySigma = v; return this; }
        /** @see WorldConfig#minLength() */
        public Builder minLength(int v) { minLength = v; return this; }
        /** @see WorldConfig#maxLength() */
        public Builder maxLength(int v) { maxLength = v; return this; }
        /** @see WorldConfig#transitionProb() */
        public Builder transitionProb(double v) { transitionProb = v; return this; }
        /** @see WorldConfig#successorsPerItem() */
        public Builder successorsPerItem(int v) { successorsPerItem = v; return this; }
        /** @see WorldConfig#successorSameCategory() */
        public Builder successorSameCategory(double v) { successorSameCategory = v; return this; }
        /** @see WorldConfig#testEventsPerUser() */
        public Builder testEventsPerUser(int v) { testEventsPerUser = v; return this; }
        /** @see WorldConfig#driftShare() */
        public Builder driftShare(double v) { driftShare = v; return this; }
        /** @see WorldConfig#driftStrength() */
        public Builder driftStrength(double v) { driftStrength = v; return this; }
        /** @see WorldConfig#popularityShift() */
        public Builder popularityShift(double v) { popularityShift = v; return this; }
        /** @see WorldConfig#noiseRatio() */
        public Builder noiseRatio(double v) { noiseRatio = v; return this; }
        /** @see WorldConfig#startTimestamp() */
        public Builder startTimestamp(long v) { startTimestamp = v; return this; }
        /** @see WorldConfig#trainPeriodSeconds() */
        public Builder trainPeriodSeconds(long v) { trainPeriodSeconds = v; return this; }
        /** @see WorldConfig#testPeriodSeconds() */
        public Builder testPeriodSeconds(long v) { testPeriodSeconds = v; return this; }

        /** A world without any test-period shift or noise (interest drift, popularity drift and noise all 0). */
        public Builder noShift() {
            driftShare = 0;
            popularityShift = 0;
            noiseRatio = 0;
            return this;
        }

        /** Validates and builds the configuration. */
        public WorldConfig build() {
            return new WorldConfig(seed, numUsers, numItems, numCategories, categorySizeSkew, popularityExponent,
                    interestConcentration, meanLength, activitySigma, minLength, maxLength, transitionProb,
                    successorsPerItem, successorSameCategory, testEventsPerUser, driftShare, driftStrength,
                    popularityShift, noiseRatio, startTimestamp, trainPeriodSeconds, testPeriodSeconds);
        }
    }
}
