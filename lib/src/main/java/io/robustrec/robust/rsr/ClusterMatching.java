package io.robustrec.robust.rsr;

/**
 * Keeps cluster numbers stable across k-means refreshes, so each adversarial weight stays with its cluster.
 *
 * <p>k-means numbers its clusters arbitrarily: after a refresh, cluster 3 may hold what cluster 0 held before, while
 * the adversary's weight w_0 (grown because cluster 0 was hard) would silently move to other samples. Since every
 * refresh clusters the same training sequences, the new clusters are renumbered to agree with the old ones: pairs
 * (old, new) are matched greedily by the number of sequences they share, largest overlap first, and a new cluster
 * takes the number of the old cluster it is matched to.
 */
public final class ClusterMatching {

    private ClusterMatching() {
    }

    /**
     * Renumbers {@code next} to agree with {@code previous}.
     *
     * @param previous cluster of each sequence before the refresh, in 0..k-1
     * @param next     cluster of each sequence after the refresh, in 0..k-1 (same sequences, same order)
     * @param k        number of clusters
     * @return {@code next} with its clusters renumbered; a permutation of its labels
     */
    public static int[] relabel(int[] previous, int[] next, int k) {
        if (previous.length != next.length) {
            throw new IllegalArgumentException("previous has " + previous.length + " assignments but next has " + next.length);
        }
        long[][] overlap = new long[k][k];
        for (int i = 0; i < next.length; i++) {
            check("previous", previous[i], k, i);
            check("next", next[i], k, i);
            overlap[previous[i]][next[i]]++;
        }
        int[] newToOld = new int[k];
        java.util.Arrays.fill(newToOld, -1);
        boolean[] oldTaken = new boolean[k];
        for (int matched = 0; matched < k; matched++) {
            int bestOld = -1;
            int bestNew = -1;
            long best = -1;
            for (int o = 0; o < k; o++) {
                if (oldTaken[o]) {
                    continue;
                }
                for (int n = 0; n < k; n++) {
                    if (newToOld[n] < 0 && overlap[o][n] > best) { // ties: lowest old, then lowest new number
                        best = overlap[o][n];
                        bestOld = o;
                        bestNew = n;
                    }
                }
            }
            newToOld[bestNew] = bestOld;
            oldTaken[bestOld] = true;
        }
        int[] out = new int[next.length];
        for (int i = 0; i < next.length; i++) {
            out[i] = newToOld[next[i]];
        }
        return out;
    }

    private static void check(String what, int label, int k, int index) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException(what + "[" + index + "]=" + label + " is not a cluster in 0.." + (k - 1));
        }
    }
}
