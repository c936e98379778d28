package io.robustrec.robust.rsr;

import java.util.Arrays;

/**
 * The probability simplex Δ_K = {w ∈ ℝ^K : w ≥ 0, Σ w = 1} and the two ways the adversary's weights are moved along
 * it: the Euclidean projection (sort-based) and the exponentiated-gradient (mirror-ascent) step.
 */
public final class Simplex {

    private Simplex() {
    }

    /**
     * The Euclidean projection argmin_{w ∈ Δ} ||w − v||², by sorting: with u the entries of v in decreasing order,
     * ρ = max{j : u_j − (Σ_{i≤j} u_i − 1)/j > 0} and θ = (Σ_{i≤ρ} u_i − 1)/ρ, the projection is max(v − θ, 0).
     *
     * @param v any finite vector of length ≥ 1
     * @return a new array on the simplex
     */
    public static double[] project(double[] v) {
        checkFinite("v", v);
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double theta = 0;
        for (int j = 1; j <= u.length; j++) {
            double uj = u[u.length - j];
            cumulative += uj;
            double t = (cumulative - 1) / j;
            if (uj - t > 0) {
                theta = t;
            }
        }
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = Math.max(v[i] - theta, 0);
        }
        return w;
    }

    /** Projected gradient ascent: Π_Δ(w + η g). */
    public static double[] euclideanAscent(double[] w, double[] g, double eta) {
        checkStep(w, g, eta);
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            v[i] = w[i] + eta * g[i];
        }
        return project(v);
    }

    /**
     * Exponentiated-gradient ascent (mirror ascent with the entropy): w_k ∝ w_k · exp(η g_k). Stays strictly inside
     * the simplex when w does, so no cluster is ever switched off for good; computed in log space (shifted by the
     * largest exponent) so large η·g cannot overflow.
     */
    public static double[] exponentiatedAscent(double[] w, double[] g, double eta) {
        checkStep(w, g, eta);
        double[] logs = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            logs[i] = w[i] > 0 ? Math.log(w[i]) + eta * g[i] : Double.NEGATIVE_INFINITY;
            max = Math.max(max, logs[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("w has no positive entry: " + Arrays.toString(w));
        }
        double sum = 0;
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.exp(logs[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < w.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** The uniform point 1/K. */
    public static double[] uniform(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k=" + k + " must be >= 1");
        }
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }

    private static void checkStep(double[] w, double[] g, double eta) {
        if (w.length != g.length) {
            throw new IllegalArgumentException("w has length " + w.length + " but g has length " + g.length);
        }
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta=" + eta + " must be finite and >= 0");
        }
        checkFinite("w", w);
        checkFinite("g", g);
    }

    private static void checkFinite(String name, double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "]=" + v[i] + " is not finite");
            }
        }
    }
}
