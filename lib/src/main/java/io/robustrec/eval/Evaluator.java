package io.robustrec.eval;

import io.robustrec.model.Recommender;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Ranks each case's held-out target among its candidates and keeps the per-case ranks.
 *
 * <p><b>Rank.</b> r = 1 + the number of candidates scored <em>strictly</em> higher than the target. Ties are
 * therefore resolved in the target's favour (a model that scores everything equally gets r = 1); this is the
 * definition in DESIGN.md and the only one offered, so that numbers are comparable across the project.
 * A NaN score for the target or any candidate is an error (it means the model is broken), not a silent tie.
 *
 * <p><b>Candidates.</b> Under {@link Protocol#FULL} every item 1..numItems except the user's history items,
 * which are masked as RecBole does; the target is never masked, even when it also occurs in the history
 * (repeat consumption is real, and masking it would make the case unanswerable). Under
 * {@link Protocol#SAMPLED100}, 100 negatives drawn uniformly without replacement from the items that are
 * neither in the history nor the target (all of them when fewer exist). The negatives of a case depend only on
 * the configured seed, the case's user index and its target, so results do not depend on the batch size, on the
 * order of the cases, or on which other cases are evaluated.
 *
 * <p><b>Batching.</b> The model is asked for one {@link Recommender#scoreAll} per batch of
 * {@link EvalConfig#batchSize()} cases; ranks are computed from the scores copied once into a {@code float[]}.
 */
public final class Evaluator {

    private final EvalConfig config;

    /** An evaluator with the given settings. */
    public Evaluator(EvalConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An evaluator with {@link EvalConfig#defaults()}. */
    public Evaluator() {
        this(EvalConfig.defaults());
    }

    /** The settings. */
    public EvalConfig config() {
        return config;
    }

    /**
     * Evaluates a model on the given cases.
     *
     * @param model the recommender to score with
     * @param cases held-out cases; every history item and target must lie in 1..model.numItems()
     * @return per-case ranks plus the metadata needed to report them
     * @throws IllegalArgumentException naming the case when an item id is out of range
     * @throws IllegalStateException    when the model returns scores of the wrong shape or NaN scores
     */
    public EvalResult evaluate(Recommender model, List<EvalCase> cases) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cases, "cases");
        int numItems = model.numItems();
        if (numItems < 1) {
            throw new IllegalArgumentException("model " + model.name() + ": numItems()=" + numItems + " must be >= 1");
        }
        validate(cases, numItems);

        int n = cases.size();
        int[] users = new int[n];
        int[] targets = new int[n];
        int[] ranks = new int[n];
        int[] candidates = new int[n];
        // stamp[item] == generation marks "excluded for the current case" without clearing an array per case
        int[] stamp = new int[numItems + 1];
        int generation = 0;
        int[] scratch = new int[numItems];
        int width = numItems + 1;

        for (int start = 0; start < n; start += config.batchSize()) {
            int end = Math.min(n, start + config.batchSize());
            List<int[]> histories = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                histories.add(cases.get(i).history());
            }
            float[] scores = toFloats(model, model.scoreAll(histories), end - start, width);
            for (int i = start; i < end; i++) {
                EvalCase c = cases.get(i);
                int offset = (i - start) * width;
                users[i] = c.userIndex();
                targets[i] = c.target();
                long rankAndCount = config.protocol() == Protocol.FULL
                        ? rankFull(scores, offset, numItems, c, stamp, ++generation)
                        : rankSampled(scores, offset, numItems, c, stamp, ++generation, scratch);
                if (rankAndCount < 0) {
                    throw new IllegalStateException("model " + model.name() + " returned NaN scores for case " + i
                            + " (user " + c.userIndex() + ", target " + c.target() + ")");
                }
                ranks[i] = (int) (rankAndCount >>> 32);
                candidates[i] = (int) rankAndCount;
            }
        }
        return EvalResult.of(model.name(), config.protocol(), config.cutoffs(), users, targets, ranks, candidates);
    }

    private static void validate(List<EvalCase> cases, int numItems) {
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = Objects.requireNonNull(cases.get(i), "cases[" + i + "]");
            if (c.target() > numItems) {
                throw new IllegalArgumentException("case " + i + " (user " + c.userIndex() + "): target=" + c.target()
                        + " outside 1.." + numItems);
            }
            for (int item : c.history()) {
                if (item < 1 || item > numItems) {
                    throw new IllegalArgumentException("case " + i + " (user " + c.userIndex() + "): history item "
                            + item + " outside 1.." + numItems);
                }
            }
        }
    }

    /** Copies the scores into a row-major float[] after checking their shape. */
    private static float[] toFloats(Recommender model, INDArray scores, int rows, int width) {
        Objects.requireNonNull(scores, "scores returned by " + model.name());
        long[] shape = scores.shape();
        if (shape.length != 2 || shape[0] != rows || shape[1] != width) {
            throw new IllegalStateException("model " + model.name() + " returned scores of shape "
                    + Arrays.toString(shape) + ", expected [" + rows + ", " + width + "]");
        }
        INDArray a = scores.dataType() == DataType.FLOAT ? scores : scores.castTo(DataType.FLOAT);
        // data() is the whole backing buffer: only read it directly when this array is all of it, in C order
        if (a.ordering() != 'c' || a.isView() || a.offset() != 0 || a.data().length() != a.length()) {
            a = a.dup('c');
        }
        return a.data().asFloat();
    }

    /**
     * Full-ranking rank of one case, packed as (rank << 32 | candidates), or -1 on NaN.
     * Counts over all items first, then removes masked history items: O(numItems + history length).
     */
    private static long rankFull(float[] s, int offset, int numItems, EvalCase c, int[] stamp, int gen) {
        int target = c.target();
        float t = s[offset + target];
        if (Float.isNaN(t)) {
            return -1;
        }
        int higher = 0;
        int nan = 0;
        int end = offset + numItems;
        for (int j = offset + 1; j <= end; j++) {
            float v = s[j];
            if (v > t) {
                higher++;
            } else if (v != v) {
                nan++;
            }
        }
        if (nan > 0) {
            return -1;
        }
        int masked = 0;
        for (int item : c.history()) {
            if (item != target && stamp[item] != gen) {
                stamp[item] = gen;
                masked++;
                if (s[offset + item] > t) {
                    higher--;
                }
            }
        }
        return pack(higher + 1, numItems - masked);
    }

    /** Sampled-protocol rank of one case, packed as (rank << 32 | candidates), or -1 on NaN. */
    private long rankSampled(float[] s, int offset, int numItems, EvalCase c, int[] stamp, int gen, int[] scratch) {
        float t = s[offset + c.target()];
        if (Float.isNaN(t)) {
            return -1;
        }
        int drawn = drawNegatives(c, numItems, stamp, gen, scratch);
        int higher = 0;
        for (int i = 0; i < drawn; i++) {
            float v = s[offset + scratch[i]];
            if (v > t) {
                higher++;
            } else if (v != v) {
                return -1;
            }
        }
        return pack(higher + 1, drawn + 1);
    }

    /**
     * Draws one case's negatives into {@code out[0..returned)}: uniform, without replacement, outside the
     * history and the target, seeded by (seed, user, target).
     */
    private int drawNegatives(EvalCase c, int numItems, int[] stamp, int gen, int[] out) {
        int excluded = 0;
        for (int item : c.history()) {
            if (stamp[item] != gen) {
                stamp[item] = gen;
                excluded++;
            }
        }
        if (stamp[c.target()] != gen) {
            stamp[c.target()] = gen;
            excluded++;
        }
        int wanted = Protocol.SAMPLED_NEGATIVES;
        SplittableRandom rng = new SplittableRandom(caseSeed(config.seed(), c.userIndex(), c.target()));
        if (numItems - excluded <= wanted || 2 * excluded > numItems) {
            // Few eligible items, or rejection would be slow: list them all, then a partial Fisher-Yates
            // shuffle picks a uniform subset.
            int m = 0;
            for (int j = 1; j <= numItems; j++) {
                if (stamp[j] != gen) {
                    out[m++] = j;
                }
            }
            int drawn = Math.min(wanted, m);
            if (m > wanted) {
                for (int i = 0; i < drawn; i++) {
                    int j = rng.nextInt(i, m);
                    int tmp = out[i];
                    out[i] = out[j];
                    out[j] = tmp;
                }
            }
            return drawn;
        }
        // Most items are eligible: rejection sampling, marking drawn items so none repeats.
        int drawn = 0;
        while (drawn < wanted) {
            int j = rng.nextInt(1, numItems + 1);
            if (stamp[j] != gen) {
                stamp[j] = gen;
                out[drawn++] = j;
            }
        }
        return drawn;
    }

    /**
     * The negatives this evaluator draws for one case under {@link Protocol#SAMPLED100}, in draw order
     * (the same routine {@link #evaluate} uses), so that the sampling can be inspected.
     *
     * @param c        the case
     * @param numItems number of items of the model it would be evaluated with
     */
    public int[] sampledNegatives(EvalCase c, int numItems) {
        Objects.requireNonNull(c, "c");
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
        validate(List.of(c), numItems);
        int[] out = new int[numItems];
        int drawn = drawNegatives(c, numItems, new int[numItems + 1], 1, out);
        return Arrays.copyOf(out, drawn);
    }

    private static long pack(int rank, int candidates) {
        return ((long) rank << 32) | (candidates & 0xffffffffL);
    }

    /** Seed of one case's negatives: a SplitMix64-style mix of the run seed, the user and the target. */
    static long caseSeed(long seed, int userIndex, int target) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + (((long) userIndex << 32) | (target & 0xffffffffL)));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
