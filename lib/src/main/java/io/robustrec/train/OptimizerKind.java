package io.robustrec.train;

import java.util.Locale;

/** Which first-order method updates the parameters. */
public enum OptimizerKind {
    /** Adam (Kingma and Ba, 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD;

    /** Parses "adam" or "sgd" (case-insensitive). */
    public static OptimizerKind parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizer=" + s + " is not one of adam, sgd");
        }
    }
}
