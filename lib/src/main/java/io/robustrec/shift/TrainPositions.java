package io.robustrec.shift;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/** Picks an exact number of positions, uniformly without replacement, across a list of sequences. */
final class TrainPositions {
    private TrainPositions() {
    }

    /** Total number of positions. */
    static long total(List<int[]> sequences) {
        long n = 0;
        for (int[] s : sequences) {
            n += s.length;
        }
        return n;
    }

    /**
     * Chooses {@code round(ratio * total)} positions uniformly without replacement.
     *
     * @return one mask per sequence, true where a position was chosen
     */
    static List<boolean[]> choose(List<int[]> sequences, double ratio, SplittableRandom rng) {
        long total = total(sequences);
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("total positions " + total + " exceed " + Integer.MAX_VALUE);
        }
        int n = (int) total;
        int k = (int) Math.round(ratio * n);
        // Rejection is fast while fewer than half are taken; otherwise draw the complement.
        boolean complement = k > n / 2;
        int draw = complement ? n - k : k;
        BitSet picked = new BitSet(n);
        for (int d = 0; d < draw; ) {
            int p = rng.nextInt(n);
            if (!picked.get(p)) {
                picked.set(p);
                d++;
            }
        }
        List<boolean[]> masks = new ArrayList<>(sequences.size());
        int at = 0;
        for (int[] s : sequences) {
            boolean[] m = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                m[i] = picked.get(at + i) != complement;
            }
            at += s.length;
            masks.add(m);
        }
        return masks;
    }

    static void checkRatio(String name, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException(name + "=" + ratio + " must be in [0, 1]");
        }
    }
}
