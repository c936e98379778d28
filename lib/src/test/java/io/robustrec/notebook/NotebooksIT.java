package io.robustrec.notebook;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes every tutorial notebook headless at tiny size through the project's runner (which fails on any cell
 * error or a notebook without a chart), then reads the recorded results back and checks them.
 * Runs in Maven's integration-test phase, after the library jar the kernel loads has been built.
 */
class NotebooksIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OUT = ROOT.resolve("build/notebooks");

    @BeforeAll
    static void executeNotebooks() throws IOException, InterruptedException {
        // results of an earlier run must not stand in for this one
        for (Path stale : new Path[]{OUT, ROOT.resolve("build/data")}) {
            if (Files.exists(stale)) {
                try (var walk = Files.walk(stale)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        makeTinySweeps();
        Process p = new ProcessBuilder(ROOT.resolve("environment/run-notebooks").toString(), "--profile", "tiny")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.println(output);
        assertEquals(0, code, "run-notebooks failed:\n" + output);
    }

    /**
     * Notebooks 04 and 05 compare the reports of {@code experiments/robust-vs-erm} (the tiny profile's RUNS_DIR): make
     * two tiny sweeps with that script on a generated log, so the notebooks' report sections run here. RSR: GRU4Rec x
     * {ERM, RSR-hard, RSR-soft} x noise {0, 10%} x seeds {1, 2}; TP: GRU4Rec x {ERM, TP} x seeds {1, 2} on an
     * existing/new user split.
     */
    private static void makeTinySweeps() throws IOException, InterruptedException {
        Path dir = ROOT.resolve("build/experiments");
        Files.createDirectories(dir);
        StringBuilder log = new StringBuilder("user,item,timestamp\n");
        java.util.Random rnd = new java.util.Random(5);
        for (int u = 0; u < 80; u++) {
            int n = 6 + rnd.nextInt(6);
            for (int t = 0; t < n; t++) {
                log.append('u').append(u).append(",i").append((u % 7 + 3 * t + rnd.nextInt(3)) % 30).append(',').append(100 + t).append('\n');
            }
        }
        Path data = dir.resolve("notebook-test-log.csv");
        Files.writeString(data, log.toString());
        String shape = "--format csv --epochs 2 --patience 0 --max-len 6 --dim 8 --batch 32 --loss softmax";
        sweep(dir.resolve("notebook-test-runs"), Map.of("DATA", data.toString(), "MODELS", "gru4rec", "NOISES", "0 0.1",
                "SEEDS", "1 2", "TRAIN_ARGS", shape));
        sweep(dir.resolve("notebook-test-tp-runs"), Map.of("DATA", data.toString(), "MODELS", "gru4rec", "NOISES", "0",
                "SEEDS", "1 2", "TRAINERS", "erm tp", "CANDIDATES", "tp", "COMPARE_ARGS", "--populations all,tail,new",
                "TRAIN_ARGS", shape + " --split existing-new"));
    }

    private static void sweep(Path out, Map<String, String> settings) throws IOException, InterruptedException {
        if (Files.exists(out)) {
            try (var walk = Files.walk(out)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("experiments/robust-vs-erm").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(settings);
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "experiments/robust-vs-erm failed:\n" + output);
        assertTrue(output.contains("chosen vs erm"), output);
    }

    private static Map<String, Double> results(String notebook) {
        Path executed = OUT.resolve(notebook + ".ipynb");
        assertTrue(Files.exists(executed), "missing " + executed);
        assertTrue(Files.exists(OUT.resolve(notebook + ".html")), "missing HTML of " + notebook);
        return RecordedResults.read(executed);
    }

    /** A cell that does not compile fails the run, and the report carries the compiler's diagnostic. */
    @Test
    void aCompileErrorIsReportedWithItsDiagnostic(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException, InterruptedException {
        Path nb = dir.resolve("broken.ipynb");
        Files.writeString(nb, """
                {"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
                            "source": "int x = 1;\\nString s = x.name();"}],
                 "metadata": {"kernelspec": {"name": "robustrec", "display_name": "robustrec", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        Process p = new ProcessBuilder(ROOT.resolve("environment/run-notebooks").toString(), "--out",
                dir.resolve("out").toString(), nb.toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        assertTrue(output.contains("broken: cell 1 [int x = 1;] failed: CompilerException")
                && output.contains("int cannot be dereferenced"), output);
    }

    @Test
    void welcomeRunsEndToEnd() {
        Map<String, Double> r = results("00_welcome");
        assertTrue(r.get("welcome.gru4rec.ndcg10") > 0, r.toString());
        assertTrue(r.get("welcome.pop.ndcg10") > 0, r.toString());
    }

    @Test
    void dataPreparationReportsAPreparedDataset() {
        Map<String, Double> r = results("01_data_preparation");
        assertTrue(r.get("prep.users") > 100, r.toString());
        assertTrue(r.get("prep.items") > 100, r.toString());
        assertTrue(r.get("prep.interactions") >= 5 * r.get("prep.users"), "5-core: every user has >= 5 items " + r);
        assertTrue(Files.exists(ROOT.resolve("build/data/onlineretail.seq")), "the notebook saves the prepared dataset");
    }

    @Test
    void backbonesBeatPopularityAndSampledExceedsFull() {
        Map<String, Double> r = results("02_backbones");
        double pop = r.get("backbones.full.MostPopular.ndcg10");
        assertTrue(r.get("backbones.full.sasrec.ndcg10") > pop, "SASRec should beat most-popular: " + r);
        assertTrue(r.get("backbones.full.gru4rec.ndcg10") > pop, "GRU4Rec should beat most-popular: " + r);
        for (String m : new String[]{"MostPopular", "sasrec", "gru4rec", "caser"}) {
            assertTrue(r.get("backbones.sampled." + m + ".ndcg10") > r.get("backbones.full." + m + ".ndcg10"),
                    "sampled-100 is easier than full ranking for " + m + ": " + r);
        }
    }

    /** The shifts hurt ERM the way issue 4 expects, at tiny size and fixed seed (directions only). */
    @Test
    void distributionShiftsHurtTheReferenceModel() {
        Map<String, Double> r = results("03_distribution_shift");
        assertTrue(r.get("shift.noise20.ndcg10") < r.get("shift.base.ndcg10"), "20% training noise should cost accuracy: " + r);
        assertTrue(r.get("shift.beta2.0.ndcg10") < r.get("shift.beta0.0.ndcg10"), "popularity shift: " + r);
        assertTrue(r.get("shift.drifted.ndcg10") < r.get("shift.stable.ndcg10"), "drifted users: " + r);
        assertTrue(r.get("shift.end3.ndcg10") < r.get("shift.start3.ndcg10"), "recent items matter most: " + r);
        // not asserted at this size: existing vs new users (120 new users; the gap, 0.01 at default size, is within
        // one standard error here and flipped sign when the dropout generator changed); nor head vs tail users,
        // which the tiny profile does not train long enough to separate
        assertTrue(r.get("shift.temporal.drifted.ndcg10") < r.get("shift.temporal.stable.ndcg10"), "drift after a time cut: " + r);
        assertTrue(r.get("shift.temporal.drifted.ndcg10") < r.get("shift.temporal.loo.drifted.ndcg10"),
                "a drift unseen in the input (time cut) costs more than one already begun (leave-one-out): " + r);
        assertEquals(r.get("shift.base.ndcg10"), r.get("shift.beta0.0.ndcg10"), 1e-12, "beta = 0 is the original test set");
    }

    /**
     * RSR's notebook records sane values (RSR need not win at tiny size): the adversary's weights stay on the simplex,
     * its weighted loss lies between the average and the worst cluster's, the weights follow the losses, the notebook's
     * hand-computed soft assignments match the graph's, and every metric is a metric.
     */
    @Test
    void rsrRecordsSaneValues() {
        Map<String, Double> r = results("04_rsr");
        assertEquals(0.2, r.get("rsr.noise20.replaced_share"), 1e-3, "TrainingNoise replaces round(0.2 * positions): " + r);
        double k = r.get("rsr.clusters");
        for (String m : new String[]{"hard", "soft"}) {
            assertEquals(1.0, r.get("rsr." + m + ".weights.sum"), 1e-6, m + " weights must sum to 1: " + r);
            assertTrue(r.get("rsr." + m + ".weights.min") >= 0, m + " weights must be >= 0: " + r);
            assertTrue(r.get("rsr." + m + ".weights.max") >= 1 / k - 1e-12, m + " the largest weight is at least uniform: " + r);
            double average = r.get("rsr." + m + ".average.last");
            double weighted = r.get("rsr." + m + ".weighted.last");
            double worst = r.get("rsr." + m + ".worst.last");
            assertTrue(average > 0 && weighted > 0, m + " losses are positive: " + r);
            // a convex combination of the cluster losses cannot exceed the largest of them
            assertTrue(weighted <= worst + 1e-9 && average <= worst + 1e-9, m + " average <= worst, weighted <= worst: " + r);
            double noise = r.get("rsr." + m + ".noise_share.weighted");
            double tail = r.get("rsr." + m + ".tail_share.weighted");
            assertTrue(noise >= 0 && noise <= 1 && tail >= 0 && tail <= 1, m + " shares " + r);
        }
        // The soft clusters keep their identity, so exponentiated gradient from uniform gives the cluster with the
        // highest summed loss the largest weight, hence at least 1/K. The notebook sums epoch means while the ascent
        // sums batch means, so allow 1% below uniform for that difference.
        assertTrue(r.get("rsr.soft.hardest.weight_times_k") >= 0.99, "the highest-loss soft cluster is up-weighted: " + r);
        assertTrue(r.get("rsr.soft.q.max_difference") < 1e-4, "q computed by hand must match the graph's q: " + r);
        assertTrue(r.get("rsr.trace.loss.min") > 0 && r.get("rsr.trace.loss.max") >= r.get("rsr.trace.loss.min"), r.toString());
        assertTrue(r.get("rsr.trace.epochs") >= 1, r.toString());
        int metrics = 0;
        for (Map.Entry<String, Double> e : r.entrySet()) {
            if (e.getKey().endsWith(".ndcg10") || e.getKey().endsWith(".p") || e.getKey().startsWith("rsr.grid.best.")) {
                assertTrue(e.getValue() >= 0 && e.getValue() <= 1, e.getKey() + " must be in [0, 1]: " + r);
                metrics++;
            }
        }
        // 2 backbones x 3 noise levels x {all, tail} x (3 methods + a p-value)
        assertTrue(metrics >= 48, "expected the comparison's metrics, found " + metrics + ": " + r);
        for (String b : new String[]{"sasrec", "gru4rec"}) {
            for (String m : new String[]{"erm", "hard", "soft"}) {
                assertTrue(r.get("rsr." + b + ".noise20.all." + m + ".ndcg10") > 0, b + "/" + m + " NDCG@10 " + r);
                String timed = "rsr." + b + "." + (m.equals("erm") ? "erm" : "rsr-" + m) + ".seconds_per_epoch";
                assertTrue(r.get(timed) > 0, timed + " " + r);
            }
        }
        // section 6 read the tiny sweep: gru4rec x {erm, hard, soft} x noise {0, 10%} x seeds {1, 2}
        assertEquals(12.0, r.get("rsr.runs.reports"), r.toString());
        assertEquals(4.0, r.get("rsr.runs.outcomes"), "2 noise levels x {NDCG@10, Recall@10}: " + r);
        assertTrue(r.get("rsr.runs.max.time.ratio") >= 1.0, "the baseline's own ratio is 1: " + r);
        assertTrue(Double.isFinite(r.get("rsr.runs.gru4rec.noise10.ndcg10.gain")), r.toString());
        assertEquals(4.0, r.get("rsr.grid.candidates"), "the 2 x 2 grid: " + r);
        assertTrue(r.get("rsr.grid.best.validation") >= r.get("rsr.grid.worst.validation"), "grid sorted best first: " + r);
    }

    /** TP's notebook records sane values (TP need not win at tiny size). */
    @Test
    void tpRecordsSaneValues() {
        Map<String, Double> r = results("05_tp");
        assertTrue(r.get("tp.head.share_of_interactions") > 0.2, "head users hold more than their share: " + r);
        for (String k : new String[]{"tp.cosine.init", "tp.cosine.erm", "tp.cosine.tp"}) {
            assertTrue(r.get(k) >= -1 && r.get(k) <= 1, k + " " + r);
        }
        double bal = r.get("tp.discriminator.balanced.last");
        assertTrue(bal >= 0 && bal <= 1, "balanced accuracy " + r);
        for (String b : new String[]{"sasrec", "gru4rec"}) {
            for (String m : new String[]{"erm", "tp"}) {
                double v = r.get("tp." + b + "." + m + ".new.ndcg10");
                assertTrue(v > 0 && v < 1, b + "/" + m + " new-user NDCG@10 " + r);
                assertTrue(r.get("tp." + b + "." + m + ".seconds_per_epoch") > 0, r.toString());
            }
            double p = r.get("tp." + b + ".existing.tail.p");
            assertTrue(p >= 0 && p <= 1, "p-value " + r);
        }
        assertTrue(r.containsKey("tp.sweep.k1.validation") && r.containsKey("tp.sweep.lambda10.0.validation"), r.toString());
        for (int u : new int[]{1, 4, 16}) {
            double v = r.get("tp.sweep.u" + u + ".validation");
            assertTrue(v > 0 && v < 1, u + " users per step: validation NDCG@10 " + r);
            assertTrue(r.get("tp.sweep.u" + u + ".seconds_per_epoch") > 0, r.toString());
        }
        // section 7 read the tiny sweep: gru4rec x {erm, tp} x seeds {1, 2}, compared on all, tail and new users
        assertEquals(4.0, r.get("tp.runs.reports"), r.toString());
        for (String population : new String[]{"all", "tail", "new"}) {
            double p = r.get("tp.runs.gru4rec." + population + ".ndcg10.p");
            assertTrue(p >= 0 && p <= 1, population + " p-value " + r);
            assertTrue(Double.isFinite(r.get("tp.runs.gru4rec." + population + ".ndcg10.gain")), r.toString());
        }
        assertTrue(r.get("tp.runs.max.time.ratio") >= 1.0, "the baseline's own ratio is 1: " + r);
    }
}
