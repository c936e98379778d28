package io.robustrec.model;

import io.robustrec.model.nd4j.JavaKernels;
import io.robustrec.model.nd4j.MaskedSoftmax;
import org.nd4j.autodiff.samediff.SDIndex;
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

    private final boolean javaAttention;

    /** SASRec with the attention weights computed by {@link MaskedSoftmax} where Java kernels run (the CPU backend). */
    public SASRec() {
        this(true);
    }

    private SASRec(boolean javaAttention) {
        this.javaAttention = javaAttention;
    }

    /**
     * SASRec forced onto the path that backends without Java kernels (e.g. CUDA) take: an additive bias for future
     * and padded keys before ND4J's softmax. The same function as {@link #SASRec()}; tests compare the two.
     */
    static SASRec withNativeAttention() {
        return new SASRec(false);
    }

    @Override
    public String name() {
        return "sasrec";
    }

    @Override
    public SDVariable encode(GraphBuilder g, SDVariable embedded, SDVariable mask) {
        return stack(g, embedded, mask, false);
    }

    /**
     * The same network computed for the last position only, dropout off: the first blocks run over all positions
     * (the last block's keys and values need them), the last block attends from the last position alone. At L = 200
     * that skips half of the attention work when ranking.
     */
    @Override
    public SDVariable encodeLast(GraphBuilder g, SDVariable embedded, SDVariable mask, SDVariable hidden) {
        return stack(g, embedded, mask, true);
    }

    private SDVariable stack(GraphBuilder g, SDVariable embedded, SDVariable mask, boolean lastOnly) {
        SameDiff sd = g.sd();
        BackboneConfig c = g.config();
        int l = c.maxLength();
        int d = c.dim();
        SDVariable positions = g.normal("sasrec_positions", 0.02, l, d);
        // the padding mask spread over d (an element-wise multiply; see GraphBuilder.layerNorm for why)
        SDVariable mask3 = sd.reshape(g.spreadColumn(sd.reshape(mask, -1, 1), d), -1, l, d);
        SDVariable x = embedded.mul(Math.sqrt(d)).add(positions);
        x = (lastOnly ? x : g.dropout(x, (long) l * d)).mul(mask3);

        // which keys each query sees: one Java op on the CPU backend, else an additive bias of -1e9 for future
        // positions and padded keys before ND4J's softmax (the same weights)
        AttentionMask full;
        AttentionMask lastQuery;
        if (javaAttention && JavaKernels.active()) {
            full = new AttentionMask(mask, null);
            lastQuery = full;
        } else {
            float[] causal = new float[l * l];
            for (int i = 0; i < l; i++) {
                for (int j = i + 1; j < l; j++) {
                    causal[i * l + j] = -1e9f;
                }
            }
            SDVariable causalBias = sd.constant(Nd4j.create(causal, new long[]{1, 1, l, l}, 'c'));
            SDVariable keyBias = sd.reshape(mask.sub(1.0).mul(1e9), -1, 1, 1, l);
            full = new AttentionMask(mask, causalBias.add(keyBias));
            lastQuery = new AttentionMask(mask, keyBias); // the last position's row of the causal bias is 0
        }

        for (int b = 0; b < c.blocks(); b++) {
            String p = "sasrec_block" + b;
            SDVariable x2 = sd.reshape(x, -1, d);
            boolean queryLastOnly = lastOnly && b == c.blocks() - 1;
            if (!queryLastOnly) {
                x = block(g, p, x2, x2, full, mask3, l, !lastOnly);
            } else {
                SDVariable lastRow = sd.reshape(x.get(SDIndex.all(), SDIndex.interval(l - 1, l), SDIndex.all()), -1, d);
                SDVariable lastMask = sd.reshape(mask3.get(SDIndex.all(), SDIndex.interval(l - 1, l), SDIndex.all()), -1, 1, d);
                SDVariable out = block(g, p, lastRow, x2, lastQuery, lastMask, 1, false);
                return g.layerNorm("sasrec_final", sd.reshape(out, -1, d));
            }
        }
        SDVariable out = g.layerNorm("sasrec_final", sd.reshape(x, -1, d));
        return sd.reshape(out, -1, l, d);
    }

    /**
     * One self-attention block: queries from {@code queryRows} ([B·lq, d]), keys and values from {@code keyRows}
     * ([B·L, d]); returns [B, lq, d].
     */
    private static SDVariable block(GraphBuilder g, String p, SDVariable queryRows, SDVariable keyRows,
                                    AttentionMask visible, SDVariable outputMask, int lq, boolean dropout) {
        SameDiff sd = g.sd();
        BackboneConfig c = g.config();
        int l = c.maxLength();
        int d = c.dim();
        int h = c.heads();
        int dk = d / h;
        SDVariable q2 = g.layerNorm(p + "_attn", queryRows);
        // the 1/√dk scale is applied to the queries, [B·lq, d], rather than to the [B, h, lq, L] scores
        SDVariable qh = heads(sd, dense(g, p + "_q", q2, d).mul(1.0 / Math.sqrt(dk)), lq, h, dk);
        SDVariable kh = heads(sd, dense(g, p + "_k", keyRows, d), l, h, dk);
        SDVariable vh = heads(sd, dense(g, p + "_v", keyRows, d), l, h, dk);
        SDVariable scores = sd.mmul(qh, kh, false, true, false);
        // no dropout on the attention weights: its mask has B·heads·L² elements, which at L = 200 cost more
        // than the rest of the step; dropout stays on the embeddings and both feed-forward layers
        SDVariable attention = visible.bias() == null ? new MaskedSoftmax(sd, scores, visible.keys()).outputVariable()
                : sd.nn.softmax(scores.add(visible.bias()), 3);
        SDVariable perHead = sd.mmul(attention, vh); // [B, h, lq, dk]
        SDVariable context = sd.reshape(h == 1 ? perHead : sd.permute(perHead, 0, 2, 1, 3), -1, d);
        SDVariable attended = dense(g, p + "_o", context, d);
        SDVariable y = g.layerNorm(p + "_ffn", q2.add(attended));
        SDVariable inner = sd.nn.relu(dense(g, p + "_ffn1", y, d), 0);
        inner = dropout ? g.dropout(inner, (long) lq * d) : inner;
        SDVariable ffn = dense(g, p + "_ffn2", inner, d);
        ffn = dropout ? g.dropout(ffn, (long) lq * d) : ffn;
        return sd.reshape(y.add(ffn), -1, lq, d).mul(outputMask);
    }

    /**
     * Which keys the queries of a block see: {@code keys} [B, L] marks the keys holding an item; {@code bias}, when
     * not null, is the same information plus causality as an additive bias for ND4J's softmax, else
     * {@link MaskedSoftmax} applies both.
     */
    private record AttentionMask(SDVariable keys, SDVariable bias) {
    }

    private static SDVariable dense(GraphBuilder g, String name, SDVariable x, int d) {
        SDVariable w = g.xavier(name + "_w", d, d, d, d);
        SDVariable b = g.constantWeight(name + "_b", 0f, d);
        return g.sd().mmul(x, w).add(b);
    }

    /**
     * [B·L, d] → [B, heads, L, dk]. With one head (the paper's setting) a reshape gives the same layout; the permute
     * that more heads need would make a strided view that later ops copy.
     */
    private static SDVariable heads(SameDiff sd, SDVariable x, int l, int h, int dk) {
        return h == 1 ? sd.reshape(x, -1, 1, l, dk) : sd.permute(sd.reshape(x, -1, l, h, dk), 0, 2, 1, 3);
    }

    static DataType dtype() {
        return DataType.FLOAT;
    }
}
