package io.robustrec.robust.tp;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The inner loop of Reptile (Nichol, Achiam and Schulman 2018, first-order meta-learning), independent of any model:
 * <pre>
 *   Θ ← θ
 *   for i in 0..k−1:  θ ← θ − α · g_i(θ)          (g_i: the gradient of inner task i at the current θ)
 *   return Δ = Θ − θ, and reset θ ← Θ
 * </pre>
 * The batched form ({@link #meanDisplacement}) runs M such chains from the same Θ and averages their Δ.
 * The caller turns Δ into the outer step: with plain SGD of rate β, θ ← Θ − β Δ (interpolation toward the adapted
 * weights); with Adam, Δ is fed as the gradient (the TP paper's choice).
 */
public final class Reptile {

    private Reptile() {
    }

    /**
     * Runs k inner SGD steps on the live parameter arrays and restores them.
     *
     * @param parameters live arrays, updated in place during the loop and restored to their entry values on return
     * @param k          number of inner steps, >= 1
     * @param alpha      inner SGD rate, > 0
     * @param gradientAt {@code gradientAt.apply(i)} returns task i's gradients at the current parameter values
     *                   (parameters without a gradient stay put in that step); the arrays may be consumed
     * @return Δ = Θ − θ_k per parameter (zero for parameters no step touched)
     */
    public static Map<String, INDArray> displacement(Map<String, INDArray> parameters, int k, double alpha,
                                                     IntFunction<Map<String, INDArray>> gradientAt) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(gradientAt, "gradientAt");
        if (k < 1) {
            throw new IllegalArgumentException("k=" + k + " must be >= 1");
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha=" + alpha + " must be > 0");
        }
        Map<String, INDArray> start = new LinkedHashMap<>();
        parameters.forEach((name, p) -> start.put(name, p.dup()));
        for (int i = 0; i < k; i++) {
            Map<String, INDArray> g = gradientAt.apply(i);
            for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
                INDArray gi = g.get(e.getKey());
                if (gi != null) {
                    e.getValue().subi(gi.mul(alpha));
                }
            }
        }
        Map<String, INDArray> delta = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray theta0 = start.get(e.getKey());
            delta.put(e.getKey(), theta0.sub(e.getValue()));
            e.getValue().assign(theta0);
        }
        return delta;
    }

    /** Gradients of task {@code step} of chain {@code chain} at the current parameter values. */
    @FunctionalInterface
    public interface ChainGradients {
        Map<String, INDArray> at(int chain, int step);
    }

    /**
     * Reptile's batched form: M independent chains, each run by {@link #displacement} from the same Θ, and the mean
     * of their displacements, Δ = (1/M) Σ_m (Θ − θ_m). With one chain it is {@link #displacement}.
     *
     * @param parameters   live arrays, restored to their entry values on return
     * @param chains       M, >= 1
     * @param stepsOfChain number of inner steps of each chain (each >= 1)
     * @param alpha        inner SGD rate, > 0
     * @param gradients    task gradients per (chain, step) at the current parameter values
     * @return the mean displacement per parameter
     */
    public static Map<String, INDArray> meanDisplacement(Map<String, INDArray> parameters, int chains,
                                                         IntUnaryOperator stepsOfChain, double alpha,
                                                         ChainGradients gradients) {
        Objects.requireNonNull(stepsOfChain, "stepsOfChain");
        Objects.requireNonNull(gradients, "gradients");
        if (chains < 1) {
            throw new IllegalArgumentException("chains=" + chains + " must be >= 1");
        }
        Map<String, INDArray> sum = null;
        for (int m = 0; m < chains; m++) {
            int chain = m;
            Map<String, INDArray> delta = displacement(parameters, stepsOfChain.applyAsInt(m), alpha,
                    i -> gradients.at(chain, i));
            if (sum == null) {
                sum = delta;
            } else {
                for (Map.Entry<String, INDArray> e : delta.entrySet()) {
                    sum.get(e.getKey()).addi(e.getValue());
                }
            }
        }
        if (chains > 1) {
            for (INDArray d : sum.values()) {
                d.divi(chains);
            }
        }
        return sum;
    }
}
