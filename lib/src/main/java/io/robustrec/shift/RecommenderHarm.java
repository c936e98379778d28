package io.robustrec.shift;

import io.robustrec.eval.EvalCase;
import io.robustrec.model.Recommender;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A black-box adversary that queries a model: samples {@code candidates} distinct items uniformly (never the
 * item already at the position, never the target), scores one modified history per candidate in a single
 * {@link Recommender#scoreAll} batch, and returns the candidate under which the target ranks worst.
 *
 * <p>The rank is the full-ranking one: 1 + the number of items, other than the target and those in the modified
 * history (they are masked at evaluation), that score strictly higher than the target. Ties in rank go to the
 * lower target score, then to the earlier-sampled candidate. Searching a random subset (not all items) keeps
 * the cost at one batch of {@code candidates} histories per replaced position; the attack is greedy over
 * positions (see {@link SequenceEndReplacement} for the order).
 *
 * @param model      the model under attack
 * @param candidates number of candidate items tried per position, at least 1 (capped by the items available)
 */
public record RecommenderHarm(Recommender model, int candidates) implements ItemHarm {
    public RecommenderHarm {
        Objects.requireNonNull(model, "model");
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates=" + candidates + " must be >= 1");
        }
    }

    @Override
    public int harmfulItem(EvalCase current, int position, SplittableRandom rng) {
        int[] history = current.history();
        int target = current.target();
        int numItems = model.numItems();
        int original = history[position];
        int available = numItems - 1 - (original != target && original >= 1 && original <= numItems ? 1 : 0);
        int m = Math.min(candidates, available);
        if (m < 1) {
            throw new IllegalArgumentException("no candidate item: numItems=" + numItems + ", target=" + target);
        }
        Set<Integer> chosen = new HashSet<>();
        int[] cands = new int[m];
        for (int j = 0; j < m; ) {
            int c = 1 + rng.nextInt(numItems);
            if (c != original && c != target && chosen.add(c)) {
                cands[j++] = c;
            }
        }
        List<int[]> batch = new ArrayList<>(m);
        for (int c : cands) {
            int[] h = history.clone();
            h[position] = c;
            batch.add(h);
        }
        float[][] scores = model.scoreAll(batch).toFloatMatrix();
        int best = -1;
        int bestRank = -1;
        float bestScore = Float.POSITIVE_INFINITY;
        boolean[] masked = new boolean[numItems + 1];
        for (int j = 0; j < m; j++) {
            int[] h = batch.get(j);
            for (int item : h) {
                if (item >= 0 && item <= numItems) {
                    masked[item] = true;
                }
            }
            float[] row = scores[j];
            float t = row[target];
            int rank = 1;
            for (int i = 1; i <= numItems; i++) {
                if (i != target && !masked[i] && row[i] > t) {
                    rank++;
                }
            }
            for (int item : h) {
                if (item >= 0 && item <= numItems) {
                    masked[item] = false;
                }
            }
            if (rank > bestRank || (rank == bestRank && t < bestScore)) {
                best = j;
                bestRank = rank;
                bestScore = t;
            }
        }
        return cands[best];
    }
}
