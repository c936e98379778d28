package io.robustrec.robust.rsr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the RSR trainers ({@link RsrTrainer}). Start from {@link #hard()} or {@link #soft()} and change with the
 * {@code with...} methods; every value is checked and an error names the parameter and the bad value.
 *
 * <p>Paper search grids (Zhou et al., SIGIR 2023): lr_w, lr_f ∈ {1e-1 … 1e-5}; K ∈ {4, 8, 16, 32, 64, 128};
 * τ ∈ {0.01, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 100}; λ ∈ {1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05}.
 *
 * @param mode               hard (k-means) or soft (learned centres) clusters
 * @param clusters           K, the number of clusters (≥ 1; K = 1 is ERM)
 * @param lrWeights          lr_w, step size of the adversary's ascent on the cluster weights (≥ 0; 0 freezes them uniform)
 * @param lrCentres          lr_f, Adam step size of the soft centres μ (> 0; unused by hard clusters)
 * @param temperature        τ of q_ik = softmax_k(cos(h_i, μ_k)/τ) (> 0; soft only)
 * @param clusterLossWeight  λ, weight of the clustering loss (≥ 0; soft only)
 * @param refreshEvery       R, k-means is rerun on fresh representations every R epochs (≥ 1; hard only)
 * @param step               how the weights ascend and return to the simplex (exponentiated gradient by default)
 * @param centresAdversarial whether μ also receives the adversarial (ascent) gradient of the weighted loss (soft only)
 * @param kmeansIterations   Lloyd iterations of each k-means run (≥ 1; hard only)
 */
public record RsrConfig(ClusterMode mode, int clusters, double lrWeights, double lrCentres, double temperature,
                        double clusterLossWeight, int refreshEvery, WeightStep step, boolean centresAdversarial,
                        int kmeansIterations) {

    public RsrConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(step, "step");
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters=" + clusters + " must be >= 1");
        }
        if (!(lrWeights >= 0) || Double.isInfinite(lrWeights)) {
            throw new IllegalArgumentException("lrWeights=" + lrWeights + " must be finite and >= 0");
        }
        if (!(lrCentres > 0) || Double.isInfinite(lrCentres)) {
            throw new IllegalArgumentException("lrCentres=" + lrCentres + " must be finite and > 0");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature=" + temperature + " must be finite and > 0");
        }
        if (!(clusterLossWeight >= 0) || Double.isInfinite(clusterLossWeight)) {
            throw new IllegalArgumentException("clusterLossWeight=" + clusterLossWeight + " must be finite and >= 0");
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery=" + refreshEvery + " must be >= 1");
        }
        if (kmeansIterations < 1) {
            throw new IllegalArgumentException("kmeansIterations=" + kmeansIterations + " must be >= 1");
        }
    }

    /** Hard clusters: K = 8, lr_w = 0.01 (exponentiated gradient), k-means refreshed every epoch, 20 iterations. */
    public static RsrConfig hard() {
        return new RsrConfig(ClusterMode.HARD, 8, 0.01, 1e-3, 0.1, 0.01, 1, WeightStep.EXPONENTIATED, false, 20);
    }

    /** Soft clusters: K = 8, lr_w = 0.01, lr_f = 1e-3, τ = 0.1, λ = 0.01, centres not adversarial. */
    public static RsrConfig soft() {
        return hard().withMode(ClusterMode.SOFT);
    }

    /** The defaults of a mode. */
    public static RsrConfig defaults(ClusterMode mode) {
        return mode == ClusterMode.HARD ? hard() : soft();
    }

    public RsrConfig withMode(ClusterMode v) {
        return new RsrConfig(v, clusters, lrWeights, lrCentres, temperature, clusterLossWeight, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withClusters(int v) {
        return new RsrConfig(mode, v, lrWeights, lrCentres, temperature, clusterLossWeight, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withLrWeights(double v) {
        return new RsrConfig(mode, clusters, v, lrCentres, temperature, clusterLossWeight, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withLrCentres(double v) {
        return new RsrConfig(mode, clusters, lrWeights, v, temperature, clusterLossWeight, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withTemperature(double v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, v, clusterLossWeight, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withClusterLossWeight(double v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, temperature, v, refreshEvery, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withRefreshEvery(int v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, temperature, clusterLossWeight, v, step, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withStep(WeightStep v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, temperature, clusterLossWeight, refreshEvery, v, centresAdversarial, kmeansIterations);
    }

    public RsrConfig withCentresAdversarial(boolean v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, temperature, clusterLossWeight, refreshEvery, step, v, kmeansIterations);
    }

    public RsrConfig withKmeansIterations(int v) {
        return new RsrConfig(mode, clusters, lrWeights, lrCentres, temperature, clusterLossWeight, refreshEvery, step, centresAdversarial, v);
    }

    /** The settings that matter for this mode, for provenance and checkpoint fingerprints. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rsr.mode", mode.name().toLowerCase());
        m.put("rsr.clusters", Integer.toString(clusters));
        m.put("rsr.lrWeights", Double.toString(lrWeights));
        m.put("rsr.step", step.name().toLowerCase());
        if (mode == ClusterMode.HARD) {
            m.put("rsr.refreshEvery", Integer.toString(refreshEvery));
            m.put("rsr.kmeansIterations", Integer.toString(kmeansIterations));
        } else {
            m.put("rsr.lrCentres", Double.toString(lrCentres));
            m.put("rsr.temperature", Double.toString(temperature));
            m.put("rsr.clusterLossWeight", Double.toString(clusterLossWeight));
            m.put("rsr.centresAdversarial", Boolean.toString(centresAdversarial));
        }
        return m;
    }
}
