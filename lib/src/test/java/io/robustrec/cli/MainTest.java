package io.robustrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    /** A small log with a strong "next item = item + 1" pattern, so training has something to learn. */
    private static Path writeLog(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("user,item,timestamp\n");
        Random rnd = new Random(1);
        for (int u = 0; u < 150; u++) {
            int start = rnd.nextInt(30);
            for (int t = 0; t < 8; t++) {
                sb.append('u').append(u).append(",i").append((start + t) % 40).append(',').append(1000 + t).append('\n');
            }
        }
        Path f = dir.resolve("log.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void trainWritesTheJsonReport(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        Path json = dir.resolve("out/report.json");
        int code = Main.run("train", "--data", log.toString(), "--format", "csv", "--model", "gru4rec", "--epochs", "2",
                "--max-len", "10", "--dim", "8", "--blocks", "1", "--batch", "32", "--seed", "3", "--quiet", "--json", json.toString());
        assertEquals(0, code);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals(150, r.get("dataset").get("users").asInt());
        assertEquals(37, r.get("dataset").get("items").asInt()); // items i0..i36 occur
        assertEquals(2, r.get("epochs").size());
        assertTrue(r.get("test").get("NDCG@10").asDouble() >= 0);
        assertEquals(150, r.get("test").get("count").asInt());
        assertTrue(r.get("train_sequences_per_second").asDouble() > 0);
        assertTrue(r.get("seconds_per_epoch").asDouble() > 0);
        assertEquals("gru4rec", r.get("config").get("model").asText());
        assertTrue(r.has("peak_rss_mb"));
    }

    /** A literal '%' in an option description must be written '%%', or picocli prints a format warning per help line. */
    @Test
    void everySubcommandsHelpFormatsCleanly() {
        for (String sub : new String[]{"prep", "train", "eval", "bench"}) {
            String[] out = new String[1];
            String err = captureErr(() -> out[0] = capture(() -> assertEquals(0, Main.run(sub, "--help"))));
            assertEquals("", err, sub + " --help wrote to stderr");
            assertTrue(out[0].startsWith("Usage: robustrec " + sub), out[0]);
            assertTrue(!out[0].contains("${DEFAULT-VALUE}") && !out[0].contains("%n"), sub + " help left a placeholder: " + out[0]);
        }
    }

    @Test
    void benchPrintsRatesAndBothRankingPasses() {
        String out = capture(() -> assertEquals(0, Main.run("bench", "--model", "gru4rec", "--users", "20", "--items",
                "30", "--max-len", "5", "--dim", "4", "--blocks", "1", "--batch", "4", "--steps", "1", "--warmup", "0")));
        assertTrue(out.contains("model=gru4rec users=20 items=30 L=5 d=4 blocks=1 batch=4"), out);
        assertTrue(out.matches("(?s).*training: \\d+\\.\\d sequences/s.*"), out);
        assertTrue(out.matches("(?s).*full ranking: 20 users x 30 items in \\d+\\.\\d\\d s \\(\\d+ users/s\\); "
                + "first pass \\d+\\.\\d\\d s.*"), out);
    }

    @Test
    void baselineEvaluatesWithoutTraining(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        String out = capture(() -> assertEquals(0, Main.run("eval", "--data", log.toString(), "--format", "csv", "--model", "markov")));
        assertTrue(out.contains("NDCG"), out);
    }

    @Test
    void badInputNamesTheProblem(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        String err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "xml")));
        assertTrue(err.contains("xml"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", dir.resolve("nope.csv").toString(), "--format", "csv")));
        assertTrue(err.contains("nope.csv"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv", "--max-len", "1")));
        assertTrue(err.contains("maxLength=1"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv", "--batch", "0")));
        assertTrue(err.contains("batchSize=0"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv", "--min-count", "100")));
        assertTrue(err.contains("core") || err.contains("empt"), err);
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
