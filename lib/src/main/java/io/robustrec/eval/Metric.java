package io.robustrec.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Ranking metrics of one held-out target, as functions of its rank {@code r} (1 = best) and a cutoff K.
 *
 * <p>Definitions (DESIGN.md, "Evaluation definitions"):
 * <ul>
 *   <li>HR@K = 1[r &le; K]</li>
 *   <li>NDCG@K = 1[r &le; K] / log2(r + 1) (one relevant item, so the ideal DCG is 1)</li>
 *   <li>MRR@K = 1[r &le; K] / r</li>
 *   <li>Recall@K = 1[r &le; K]: with exactly one relevant item per case, recall equals the hit ratio;
 *       it is kept under its own name because reports in the literature use both.</li>
 * </ul>
 */
public enum Metric {
    /** Hit ratio. */
    HR("HR"),
    /** Normalised discounted cumulative gain. */
    NDCG("NDCG"),
    /** Mean reciprocal rank, truncated at K. */
    MRR("MRR"),
    /** Recall; equal to HR because every case has one target. */
    RECALL("Recall");

    private static final double LN2 = Math.log(2.0);

    private final String displayName;

    Metric(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in reports and JSON keys ("HR", "NDCG", "MRR", "Recall"). */
    public String displayName() {
        return displayName;
    }

    /**
     * The metric value of one case.
     *
     * @param rank 1-based rank of the target
     * @param k    cutoff, at least 1
     */
    public double value(int rank, int k) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank=" + rank + " must be >= 1");
        }
        checkCutoff(k);
        if (rank > k) {
            return 0.0;
        }
        return switch (this) {
            case HR, RECALL -> 1.0;
            case NDCG -> LN2 / Math.log(rank + 1.0);
            case MRR -> 1.0 / rank;
        };
    }

    /**
     * Looks a metric up by name, ignoring case ("HR", "hr", "ndcg", "Recall", ...).
     *
     * @throws IllegalArgumentException naming the valid metrics when the name is unknown
     */
    public static Metric parse(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            for (Metric m : values()) {
                if (m.name().equals(upper)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("metric '" + name + "' is unknown; valid metrics: "
                + Arrays.stream(values()).map(Metric::displayName).collect(Collectors.joining(", ")));
    }

    static void checkCutoff(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k=" + k + " must be >= 1");
        }
    }
}
