package io.robustrec.data;

/**
 * One training batch; B = number of samples, L = {@link BatchConfig#maxLength()}. Padding is 0 and on the left.
 *
 * <p>Under {@link TargetMode#ALL_POSITIONS} {@code positive[b][t]} is the item after {@code input[b][t]} and
 * {@code negative[b][t]} a sampled item outside the user's training history (both 0 where the input is padding).
 * Under {@link TargetMode#LAST_ITEM} only the last column is filled: {@code positive[b][L-1] = lastTarget[b]} and
 * {@code negative[b][L-1]} one sampled negative; the other columns are 0.
 *
 * @param input      [B][L] input item ids
 * @param positive   [B][L] next-item targets
 * @param negative   [B][L] sampled negatives
 * @param lastTarget [B] the target after the last input position
 * @param userIndex  [B] dataset user index of each sample
 */
public record Batch(int[][] input, int[][] positive, int[][] negative, int[] lastTarget, int[] userIndex) {

    /** Number of samples B. */
    public int size() {
        return lastTarget.length;
    }

    /** Window length L. */
    public int length() {
        return input.length == 0 ? 0 : input[0].length;
    }
}
