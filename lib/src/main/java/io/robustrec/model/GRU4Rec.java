package io.robustrec.model;

import io.robustrec.model.nd4j.JavaGru;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GRU4Rec: a recurrent network over the item sequence.
 *
 * <p>Hidasi, B., Karatzoglou, A., Baltrunas, L., Tikk, D. "Session-based Recommendations with Recurrent Neural
 * Networks", ICLR 2016 (in the form used by sequential-recommendation benchmarks such as RecBole: item
 * embedding, dropout, stacked GRU, dense projection back to the item-embedding space).
 *
 * <pre>
 *   x = dropout(E[s]);   h_t = GRU(x_t, h_{t-1})  (blocks layers);   out_t = W h_t + b
 * </pre>
 * The hidden size equals the embedding size d.
 */
public final class GRU4Rec implements Backbone {

    @Override
    public String name() {
        return "gru4rec";
    }

    @Override
    public SDVariable encode(GraphBuilder g, SDVariable embedded, SDVariable mask) {
        SameDiff sd = g.sd();
        int d = g.config().dim();
        int l = g.config().maxLength();
        SDVariable states = recurrence(g, g.dropout(embedded, (long) l * d)); // [L, B, d]
        SDVariable batchMajor = sd.reshape(sd.permute(states, 1, 0, 2), -1, d);
        return sd.reshape(project(g, batchMajor), -1, l, d);
    }

    /**
     * The same network, dropout off, with only the last step projected: ranking reads nothing else, and projecting
     * every step (plus reordering them batch-major) was about a twentieth of a ranking forward at L = 200.
     */
    @Override
    public SDVariable encodeLast(GraphBuilder g, SDVariable embedded, SDVariable mask, SDVariable hidden) {
        int l = g.config().maxLength();
        SDVariable states = recurrence(g, embedded);
        SDVariable last = states.get(SDIndex.interval(l - 1, l), SDIndex.all(), SDIndex.all());
        return project(g, g.sd().reshape(last, -1, g.config().dim()));
    }

    /** The stacked GRU over [B, L, d] inputs; returns every step's state of the top layer, time major [L, B, d]. */
    private static SDVariable recurrence(GraphBuilder g, SDVariable inputs) {
        SameDiff sd = g.sd();
        int d = g.config().dim();
        SDVariable timeMajor = sd.permute(inputs, 1, 0, 2); // [L, B, d]
        SDVariable zeroWeight = sd.hasVariable("gru_h0_proj") ? sd.getVariable("gru_h0_proj")
                : sd.constant("gru_h0_proj", Nd4j.zeros(DataType.FLOAT, d, d));
        SDVariable first = sd.reshape(timeMajor.get(SDIndex.interval(0, 1), SDIndex.all(), SDIndex.all()), -1, d);
        SDVariable h0 = sd.mmul(first, zeroWeight); // zeros [B, d] with the dynamic batch size
        SDVariable seq = timeMajor;
        for (int layer = 0; layer < g.config().blocks(); layer++) {
            String p = "gru" + layer;
            SDVariable wx = g.xavier(p + "_wx", d, 3L * d, d, 3L * d);
            SDVariable wh = g.xavier(p + "_wh", d, 3L * d, d, 3L * d);
            SDVariable b = g.constantWeight(p + "_b", 0f, 3L * d);
            seq = new JavaGru(sd, seq, h0, wx, wh, b).outputVariable(); // ND4J's gru, with a correct backward
        }
        return seq;
    }

    /** The output layer W h + b on rows of states [N, d]. */
    private static SDVariable project(GraphBuilder g, SDVariable rows) {
        int d = g.config().dim();
        SDVariable w = g.xavier("gru_out_w", d, d, d, d);
        SDVariable bias = g.constantWeight("gru_out_b", 0f, d);
        return g.sd().mmul(rows, w).add(bias);
    }
}
