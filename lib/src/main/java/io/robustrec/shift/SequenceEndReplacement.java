package io.robustrec.shift;

import io.robustrec.data.SplitData;
import io.robustrec.eval.EvalCase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Test-time perturbation of the input sequence: replaces the last {@code k} (or the first {@code k}) items of
 * every case's history, leaving every other position, the user and the target as they were.
 *
 * <ul>
 *   <li>{@link Mode#RANDOM}: each replaced position gets an item drawn uniformly from the real items other than
 *       the one it replaces and other than the target (so the change is real and does not leak the answer).</li>
 *   <li>{@link Mode#ADVERSARIAL}: an {@link ItemHarm} picks each replacement, greedily one position at a time,
 *       seeing the earlier replacements: for {@link Where#END} from the last position backwards, for
 *       {@link Where#START} from the first position forwards (the position nearest the prediction first).</li>
 * </ul>
 * A history shorter than {@code k} is replaced entirely; an empty one stays empty. Each case draws from its own
 * random stream split from the seed in case order, so results do not depend on batch boundaries.
 *
 * @param k     number of positions to replace, at least 0 (0 changes nothing)
 * @param where which end of the history
 * @param mode  random or adversarial
 * @param harm  the adversary, required for {@link Mode#ADVERSARIAL} and null for {@link Mode#RANDOM}
 */
public record SequenceEndReplacement(int k, Where where, Mode mode, ItemHarm harm) {

    /** Which end of the history is edited. */
    public enum Where {
        /** The most recent items. */
        END,
        /** The oldest items. */
        START
    }

    /** How replacement items are chosen. */
    public enum Mode {
        /** Uniformly random real items. */
        RANDOM,
        /** Items chosen by an {@link ItemHarm}. */
        ADVERSARIAL
    }

    public SequenceEndReplacement {
        if (k < 0) {
            throw new IllegalArgumentException("k=" + k + " must be >= 0");
        }
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.ADVERSARIAL && harm == null) {
            throw new IllegalArgumentException("mode=ADVERSARIAL needs an ItemHarm, got null");
        }
        if (mode == Mode.RANDOM && harm != null) {
            throw new IllegalArgumentException("mode=RANDOM takes no ItemHarm, got " + harm);
        }
    }

    /** Random replacement of {@code k} items at one end. */
    public static SequenceEndReplacement random(int k, Where where) {
        return new SequenceEndReplacement(k, where, Mode.RANDOM, null);
    }

    /** Adversarial replacement of {@code k} items at one end. */
    public static SequenceEndReplacement adversarial(int k, Where where, ItemHarm harm) {
        return new SequenceEndReplacement(k, where, Mode.ADVERSARIAL, harm);
    }

    /**
     * Edits the split's test cases.
     *
     * @return the edited test cases; {@link ReplacementResult#applyTo} puts them into a split
     */
    public ReplacementResult apply(SplitData split, long seed) {
        Objects.requireNonNull(split, "split");
        return apply(split.test(), split.numItems(), seed);
    }

    /**
     * Edits any list of cases.
     *
     * @param cases    the cases
     * @param numItems number of real items (ids 1..numItems), at least 2 for {@link Mode#RANDOM}
     * @param seed     seed of the random choices
     */
    public ReplacementResult apply(List<EvalCase> cases, int numItems, long seed) {
        Objects.requireNonNull(cases, "cases");
        if (mode == Mode.RANDOM && numItems < 3) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 3 for random replacement "
                    + "(an item other than the original and the target)");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<EvalCase> out = new ArrayList<>(cases.size());
        List<boolean[]> masks = new ArrayList<>(cases.size());
        long count = 0;
        for (EvalCase c : cases) {
            SplittableRandom rng = root.split();
            int[] history = c.history().clone();
            boolean[] mask = new boolean[history.length];
            int n = Math.min(k, history.length);
            for (int j = 0; j < n; j++) {
                int pos = where == Where.END ? history.length - 1 - j : j;
                int item;
                if (mode == Mode.RANDOM) {
                    item = randomOther(history[pos], c.target(), numItems, rng);
                } else {
                    item = harm.harmfulItem(new EvalCase(c.userIndex(), history.clone(), c.target()), pos, rng);
                    if (item < 1 || item > numItems) {
                        throw new IllegalStateException("ItemHarm returned item " + item + " outside 1.." + numItems);
                    }
                }
                history[pos] = item;
                mask[pos] = true;
                count++;
            }
            out.add(new EvalCase(c.userIndex(), history, c.target()));
            masks.add(mask);
        }
        return new ReplacementResult(out, masks, count);
    }

    private static int randomOther(int original, int target, int numItems, SplittableRandom rng) {
        while (true) {
            int item = 1 + rng.nextInt(numItems);
            if (item != original && item != target) {
                return item;
            }
        }
    }

    /** A short label for reports, e.g. "random END k=2". */
    public String label() {
        return mode.name().toLowerCase() + " " + where + " k=" + k;
    }
}
