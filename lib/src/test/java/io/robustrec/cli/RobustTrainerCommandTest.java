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

/** {@code train --trainer tp|rsr-hard}: the existing/new user reports, the discriminator and the adversary traces. */
class RobustTrainerCommandTest {

    private static Path writeLog(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("user,item,timestamp\n");
        Random rnd = new Random(2);
        for (int u = 0; u < 120; u++) {
            int start = rnd.nextInt(30);
            int n = 6 + rnd.nextInt(u % 5 == 0 ? 20 : 4);
            for (int t = 0; t < n; t++) {
                sb.append('u').append(u).append(",i").append((start + t) % 40).append(',').append(1000 + t).append('\n');
            }
        }
        Path f = dir.resolve("log.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void tpTrainsOnExistingUsersAndReportsNewUsersAndActivityGroups(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        Path json = dir.resolve("tp.json");
        int code = Main.run("train", "--data", log.toString(), "--format", "csv", "--model", "gru4rec", "--trainer", "tp",
                "--inner-steps", "3", "--users-per-step", "2", "--chains", "2", "--inner-lr", "0.2", "--adversarial-weight", "0.05", "--split", "existing-new",
                "--per-user", "--epochs", "1", "--max-len", "10", "--dim", "8", "--blocks", "1", "--batch", "24",
                "--loss", "softmax", "--quiet", "--json", json.toString());
        assertEquals(0, code);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        String tp = r.get("config").get("tp").asText();
        assertTrue(tp.contains("innerSteps=3, usersPerStep=2") && tp.contains("chains=2"), r.get("config").toString());
        assertEquals(96, r.get("test").get("count").asInt(), "80% of 120 users are existing");
        assertEquals(24, r.get("test_new_users").get("count").asInt());
        JsonNode groups = r.get("test_new_users_by_activity");
        assertEquals(24, groups.get("head").get("users").asInt() + groups.get("tail").get("users").asInt());
        assertEquals(96, r.get("test_per_user").get("rank").size());
        assertEquals(96, r.get("test_per_user").get("history_length").size());
        assertTrue(r.get("discriminator").get(0).get("balancedAccuracy").asDouble() >= 0);
    }

    @Test
    void rsrReportsTheAdversarysWeightsPerEpoch(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        Path json = dir.resolve("rsr.json");
        int code = Main.run("train", "--data", log.toString(), "--format", "csv", "--model", "sasrec", "--trainer", "rsr-hard",
                "--clusters", "3", "--lr-weights", "0.5", "--epochs", "2", "--patience", "0", "--max-len", "10", "--dim", "8",
                "--blocks", "1", "--batch", "24", "--loss", "softmax", "--quiet", "--json", json.toString());
        assertEquals(0, code);
        JsonNode trace = new ObjectMapper().readTree(json.toFile()).get("rsr_trace");
        assertEquals(2, trace.size(), "one row per epoch");
        for (JsonNode row : trace) {
            assertEquals(3, row.get("weights").size());
            double sum = 0;
            for (JsonNode w : row.get("weights")) {
                assertTrue(w.asDouble() >= 0);
                sum += w.asDouble();
            }
            assertEquals(1.0, sum, 1e-9, "weights stay on the simplex");
            double share = 0;
            for (JsonNode m : row.get("cluster_share")) {
                share += m.asDouble();
            }
            assertEquals(1.0, share, 1e-9, "cluster shares of the samples sum to one");
            assertEquals(3, row.get("cluster_loss").size());
        }
        double spread = 0;
        JsonNode last = trace.get(1).get("weights");
        for (JsonNode w : last) {
            spread = Math.max(spread, Math.abs(w.asDouble() - 1.0 / 3));
        }
        assertTrue(spread > 1e-6, "with lr_w = 0.5 the weights leave the uniform start: " + last);
    }

    @Test
    void badSplitAndTpSettingsNameTheProblem(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir);
        String err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv",
                "--split", "random")));
        assertTrue(err.contains("--split=random"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv",
                "--trainer", "tp", "--inner-steps", "0")));
        assertTrue(err.contains("innerSteps=0"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv",
                "--trainer", "tp", "--users-per-step", "-1")));
        assertTrue(err.contains("usersPerStep=-1"), err);
        err = captureErr(() -> assertEquals(2, Main.run("train", "--data", log.toString(), "--format", "csv",
                "--trainer", "tp", "--batch", "4", "--epochs", "1", "--quiet")));
        assertTrue(err.contains("batchSize=4 is smaller than one TP outer iteration"), err);
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
