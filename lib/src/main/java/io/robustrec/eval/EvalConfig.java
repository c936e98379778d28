package io.robustrec.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of an {@link Evaluator}.
 *
 * @param protocol  which candidates the target is ranked against
 * @param cutoffs   the K values reported by tables and JSON (any K can still be asked of an {@link EvalResult});
 *                  strictly increasing, each at least 1
 * @param batchSize number of cases scored per {@link io.robustrec.model.Recommender#scoreAll} call, at least 1
 * @param seed      seed of the sampled negatives (only used by {@link Protocol#SAMPLED100})
 */
public record EvalConfig(Protocol protocol, int[] cutoffs, int batchSize, long seed) {

    /** Cutoffs used when none are given: 5, 10 and 20. */
    public static final int[] DEFAULT_CUTOFFS = {5, 10, 20};
    /** Scoring batch size used when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    public EvalConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cutoffs, "cutoffs");
        cutoffs = cutoffs.clone();
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("cutoffs=[] must contain at least one K");
        }
        for (int i = 0; i < cutoffs.length; i++) {
            if (cutoffs[i] < 1 || (i > 0 && cutoffs[i] <= cutoffs[i - 1])) {
                throw new IllegalArgumentException("cutoffs=" + Arrays.toString(cutoffs)
                        + " must be strictly increasing values >= 1");
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be >= 1");
        }
    }

    /** Full ranking, K in {5, 10, 20}, batch size 128, seed 42. */
    public static EvalConfig defaults() {
        return new EvalConfig(Protocol.FULL, DEFAULT_CUTOFFS, DEFAULT_BATCH_SIZE, DEFAULT_SEED);
    }

    /** The defaults with another protocol. */
    public static EvalConfig of(Protocol protocol) {
        return defaults().withProtocol(protocol);
    }

    @Override
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    /** A copy with another protocol. */
    public EvalConfig withProtocol(Protocol p) {
        return new EvalConfig(p, cutoffs, batchSize, seed);
    }

    /** A copy with other cutoffs. */
    public EvalConfig withCutoffs(int... ks) {
        return new EvalConfig(protocol, ks, batchSize, seed);
    }

    /** A copy with another batch size. */
    public EvalConfig withBatchSize(int b) {
        return new EvalConfig(protocol, cutoffs, b, seed);
    }

    /** A copy with another seed. */
    public EvalConfig withSeed(long s) {
        return new EvalConfig(protocol, cutoffs, batchSize, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvalConfig c && protocol == c.protocol && Arrays.equals(cutoffs, c.cutoffs)
                && batchSize == c.batchSize && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, Arrays.hashCode(cutoffs), batchSize, seed);
    }

    @Override
    public String toString() {
        return "EvalConfig[protocol=" + protocol + ", cutoffs=" + Arrays.toString(cutoffs)
                + ", batchSize=" + batchSize + ", seed=" + seed + "]";
    }
}
