package io.robustrec.model;

import io.robustrec.model.nd4j.JavaGru;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

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
        SDVariable timeMajor = sd.permute(g.dropout(embedded, (long) l * d), 1, 0, 2); // [L, B, d]
        SDVariable zeroWeight = sd.constant("gru_h0_proj", org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, d, d));
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
        SDVariable batchMajor = sd.reshape(sd.permute(seq, 1, 0, 2), -1, d);
        SDVariable w = g.xavier("gru_out_w", d, d, d, d);
        SDVariable bias = g.constantWeight("gru_out_b", 0f, d);
        return sd.reshape(sd.mmul(batchMajor, w).add(bias), -1, l, d);
    }
}
