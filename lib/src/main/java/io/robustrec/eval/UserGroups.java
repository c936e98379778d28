package io.robustrec.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Groups evaluation cases by how active their user is.
 */
public final class UserGroups {

    /** Index of the "head" group in {@link #headTail}'s grouping. */
    public static final int HEAD = 0;
    /** Index of the "tail" group in {@link #headTail}'s grouping. */
    public static final int TAIL = 1;
    /** The usual head fraction: the most active 20% of users. */
    public static final double DEFAULT_HEAD_FRACTION = 0.2;

    private UserGroups() {
    }

    /**
     * Head (most active) versus tail users.
     *
     * <p>Cases are sorted by history length, longest first; let L be the length of the case at position
     * ceil(headFraction * n) in that order. A case is "head" when its history length is at least L, otherwise
     * "tail". <b>Ties:</b> all cases whose length equals L join the head, so two users with the same history
     * length always share a group; the head can therefore hold more than {@code headFraction} of the cases
     * (check {@link Grouping#counts()}), and when every length is equal every case is head.
     *
     * @param historyLengths history length of each case, in case order
     * @param headFraction   target share of head cases, in (0, 1)
     * @return a grouping named "user activity" with groups {"head", "tail"}
     */
    public static Grouping headTail(int[] historyLengths, double headFraction) {
        Objects.requireNonNull(historyLengths, "historyLengths");
        if (!(headFraction > 0 && headFraction < 1)) {
            throw new IllegalArgumentException("headFraction=" + headFraction + " must be in (0, 1)");
        }
        int n = historyLengths.length;
        int[] labels = new int[n];
        if (n > 0) {
            int[] sorted = historyLengths.clone();
            Arrays.sort(sorted);
            int headCount = Math.max(1, (int) Math.ceil(headFraction * n));
            int threshold = sorted[n - headCount];
            for (int i = 0; i < n; i++) {
                if (historyLengths[i] < 0) {
                    throw new IllegalArgumentException("historyLengths[" + i + "]=" + historyLengths[i] + " must be >= 0");
                }
                labels[i] = historyLengths[i] >= threshold ? HEAD : TAIL;
            }
        }
        return new Grouping("user activity", new String[]{"head", "tail"}, labels);
    }

    /** {@link #headTail(int[], double)} with the 20% head fraction. */
    public static Grouping headTail(int[] historyLengths) {
        return headTail(historyLengths, DEFAULT_HEAD_FRACTION);
    }

    /** History length of each case, in case order. */
    public static int[] historyLengths(List<EvalCase> cases) {
        Objects.requireNonNull(cases, "cases");
        int[] out = new int[cases.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cases.get(i).history().length;
        }
        return out;
    }
}
