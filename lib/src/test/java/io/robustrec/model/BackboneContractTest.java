package io.robustrec.model;

import io.robustrec.model.nd4j.Gradients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackboneContractTest {

    private static final int ITEMS = 12;
    private static final BackboneConfig SHAPE = new BackboneConfig(6, 8, 2, 2, 0.0);

    /** {@code name} is a backbone, or "sasrec/h1" for SASRec with one attention head (its own code path). */
    private static SequenceModel model(String name, LossKind loss) {
        BackboneConfig shape = oneHead(name) ? new BackboneConfig(6, 8, 2, 1, 0.0) : SHAPE;
        return SequenceModel.build(Backbones.create(backbone(name)), shape, ITEMS, loss, 42);
    }

    private static boolean oneHead(String name) {
        return name.endsWith("/h1");
    }

    private static String backbone(String name) {
        return name.split("/")[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "gru4rec", "caser"})
    void shapesFollowTheContract(String name) {
        SequenceModel m = model(name, LossKind.BCE);
        List<int[]> histories = List.of(new int[]{1, 2, 3}, new int[]{4, 5, 6, 7, 8, 9, 10, 11});
        INDArray scores = m.scoreAll(histories);
        assertArrayEquals(new long[]{2, ITEMS + 1}, scores.shape());
        assertTrue(scores.getDouble(0, 0) < -1e8, "padding column must never be a candidate");
        Map<String, INDArray> out = m.graph().output(m.inferenceFeed(histories), SequenceModel.HIDDEN, SequenceModel.LAST_HIDDEN);
        assertArrayEquals(new long[]{2, 6, 8}, out.get(SequenceModel.HIDDEN).shape());
        assertArrayEquals(new long[]{2, 8}, out.get(SequenceModel.LAST_HIDDEN).shape());
        // scores are dot products of the last hidden state with the shared item table
        INDArray table = m.parameters().get(SequenceModel.ITEM_TABLE);
        double expected = out.get(SequenceModel.LAST_HIDDEN).getRow(1).mul(table.getRow(5)).sumNumber().doubleValue();
        assertEquals(expected, scores.getDouble(1, 5), 1e-4);
    }

    /** The ranking path (SASRec: last block queried from the last position only) gives the last row of the full pass. */
    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "sasrec/h1", "gru4rec", "caser"})
    void rankingPathEqualsTheLastHiddenState(String name) {
        SequenceModel m = SequenceModel.build(Backbones.create(backbone(name)),
                new BackboneConfig(6, 8, 3, oneHead(name) ? 1 : 2, 0.3), ITEMS, LossKind.BCE, 9);
        List<int[]> histories = List.of(new int[]{1}, new int[]{4, 5, 6}, new int[]{2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        Map<String, INDArray> out = m.graph().output(m.inferenceFeed(histories), SequenceModel.LAST_HIDDEN,
                SequenceModel.RANKING_STATE);
        INDArray full = out.get(SequenceModel.LAST_HIDDEN);
        INDArray ranking = out.get(SequenceModel.RANKING_STATE);
        assertArrayEquals(full.shape(), ranking.shape());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 8; c++) {
                assertEquals(full.getDouble(r, c), ranking.getDouble(r, c), 1e-5, name + " row " + r + " col " + c);
            }
        }
        assertArrayEquals(ranking.toFloatMatrix()[1], m.lastHidden(histories).toFloatMatrix()[1], 1e-6f);
    }

    /**
     * The attention-bias path that non-CPU backends take (no Java kernels there) computes the same model as
     * {@link io.robustrec.model.nd4j.MaskedSoftmax}: same scores, hidden states and gradients on padded sequences.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void nativeAttentionPathGivesTheSameModel(int heads) {
        BackboneConfig shape = new BackboneConfig(6, 8, 2, heads, 0.0);
        SequenceModel java = SequenceModel.build(new SASRec(), shape, ITEMS, LossKind.BCE, 42);
        SequenceModel bias = SequenceModel.build(SASRec.withNativeAttention(), shape, ITEMS, LossKind.BCE, 42);
        assertEquals(List.of(true, false), List.of(usesMaskedSoftmax(java), usesMaskedSoftmax(bias)),
                "the two models must take different attention paths");
        for (String p : java.parameterNames()) {
            assertEquals(java.parameters().get(p), bias.parameters().get(p), "same seed, same initial " + p);
        }
        List<int[]> histories = List.of(new int[]{1}, new int[]{4, 5, 6}, new int[]{2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(java.scoreAll(histories).toFloatMatrix()[r], bias.scoreAll(histories).toFloatMatrix()[r],
                    1e-5f, "row " + r);
        }
        INDArray hj = java.graph().output(java.inferenceFeed(histories), SequenceModel.HIDDEN).get(SequenceModel.HIDDEN);
        INDArray hb = bias.graph().output(bias.inferenceFeed(histories), SequenceModel.HIDDEN).get(SequenceModel.HIDDEN);
        assertTrue(hj.equalsWithEps(hb, 1e-5), "hidden states differ");

        int[][] in = {{0, 0, 0, 3, 1, 4}, {1, 5, 9, 2, 6, 5}, {0, 0, 0, 0, 0, 7}};
        int[][] pos = {{0, 0, 0, 1, 4, 1}, {5, 9, 2, 6, 5, 3}, {0, 0, 0, 0, 0, 8}};
        int[][] neg = {{0, 0, 0, 2, 2, 2}, {3, 3, 3, 3, 3, 4}, {0, 0, 0, 0, 0, 9}};
        Map<String, INDArray> gj = Gradients.quietly(() -> java.graph().calculateGradients(
                java.feed(in, pos, neg, null, false), java.parameterNames()));
        Map<String, INDArray> gb = Gradients.quietly(() -> bias.graph().calculateGradients(
                bias.feed(in, pos, neg, null, false), bias.parameterNames()));
        for (String p : java.parameterNames()) {
            double scale = Math.max(1e-3, gj.get(p).norm2Number().doubleValue());
            double diff = gj.get(p).sub(gb.get(p)).norm2Number().doubleValue();
            assertTrue(diff <= 1e-4 * scale, p + ": gradients differ by " + diff + " (norm " + scale + ")");
        }
    }

    private static boolean usesMaskedSoftmax(SequenceModel m) {
        return m.graph().getOps().values().stream()
                .anyMatch(op -> op.getOp() instanceof io.robustrec.model.nd4j.MaskedSoftmax);
    }

    /** Position t may only see items 0..t: changing the item at t leaves earlier hidden states untouched. */
    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "sasrec/h1", "gru4rec", "caser"})
    void hiddenStatesAreCausal(String name) {
        SequenceModel m = model(name, LossKind.BCE);
        int[] a = {3, 1, 4, 1, 5, 9};
        int[] b = a.clone();
        b[4] = 7;
        INDArray ha = m.graph().output(m.inferenceFeed(List.of(a)), SequenceModel.HIDDEN).get(SequenceModel.HIDDEN);
        INDArray hb = m.graph().output(m.inferenceFeed(List.of(b)), SequenceModel.HIDDEN).get(SequenceModel.HIDDEN);
        for (int t = 0; t < 4; t++) {
            for (int c = 0; c < 8; c++) {
                assertEquals(ha.getDouble(0, t, c), hb.getDouble(0, t, c), 1e-5, name + " position " + t);
            }
        }
        double diff = 0;
        for (int c = 0; c < 8; c++) {
            diff += Math.abs(ha.getDouble(0, 4, c) - hb.getDouble(0, 4, c));
        }
        assertNotEquals(0.0, diff, name + " position 4 must depend on its own item");
    }

    /** Central differences (float graph, so a loose tolerance) on sampled entries of every parameter. */
    @ParameterizedTest
    @ValueSource(strings = {"sasrec-bce", "sasrec/h1-bce", "gru4rec-bce", "caser-bce", "sasrec-softmax", "gru4rec-softmax_last"})
    void gradientsMatchFiniteDifferences(String spec) {
        String[] parts = spec.split("-");
        SequenceModel m = model(parts[0], LossKind.parse(parts[1]));
        Random rnd = new Random(3);
        int b = 3;
        int[][] in = new int[b][6];
        int[][] pos = new int[b][6];
        int[][] neg = new int[b][6];
        for (int i = 0; i < b; i++) {
            for (int t = 1; t < 6; t++) { // position 0 left as padding
                in[i][t] = 1 + rnd.nextInt(4); // repeated ids on purpose
                pos[i][t] = 1 + rnd.nextInt(ITEMS);
                neg[i][t] = 1 + rnd.nextInt(ITEMS);
            }
        }
        // zero-initialised biases put ReLUs of all-padding windows exactly on their kink, where central
        // differences are meaningless: move every parameter off such points first
        Nd4j.getRandom().setSeed(11);
        for (INDArray p : m.parameters().values()) {
            p.addi(Nd4j.randn(p.dataType(), p.shape()).muli(0.02));
        }
        Map<String, INDArray> feed = m.feed(in, pos, neg, null, false);
        Map<String, INDArray> grads = Gradients.quietly(() -> m.graph().calculateGradients(feed, m.parameterNames()));
        double eps = 1e-3; // small: ReLU kinks make larger steps inaccurate
        int checked = 0;
        for (String p : m.parameterNames()) {
            INDArray param = m.parameters().get(p);
            INDArray g = grads.get(p);
            for (int k = 0; k < 3; k++) {
                int i = rnd.nextInt((int) param.length());
                double orig = param.getDouble(i);
                param.putScalar(i, orig + eps);
                double up = loss(m, feed);
                param.putScalar(i, orig - eps);
                double down = loss(m, feed);
                param.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, g.getDouble(i), 2e-3 + 0.03 * Math.abs(numeric), spec + " " + p + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked >= 9);
    }

    private static double loss(SequenceModel m, Map<String, INDArray> feed) {
        return m.graph().output(feed, SequenceModel.LOSS).get(SequenceModel.LOSS).getDouble(0);
    }

    @org.junit.jupiter.api.Test
    void rejectsBadShapes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BackboneConfig(1, 8, 1, 1, 0));
        assertTrue(e.getMessage().contains("maxLength=1"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new BackboneConfig(5, 0, 1, 1, 0));
        assertTrue(e.getMessage().contains("dim=0"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Backbones.create("bert"));
        assertTrue(e.getMessage().contains("bert"));
        Nd4j.getRandom().setSeed(1);
    }
}
