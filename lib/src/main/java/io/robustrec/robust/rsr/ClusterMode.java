package io.robustrec.robust.rsr;

import java.util.Locale;

/** Hard (k-means, refreshed) or soft (learned centres) clusters of training sequences. */
public enum ClusterMode {
    HARD, SOFT;

    /** Parses {@code hard|soft}. */
    public static ClusterMode parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "hard": return HARD;
            case "soft": return SOFT;
            default: throw new IllegalArgumentException("mode=" + s + " is not one of hard, soft");
        }
    }
}
