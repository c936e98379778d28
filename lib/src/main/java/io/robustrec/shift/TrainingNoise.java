package io.robustrec.shift;

import io.robustrec.data.SplitData;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training noise: replaces a share of the items in the training sequences with uniformly random real items,
 * as a stand-in for misclicks and logging errors.
 *
 * <p>Exactly {@code round(ratio * positions)} positions, chosen uniformly without replacement over all training
 * positions, get an item drawn uniformly from {@code 1..numItems} other than the one it replaces (so every chosen
 * position really changes; with a single item nothing can change and the count is 0). Validation and test cases,
 * histories included, are left as they are: the noise corrupts what the model learns from, not what it is
 * asked about.
 *
 * @param ratio share of training positions to replace, in [0, 1]
 */
public record TrainingNoise(double ratio) {
    public TrainingNoise {
        TrainPositions.checkRatio("ratio", ratio);
    }

    /**
     * Applies the noise.
     *
     * @param split the clean split
     * @param seed  seed of the position and item choices
     * @return the noisy split and the mask of replaced positions
     */
    public TrainShiftResult apply(SplitData split, long seed) {
        Objects.requireNonNull(split, "split");
        SplittableRandom rng = new SplittableRandom(seed);
        int numItems = split.numItems();
        List<boolean[]> masks = TrainPositions.choose(split.train(), ratio, rng);
        List<int[]> train = new ArrayList<>(split.train().size());
        long replaced = 0;
        for (int s = 0; s < masks.size(); s++) {
            int[] seq = split.train().get(s).clone();
            boolean[] mask = masks.get(s);
            for (int i = 0; i < seq.length; i++) {
                if (!mask[i]) {
                    continue;
                }
                if (numItems < 2) {
                    mask[i] = false;
                    continue;
                }
                // Uniform over the other numItems - 1 items.
                int item = 1 + rng.nextInt(numItems - 1);
                seq[i] = item >= seq[i] ? item + 1 : item;
                replaced++;
            }
            train.add(seq);
        }
        long positions = TrainPositions.total(split.train());
        String description = split.description() + "; training noise ratio=" + ratio + " (" + replaced + " of "
                + positions + " positions replaced, seed=" + seed + ")";
        SplitData noisy = new SplitData(split.dataset(), train, split.trainUsers(), split.validation(), split.test(),
                description);
        return new TrainShiftResult(noisy, masks, replaced, positions);
    }
}
