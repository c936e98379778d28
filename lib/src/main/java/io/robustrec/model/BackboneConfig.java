package io.robustrec.model;

/**
 * Shape of a sequence backbone, shared by all three backbones.
 *
 * @param maxLength maximum input length L (the last L items are kept, left-padded with 0); at least 2
 * @param dim       hidden and item-embedding size d; at least 1
 * @param blocks    SASRec: self-attention blocks; GRU4Rec: stacked GRU layers; Caser: ignored. At least 1
 * @param heads     SASRec attention heads; must divide {@code dim}
 * @param dropout   dropout rate during training, in [0, 1)
 */
public record BackboneConfig(int maxLength, int dim, int blocks, int heads, double dropout) {
    public BackboneConfig {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength=" + maxLength + " must be >= 2");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim=" + dim + " must be >= 1");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks=" + blocks + " must be >= 1");
        }
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("heads=" + heads + " must be >= 1 and divide dim=" + dim);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout=" + dropout + " must be in [0, 1)");
        }
    }

    /** SASRec's defaults for sparse data: L=50, d=50, 2 blocks, 1 head, dropout 0.2. */
    public static BackboneConfig defaults() {
        return new BackboneConfig(50, 50, 2, 1, 0.2);
    }

    /** A copy with another maximum length. */
    public BackboneConfig withMaxLength(int l) {
        return new BackboneConfig(l, dim, blocks, heads, dropout);
    }

    /** A copy with another dimension. */
    public BackboneConfig withDim(int d) {
        return new BackboneConfig(maxLength, d, blocks, heads, dropout);
    }
}
