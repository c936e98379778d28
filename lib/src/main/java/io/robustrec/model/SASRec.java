package io.robustrec.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SASRec: self-attentive sequential recommendation.
 *
 * <p>Kang, W.-C., McAuley, J. "Self-Attentive Sequential Recommendation", ICDM 2018.
 *
 * <pre>
 *   x⁰ = dropout(E[s]·√d + P) ⊙ m
 *   for each block b:  q = LN(x);  a = MHA(q, x, x) with causal and key-padding masks
 *                      x = LN(q + a);  x = (x + FFN(x)) ⊙ m,  FFN(x) = dropout(W₂ dropout(ReLU(W₁x + b₁)) + b₂)
 *   h = LN(x)
 * </pre>
 * Position t attends only to positions ≤ t that hold a real item, so the hidden state at t summarises the
 * prefix up to t. Unlike the reference code, the attention weights themselves get no dropout (see {@code encode}). The attention output has its own projection (as PyTorch's multi-head attention in the
 * reference implementation does).
 */
public final class SASRec implements Backbone {

    @Override
    public String name() {
        return "sasrec";
    }

    @Override
    public SDVariable encode(GraphBuilder g, SDVariable embedded, SDVariable mask) {
        SameDiff sd = g.sd();
        BackboneConfig c = g.config();
        int l = c.maxLength();
        int d = c.dim();
        int h = c.heads();
        int dk = d / h;
        SDVariable positions = g.normal("sasrec_positions", 0.02, l, d);
        // the padding mask spread over d (an element-wise multiply; see GraphBuilder.layerNorm for why)
        SDVariable mask3 = sd.reshape(g.spreadColumn(sd.reshape(mask, -1, 1), d), -1, l, d);
        SDVariable x = g.dropout(embedded.mul(Math.sqrt(d)).add(positions), (long) l * d).mul(mask3);

        // additive attention bias: -1e9 for future positions and for padded keys
        float[] causal = new float[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = i + 1; j < l; j++) {
                causal[i * l + j] = -1e9f;
            }
        }
        SDVariable causalBias = sd.constant("sasrec_causal", Nd4j.create(causal, new long[]{1, 1, l, l}, 'c'));
        SDVariable keyBias = sd.reshape(mask.sub(1.0).mul(1e9), -1, 1, 1, l);
        SDVariable bias = causalBias.add(keyBias);

        for (int b = 0; b < c.blocks(); b++) {
            String p = "sasrec_block" + b;
            SDVariable x2 = sd.reshape(x, -1, d);
            SDVariable q2 = g.layerNorm(p + "_attn", x2);
            SDVariable qh = heads(sd, dense(g, p + "_q", q2, d), l, h, dk);
            SDVariable kh = heads(sd, dense(g, p + "_k", x2, d), l, h, dk);
            SDVariable vh = heads(sd, dense(g, p + "_v", x2, d), l, h, dk);
            SDVariable scores = sd.mmul(qh, kh, false, true, false).mul(1.0 / Math.sqrt(dk)).add(bias);
            // no dropout on the attention weights: its mask has B·heads·L² elements, which at L = 200 cost more
            // than the rest of the step; dropout stays on the embeddings and both feed-forward layers
            SDVariable attention = sd.nn.softmax(scores, 3);
            SDVariable context = sd.reshape(sd.permute(sd.mmul(attention, vh), 0, 2, 1, 3), -1, d);
            SDVariable attended = dense(g, p + "_o", context, d);
            SDVariable y = g.layerNorm(p + "_ffn", q2.add(attended));
            SDVariable inner = g.dropout(sd.nn.relu(dense(g, p + "_ffn1", y, d), 0), (long) l * d);
            SDVariable ffn = g.dropout(dense(g, p + "_ffn2", inner, d), (long) l * d);
            x = sd.reshape(y.add(ffn), -1, l, d).mul(mask3);
        }
        SDVariable out = g.layerNorm("sasrec_final", sd.reshape(x, -1, d));
        return sd.reshape(out, -1, l, d);
    }

    private static SDVariable dense(GraphBuilder g, String name, SDVariable x, int d) {
        SDVariable w = g.xavier(name + "_w", d, d, d, d);
        SDVariable b = g.constantWeight(name + "_b", 0f, d);
        return g.sd().mmul(x, w).add(b);
    }

    /** [B·L, d] → [B, heads, L, dk]. */
    private static SDVariable heads(SameDiff sd, SDVariable x, int l, int h, int dk) {
        return sd.permute(sd.reshape(x, -1, l, h, dk), 0, 2, 1, 3);
    }

    static DataType dtype() {
        return DataType.FLOAT;
    }
}
