package io.robustrec.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies gradients to parameters in place, with ND4J's fused updaters (one native op per parameter).
 * Optional L2 adds {@code l2 · θ} to each gradient before the update (coupled weight decay, as SASRec's code does
 * through its optimizer's weight decay). The state (Adam's moments) can be copied out and restored, so a
 * checkpoint resumes exactly.
 */
public final class Optimizer {

    private final OptimizerKind kind;
    private final double learningRate;
    private final double l2;
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private int iteration;

    /**
     * @param kind         the method
     * @param learningRate step size, > 0
     * @param l2           L2 coefficient, >= 0
     * @param parameters   the parameters it will update (names and shapes)
     */
    public Optimizer(OptimizerKind kind, double learningRate, double l2, Map<String, INDArray> parameters) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate=" + learningRate + " must be > 0");
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2=" + l2 + " must be >= 0");
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.l2 = l2;
        IUpdater config = kind == OptimizerKind.ADAM ? new Adam(learningRate, 0.9, 0.999, 1e-8) : new Sgd(learningRate);
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray p = e.getValue();
            long size = config.stateSize(p.length());
            INDArray view = size == 0 ? null : Nd4j.zeros(p.dataType(), 1, size);
            state.put(e.getKey(), view);
            GradientUpdater<?> u = config.instantiate(view, true);
            if (view != null) {
                u.setStateViewArray(view, p.shape(), p.ordering(), true);
            }
            updaters.put(e.getKey(), u);
        }
    }

    /** The method. */
    public OptimizerKind kind() {
        return kind;
    }

    /** The step size. */
    public double learningRate() {
        return learningRate;
    }

    /** Number of steps taken so far. */
    public int iteration() {
        return iteration;
    }

    /**
     * One step: {@code θ ← θ − update(g)} for every parameter that has a gradient. Gradients are consumed
     * (overwritten in place).
     */
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, int epoch) {
        for (Map.Entry<String, GradientUpdater<?>> e : updaters.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (g == null) {
                continue;
            }
            INDArray p = parameters.get(e.getKey());
            if (l2 > 0) {
                g.addi(p.mul(l2));
            }
            e.getValue().applyUpdater(g, iteration, epoch);
            p.subi(g);
        }
        iteration++;
    }

    /** Copies of the internal state arrays (for checkpoints); parameters without state are absent. */
    public Map<String, INDArray> copyState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v.dup());
            }
        });
        m.put("__iteration", Nd4j.scalar(DataType.LONG, iteration));
        return m;
    }

    /** Restores state copied with {@link #copyState()}. */
    public void restoreState(Map<String, INDArray> saved) {
        state.forEach((k, v) -> {
            if (v != null) {
                INDArray s = saved.get(k);
                if (s == null) {
                    throw new IllegalArgumentException("optimizer state for parameter " + k + " is missing");
                }
                v.assign(s);
            }
        });
        INDArray it = saved.get("__iteration");
        iteration = it == null ? 0 : it.getInt(0);
    }
}
