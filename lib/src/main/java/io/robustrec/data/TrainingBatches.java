package io.robustrec.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Cuts training sequences into padded batches (see {@link Batch} for the layout).
 *
 * <p>Samples: by default one per sequence (its last L+1 items are used; earlier items only count as history for
 * negative sampling). With {@link BatchConfig#allTargets()} every item after the first is a target once: under
 * {@link TargetMode#LAST_ITEM} one sample per prefix, under {@link TargetMode#ALL_POSITIONS} one per window of L
 * targets, cut from the end of the sequence (a window's first positions see only the items inside the window, as
 * in SASRec's own training rows). Sequences with fewer than 2 items give no sample (there is nothing to predict
 * from): {@link #skippedSequences()} counts them.
 *
 * <p>Reproducible: {@link #batches(int)} shuffles with a generator seeded from (seed, epoch) and draws each batch's
 * negatives from a generator seeded from (seed, epoch, batch index), so any batch can be rebuilt on its own and
 * the result does not depend on the order batches are read.
 */
public final class TrainingBatches {

    private final List<int[]> sequences;
    private final int[] userIndex;
    private final int numItems;
    private final BatchConfig config;
    private final int[] sampleSeq;
    private final int[] sampleEnd;
    private final int skipped;
    private final IntPredicate[] history;
    // samples are made sequence by sequence: those of sequence s are [firstSample[s], firstSample[s + 1])
    private final int[] firstSample;
    private final Map<Integer, Integer> sequenceOfUser = new HashMap<>();

    /**
     * @param sequences training sequences (dense ids, time order)
     * @param userIndex dataset user index of each sequence
     * @param numItems  number of items (negatives are drawn from 1..numItems)
     * @param config    batching settings
     */
    public TrainingBatches(List<int[]> sequences, List<Integer> userIndex, int numItems, BatchConfig config) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(userIndex, "userIndex");
        this.config = Objects.requireNonNull(config, "config");
        if (sequences.size() != userIndex.size()) {
            throw new IllegalArgumentException("sequences.size()=" + sequences.size() + " but userIndex.size()=" + userIndex.size());
        }
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems=" + numItems + " must be >= 1");
        }
        this.sequences = List.copyOf(sequences);
        this.userIndex = userIndex.stream().mapToInt(Integer::intValue).toArray();
        this.numItems = numItems;
        this.history = new IntPredicate[sequences.size()];
        List<int[]> samples = new ArrayList<>();
        this.firstSample = new int[sequences.size() + 1];
        int skip = 0;
        for (int s = 0; s < this.sequences.size(); s++) {
            firstSample[s] = samples.size();
            // -1 marks a user owning several sequences, which samplesOfUsers cannot resolve to one
            sequenceOfUser.merge(this.userIndex[s], s, (a, b) -> -1);
            int[] seq = this.sequences.get(s);
            for (int item : seq) {
                if (item < 1 || item > numItems) {
                    throw new IllegalArgumentException("sequence " + s + " (user " + this.userIndex[s] + "): item id "
                            + item + " outside 1.." + numItems);
                }
            }
            history[s] = NegativeSampler.excluding(seq);
            if (seq.length < 2) {
                skip++;
                continue;
            }
            if (config.allTargets() && config.mode() == TargetMode.LAST_ITEM) {
                for (int end = 2; end <= seq.length; end++) {
                    samples.add(new int[]{s, end});
                }
            } else if (config.allTargets()) {
                // windows of L targets from the end: targets seq[end-L .. end), the next window ends where this starts
                for (int end = seq.length; end >= 2; end -= config.maxLength()) {
                    samples.add(new int[]{s, end});
                }
            } else {
                samples.add(new int[]{s, seq.length});
            }
        }
        firstSample[sequences.size()] = samples.size();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no training sample: all " + sequences.size()
                    + " sequences have fewer than 2 items");
        }
        this.skipped = skip;
        this.sampleSeq = samples.stream().mapToInt(a -> a[0]).toArray();
        this.sampleEnd = samples.stream().mapToInt(a -> a[1]).toArray();
    }

    /** Batches over the training part of a split. */
    public static TrainingBatches of(SplitData split, BatchConfig config) {
        return new TrainingBatches(split.train(), split.trainUsers(), split.numItems(), config);
    }

    /**
     * All samples of the given users' sequences as one batch (in each user's order, newest window first), with
     * negatives drawn from a generator seeded by {@code seed}. Trainers whose tasks are users (TP) iterate users and
     * read each user's windows here.
     *
     * @param users dataset user indices, each the owner of one training sequence
     * @throws IllegalArgumentException if a user has no training sequence, no sample, or several sequences
     */
    public Batch samplesOfUsers(int[] users, long seed) {
        int total = 0;
        int[] sequenceOf = new int[users.length];
        for (int i = 0; i < users.length; i++) {
            Integer s = sequenceOfUser.get(users[i]);
            if (s != null && s < 0) {
                throw new IllegalArgumentException("user " + users[i] + " owns several training sequences; samplesOfUsers "
                        + "needs one sequence per user");
            }
            if (s == null || firstSample[s] == firstSample[s + 1]) {
                throw new IllegalArgumentException("user " + users[i] + " has no training sample (no sequence, or fewer than 2 items)");
            }
            sequenceOf[i] = s;
            total += firstSample[s + 1] - firstSample[s];
        }
        int[] chosen = new int[total];
        int at = 0;
        for (int s : sequenceOf) {
            for (int id = firstSample[s]; id < firstSample[s + 1]; id++) {
                chosen[at++] = id;
            }
        }
        return build(chosen, seed);
    }

    /** Number of samples per epoch. */
    public int numSamples() {
        return sampleSeq.length;
    }

    /** Number of batches per epoch. */
    public int numBatches() {
        return (sampleSeq.length + config.batchSize() - 1) / config.batchSize();
    }

    /** Sequences too short (fewer than 2 items) to give a sample. */
    public int skippedSequences() {
        return skipped;
    }

    /** The settings. */
    public BatchConfig config() {
        return config;
    }

    /**
     * The batches of one epoch, in a shuffled order determined by (seed, epoch). The list is lazy: each
     * {@code get(i)} builds batch i (deterministically), so an epoch never holds all batches in memory.
     */
    public List<Batch> batches(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch=" + epoch + " must be >= 0");
        }
        long epochSeed = mix(config.seed(), epoch);
        int[] order = new int[sampleSeq.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(epochSeed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nb = numBatches();
        return new AbstractList<>() {
            @Override
            public Batch get(int index) {
                Objects.checkIndex(index, nb);
                int from = index * config.batchSize();
                int to = Math.min(order.length, from + config.batchSize());
                return build(Arrays.copyOfRange(order, from, to), mix(epochSeed, index + 1L));
            }

            @Override
            public int size() {
                return nb;
            }
        };
    }

    private Batch build(int[] samples, long seed) {
        int b = samples.length;
        int len = config.maxLength();
        int[][] input = new int[b][len];
        int[][] pos = new int[b][len];
        int[][] neg = new int[b][len];
        int[] last = new int[b];
        int[] users = new int[b];
        NegativeSampler sampler = new NegativeSampler(numItems, seed);
        for (int k = 0; k < b; k++) {
            int s = sampleSeq[samples[k]];
            int end = sampleEnd[samples[k]];
            int[] seq = sequences.get(s);
            users[k] = userIndex[s];
            last[k] = seq[end - 1];
            // input = seq[0 .. end-1), keep its last len items, right-aligned
            int inLen = Math.min(len, end - 1);
            int inFrom = end - 1 - inLen;
            int offset = len - inLen;
            System.arraycopy(seq, inFrom, input[k], offset, inLen);
            if (config.mode() == TargetMode.ALL_POSITIONS) {
                System.arraycopy(seq, inFrom + 1, pos[k], offset, inLen);
                for (int t = offset; t < len; t++) {
                    neg[k][t] = sampler.sample(history[s]);
                }
            } else {
                pos[k][len - 1] = last[k];
                neg[k][len - 1] = sampler.sample(history[s]);
            }
        }
        return new Batch(input, pos, neg, last, users);
    }

    // splitmix64 finaliser: turns (seed, counter) into well-spread independent seeds
    static long mix(long seed, long counter) {
        long z = seed + (counter + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
