package io.robustrec.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A sequence encoder: maps the embeddings of a left-padded item sequence to a hidden state at every position.
 *
 * <p>The contract every trainer relies on (DESIGN.md): the backbone sees the <em>embeddings</em> of the input
 * items, [B, L, d] (so methods that perturb embeddings can do so), plus the padding mask [B, L] (1 for a real
 * item, 0 for padding), and returns hidden states [B, L, d] in which position t summarises items 0..t only.
 * Scores are dot products of a hidden state with the shared item-embedding table, done by {@link SequenceModel}.
 */
public interface Backbone {

    /** Short lower-case name ("sasrec", "gru4rec", "caser"). */
    String name();

    /**
     * Adds the encoder to the graph.
     *
     * @param graph     graph under construction, with the dropout switch
     * @param embedded  input item embeddings [B, L, d]
     * @param mask      padding mask [B, L], float 1/0
     * @return hidden states [B, L, d]
     */
    SDVariable encode(GraphBuilder graph, SDVariable embedded, SDVariable mask);

    /**
     * Adds the path that ranking uses: the hidden state at the last position only, with dropout off. It must equal
     * the last row of {@link #encode}'s output at evaluation time (same weights: a second request for a weight name
     * returns the existing weight). The default takes that row from {@code hidden}; a backbone may compute it more
     * cheaply, as SASRec does.
     *
     * @param graph    graph under construction
     * @param embedded input item embeddings [B, L, d]
     * @param mask     padding mask [B, L]
     * @param hidden   what {@link #encode} returned for the same inputs [B, L, d]
     * @return [B, d]
     */
    default SDVariable encodeLast(GraphBuilder graph, SDVariable embedded, SDVariable mask, SDVariable hidden) {
        int l = graph.config().maxLength();
        return graph.sd().reshape(hidden.get(SDIndex.all(), SDIndex.interval(l - 1, l), SDIndex.all()), -1,
                graph.config().dim());
    }
}
