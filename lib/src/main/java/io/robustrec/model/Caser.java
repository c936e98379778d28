package io.robustrec.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Caser: convolutional sequence embedding.
 *
 * <p>Tang, J., Wang, K. "Personalized Top-N Sequential Recommendation via Convolutional Sequence Embedding",
 * WSDM 2018.
 *
 * <p>At each position t the "image" is the embedding matrix W_t of the last {@code window} items (rows oldest to
 * newest, earlier rows zero when the history is shorter):
 * <pre>
 *   horizontal, height h = 1..window, n_h filters:  o_h = max_i ReLU(W_t[i:i+h] · F_h)      (max over time)
 *   vertical, n_v filters of size window×1:          o_v = Σ_i w_{v,i} W_t[i]               (weighted row sums)
 *   z_t = ReLU(A · dropout([o_v ; o_h]) + a)
 * </pre>
 * The paper concatenates a user embedding to z before scoring; it is left out here so that Caser, like the
 * other backbones, scores with the shared item table and generalises to users it never saw.
 */
public final class Caser implements Backbone {

    private final int window;
    private final int horizontalFilters;
    private final int verticalFilters;

    /** Caser with the paper's defaults: window 5, 16 horizontal filters per height, 4 vertical filters. */
    public Caser() {
        this(5, 16, 4);
    }

    /**
     * @param window            number of most recent items in the convolution window (paper's L)
     * @param horizontalFilters horizontal filters per height (n_h)
     * @param verticalFilters   vertical filters (n_v)
     */
    public Caser(int window, int horizontalFilters, int verticalFilters) {
        if (window < 1) {
            throw new IllegalArgumentException("window=" + window + " must be >= 1");
        }
        if (horizontalFilters < 1) {
            throw new IllegalArgumentException("horizontalFilters=" + horizontalFilters + " must be >= 1");
        }
        if (verticalFilters < 1) {
            throw new IllegalArgumentException("verticalFilters=" + verticalFilters + " must be >= 1");
        }
        this.window = window;
        this.horizontalFilters = horizontalFilters;
        this.verticalFilters = verticalFilters;
    }

    @Override
    public String name() {
        return "caser";
    }

    @Override
    public SDVariable encode(GraphBuilder g, SDVariable embedded, SDVariable mask) {
        SameDiff sd = g.sd();
        int l = g.config().maxLength();
        int d = g.config().dim();
        int w = Math.min(window, l);
        SDVariable x = embedded.mul(sd.expandDims(mask, 2));
        // window rows oldest → newest: row r holds the item (w-1-r) steps before t
        SDVariable padded = sd.nn.pad(x, sd.constant(Nd4j.createFromArray(new int[][]{{0, 0}, {w - 1, 0}, {0, 0}})), 0.0);
        SDVariable[] rows = new SDVariable[w];
        for (int r = 0; r < w; r++) {
            SDVariable shifted = padded.get(SDIndex.all(), SDIndex.interval(r, r + l), SDIndex.all()); // [B, L, d]
            rows[r] = sd.reshape(shifted, -1, 1, d);
        }
        SDVariable image = sd.concat(1, rows); // [B·L, w, d]

        SDVariable verticalW = g.xavier("caser_vertical", w, verticalFilters, w, verticalFilters);
        SDVariable columns = sd.reshape(sd.permute(image, 0, 2, 1), -1, w); // [B·L·d, w]
        SDVariable vertical = sd.reshape(sd.mmul(columns, verticalW), -1, (long) d * verticalFilters);

        SDVariable[] horizontal = new SDVariable[w];
        for (int h = 1; h <= w; h++) {
            SDVariable filter = g.xavier("caser_h" + h + "_w", (long) h * d, horizontalFilters, (long) h * d, horizontalFilters);
            SDVariable bias = g.constantWeight("caser_h" + h + "_b", 0f, horizontalFilters);
            SDVariable[] slides = new SDVariable[w - h + 1];
            for (int i = 0; i + h <= w; i++) {
                SDVariable patch = sd.reshape(image.get(SDIndex.all(), SDIndex.interval(i, i + h), SDIndex.all()), -1, (long) h * d);
                slides[i] = sd.expandDims(sd.nn.relu(sd.mmul(patch, filter).add(bias), 0), 1);
            }
            horizontal[h - 1] = slides.length == 1 ? sd.reshape(slides[0], -1, horizontalFilters)
                    : sd.max(sd.concat(1, slides), 1);
        }
        long featureSize = (long) d * verticalFilters + (long) w * horizontalFilters;
        SDVariable features = g.dropout(sd.concat(1, vertical, sd.concat(1, horizontal)), l * featureSize);
        SDVariable a = g.xavier("caser_fc_w", featureSize, d, featureSize, d);
        SDVariable ab = g.constantWeight("caser_fc_b", 0f, d);
        return sd.reshape(sd.nn.relu(sd.mmul(features, a).add(ab), 0), -1, l, d);
    }
}
