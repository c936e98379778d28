package io.robustrec.robust.rsr;

import java.util.Locale;

/** How the adversary's cluster weights ascend and return to the simplex. */
public enum WeightStep {
    /** w ∝ w · exp(η g): the group-DRO choice (Sagawa et al., ICLR 2020); the default. */
    EXPONENTIATED,
    /** w ← Π_Δ(w + η g), the sort-based Euclidean projection; can set weights to exactly 0. */
    EUCLIDEAN;

    /** One ascent step on gradient g with step size eta. */
    public double[] ascend(double[] w, double[] g, double eta) {
        return this == EXPONENTIATED ? Simplex.exponentiatedAscent(w, g, eta) : Simplex.euclideanAscent(w, g, eta);
    }

    /** Parses {@code exponentiated|eg|euclidean|projection}. */
    public static WeightStep parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "exponentiated": case "eg": return EXPONENTIATED;
            case "euclidean": case "projection": return EUCLIDEAN;
            default: throw new IllegalArgumentException("projection=" + s + " is not one of exponentiated, euclidean");
        }
    }
}
