package io.robustrec.cli;

import io.robustrec.eval.Metric;
import io.robustrec.eval.Population;
import io.robustrec.eval.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --json --per-user} reports read back ({@link RunReport}) and compared ({@code compare}). */
class CompareCommandTest {

    private static void train(Path log, Path out, String trainer, int seed) {
        assertEquals(0, Main.run("train", "--data", log.toString(), "--format", "csv", "--model", "gru4rec", "--trainer", trainer,
                "--epochs", "2", "--patience", "0", "--max-len", "6", "--dim", "8", "--batch", "32", "--loss", "softmax",
                "--train-noise", "0.1", "--seed", String.valueOf(seed), "--per-user", "--quiet",
                "--json", out.resolve(trainer + "_s" + seed + ".json").toString()));
    }

    @Test
    void reportsReadBackAgreeWithTheirOwnMetricsAndCompare(@TempDir Path dir) throws IOException {
        Path log = TinyLog.write(dir, 50, 7, 20);
        Path runs = Files.createDirectories(dir.resolve("runs"));
        for (int seed = 1; seed <= 2; seed++) {
            train(log, runs, "erm", seed);
            train(log, runs, "rsr-soft", seed);
        }
        List<RunReport> reports = RunReport.readAll(runs);
        assertEquals(4, reports.size());
        RunReport erm1 = reports.get(0);
        assertEquals("erm_s1.json", erm1.file().getFileName().toString());
        assertEquals("gru4rec", erm1.model());
        assertEquals("erm", erm1.trainer());
        assertEquals(1L, erm1.seed());
        assertEquals(0.1, erm1.trainNoise(), 1e-12);
        assertEquals(2, erm1.epochSeconds().length);
        assertEquals(erm1.epochSeconds()[1], erm1.secondsPerEpoch(), 1e-12, "the first epoch is left out");
        assertEquals(50, erm1.existing().size(), "one test case per user");
        double fromRanks = Arrays.stream(erm1.perUser(Metric.NDCG, 10)).average().orElseThrow();
        assertEquals(erm1.metric("NDCG", 10), fromRanks, 1e-9);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("compare", "--runs", runs.toString(), "--candidates", "rsr-soft", "--populations", "all,tail",
                    "--models", "gru4rec");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("NDCG@10") && printed.contains("Recall@10") && printed.contains("x erm"), printed);
        assertTrue(printed.contains("Test metrics of all users") && printed.contains("Test metrics of tail users"), printed);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Main.run("compare", "--runs", runs.toString(), "--candidates", "rsr-soft", "--models", "gru4rec,sasrec");
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--models names 'sasrec', which has no report in " + runs)
                && message.contains("backbones there: [gru4rec]"), message);
    }

    @Test
    void newUsersOfAnExistingNewSplitAndTheTagAreReadBack(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("tp.json");
        assertEquals(0, Main.run("train", "--data", TinyLog.write(dir, 50, 7, 20).toString(), "--format", "csv", "--model",
                "gru4rec", "--trainer", "erm", "--split", "existing-new", "--epochs", "1", "--max-len", "6", "--dim", "8",
                "--batch", "32", "--loss", "softmax", "--per-user", "--tag", "erm-split", "--quiet", "--json", json.toString()));
        RunReport r = RunReport.read(json);
        assertEquals("erm-split", r.trainer(), "a tagged run is compared under its tag");
        assertEquals(40, r.cases(Population.ALL).size(), "80% of 50 users are existing");
        assertEquals(10, r.cases(Population.NEW).size());
        assertEquals(40, r.cases(Population.HEAD).size() + r.cases(Population.TAIL).size());
        double fromRanks = Arrays.stream(r.perUser(Metric.HR, 10, Population.NEW)).average().orElseThrow();
        assertEquals(fromRanks, r.metric("HR", 10, Population.NEW), 1e-12);
    }

    @Test
    void aReportWithoutAFieldIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"config\": {\"model\": \"sasrec\", \"seed\": 1}, \"test\": {\"NDCG@10\": 0.1}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunReport.read(f));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("'validation_ndcg10'"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> RunReport.read(withValidation(f)).perUser(Metric.HR, 10));
        assertTrue(s.getMessage().contains("--per-user"), s.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RunReport.readAll(Files.createDirectories(dir.resolve("empty"))));
        assertTrue(empty.getMessage().contains("holds no *.json report"), empty.getMessage());
    }

    private static Path withValidation(Path f) throws IOException {
        Files.writeString(f, "{\"config\": {\"model\": \"sasrec\", \"seed\": 1}, \"validation_ndcg10\": 0.2, \"test\": {\"NDCG@10\": 0.1}}");
        return f;
    }
}
