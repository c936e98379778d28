package io.robustrec.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Draws item ids uniformly from {@code 1..numItems} outside a set of excluded items (a user's history), from a
 * seeded generator. Rejection sampling, with a fall-back to enumerating the allowed items when the excluded set
 * covers most of the catalogue (so a heavy user never loops for long).
 */
public final class NegativeSampler {

    private static final int MAX_REJECTIONS = 64;

    private final int numItems;
    private final SplittableRandom rng;

    /**
     * @param numItems number of items (ids 1..numItems)
     * @param seed     seed of the draws
     */
    public NegativeSampler(int numItems, long seed) {
        this(numItems, new SplittableRandom(seed));
    }

    /**
     * @param numItems number of items (ids 1..numItems)
     * @param rng      the generator to draw from (advanced by every draw)
     */
    public NegativeSampler(int numItems, SplittableRandom rng) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
        this.numItems = numItems;
        this.rng = java.util.Objects.requireNonNull(rng, "rng");
    }

    /** Number of items drawn from. */
    public int numItems() {
        return numItems;
    }

    /**
     * One item not in {@code excluded}.
     *
     * @throws IllegalStateException when every item is excluded
     */
    public int sample(IntPredicate excluded) {
        for (int k = 0; k < MAX_REJECTIONS; k++) {
            int item = 1 + rng.nextInt(numItems);
            if (!excluded.test(item)) {
                return item;
            }
        }
        int[] allowed = allowed(excluded);
        if (allowed.length == 0) {
            throw new IllegalStateException("no negative item available: all " + numItems + " items are excluded");
        }
        return allowed[rng.nextInt(allowed.length)];
    }

    /** One item not in {@code history} (any order, repeats allowed). */
    public int sample(int[] history) {
        return sample(excluding(history));
    }

    /** One item whose bit is not set in {@code excluded}. */
    public int sample(BitSet excluded) {
        return sample(excluded::get);
    }

    /**
     * {@code n} distinct items not in {@code excluded} (the sampled-ranking protocol's 100 negatives).
     *
     * @throws IllegalArgumentException when fewer than {@code n} items are allowed
     */
    public int[] sampleDistinct(int n, IntPredicate excluded) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n + " must be >= 0");
        }
        int[] out = new int[n];
        BitSet taken = new BitSet(numItems + 1);
        int filled = 0;
        int tries = 0;
        // rejection works while the request is small against the catalogue; otherwise enumerate and shuffle
        while (filled < n && tries < MAX_REJECTIONS * (n + 1)) {
            tries++;
            int item = 1 + rng.nextInt(numItems);
            if (!excluded.test(item) && !taken.get(item)) {
                taken.set(item);
                out[filled++] = item;
            }
        }
        if (filled < n) {
            int[] allowed = allowed(i -> excluded.test(i) || taken.get(i));
            int need = n - filled;
            if (allowed.length < need) {
                throw new IllegalArgumentException("n=" + n + " distinct negatives requested but only "
                        + (filled + allowed.length) + " of " + numItems + " items are not excluded");
            }
            for (int k = 0; k < need; k++) {
                int j = k + rng.nextInt(allowed.length - k);
                int t = allowed[k];
                allowed[k] = allowed[j];
                allowed[j] = t;
                out[filled++] = allowed[k];
            }
        }
        return out;
    }

    /** {@code n} distinct items not in {@code history}. */
    public int[] sampleDistinct(int n, int[] history) {
        return sampleDistinct(n, excluding(history));
    }

    /** A membership test for the items of {@code history} (copied and sorted once). */
    public static IntPredicate excluding(int[] history) {
        int[] sorted = history.clone();
        Arrays.sort(sorted);
        return item -> Arrays.binarySearch(sorted, item) >= 0;
    }

    private int[] allowed(IntPredicate excluded) {
        int[] tmp = new int[numItems];
        int c = 0;
        for (int item = 1; item <= numItems; item++) {
            if (!excluded.test(item)) {
                tmp[c++] = item;
            }
        }
        return Arrays.copyOf(tmp, c);
    }
}
