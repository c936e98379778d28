package io.robustrec.shift;

import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SplitData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fake items: replaces a share of training positions with ids of items that never exist outside training, as
 * injected by a shilling attack or produced by bot traffic.
 *
 * <p>The pool holds {@code poolSize} new ids {@code numItems + 1 .. numItems + poolSize}; the returned split's
 * dataset lists them after the real items with raw ids {@code "fake:1" .. "fake:<poolSize>"}, so its
 * {@code numItems()} grows by {@code poolSize}: <b>a model trained on it needs an item table with
 * {@code numItems + poolSize + 1} rows</b> (row 0 is padding). Exactly {@code round(ratio * positions)}
 * training positions, chosen uniformly without replacement, get a fake id drawn uniformly from the pool. Fake
 * ids never appear in validation or test cases (targets or histories), nor in the dataset's user sequences,
 * which keep the real, clean data.
 *
 * @param ratio    share of training positions to replace, in [0, 1]
 * @param poolSize number of fake item ids, at least 1
 */
public record FakeItems(double ratio, int poolSize) {
    /** Default pool size. */
    public static final int DEFAULT_POOL = 1000;

    public FakeItems {
        TrainPositions.checkRatio("ratio", ratio);
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize=" + poolSize + " must be >= 1");
        }
    }

    /** Fake items with the default pool of 1000 ids. */
    public static FakeItems of(double ratio) {
        return new FakeItems(ratio, DEFAULT_POOL);
    }

    /**
     * Applies the replacement.
     *
     * @param split the clean split
     * @param seed  seed of the position and id choices
     * @return the split over the enlarged item set and the mask of replaced positions
     */
    public TrainShiftResult apply(SplitData split, long seed) {
        Objects.requireNonNull(split, "split");
        SplittableRandom rng = new SplittableRandom(seed);
        int numItems = split.numItems();
        if ((long) numItems + poolSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("poolSize=" + poolSize + " overflows the id range with numItems=" + numItems);
        }
        List<boolean[]> masks = TrainPositions.choose(split.train(), ratio, rng);
        List<int[]> train = new ArrayList<>(split.train().size());
        long replaced = 0;
        for (int s = 0; s < masks.size(); s++) {
            int[] seq = split.train().get(s).clone();
            boolean[] mask = masks.get(s);
            for (int i = 0; i < seq.length; i++) {
                if (mask[i]) {
                    seq[i] = numItems + 1 + rng.nextInt(poolSize);
                    replaced++;
                }
            }
            train.add(seq);
        }
        SequenceDataset dataset = split.dataset();
        Set<String> taken = new HashSet<>(dataset.rawItemIds());
        List<String> raw = new ArrayList<>(numItems + poolSize);
        raw.addAll(dataset.rawItemIds());
        for (int f = 1; f <= poolSize; f++) {
            String id = "fake:" + f;
            if (!taken.add(id)) {
                throw new IllegalArgumentException("dataset " + dataset.name() + " already has an item with raw id " + id);
            }
            raw.add(id);
        }
        SequenceDataset enlarged = new SequenceDataset(dataset.name() + "+fake" + poolSize, dataset.users(), raw);
        long positions = TrainPositions.total(split.train());
        String description = split.description() + "; fake items ratio=" + ratio + ", pool=" + poolSize + " (ids "
                + (numItems + 1) + ".." + (numItems + poolSize) + "; " + replaced + " of " + positions
                + " positions replaced, seed=" + seed + ")";
        SplitData faked = new SplitData(enlarged, train, split.trainUsers(), split.validation(), split.test(), description);
        return new TrainShiftResult(faked, masks, replaced, positions);
    }

    /** First fake id for a dataset with {@code numItems} real items. */
    public static int firstFakeId(int numItems) {
        return numItems + 1;
    }
}
