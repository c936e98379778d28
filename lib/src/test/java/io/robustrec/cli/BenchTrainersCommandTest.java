package io.robustrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustrec.bench.TrainerBenchmark;
import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.model.BackboneConfig;
import io.robustrec.train.TrainConfig;
import io.robustrec.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench-trainers}: one row per trainer, the first one the baseline, warm-up epoch left out. */
class BenchTrainersCommandTest {

    @Test
    void reportsSecondsPerEpochRelativeToTheFirstTrainer(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        int code = Main.run("bench-trainers", "--data", TinyLog.write(dir, 60, 8, 25).toString(), "--format", "csv", "--model", "gru4rec",
                "--trainers", "erm,rsr-soft", "--epochs", "3", "--max-len", "6", "--dim", "8", "--batch", "32", "--quiet",
                "--json", json.toString());
        assertEquals(0, code);
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
        assertEquals(2, rows.size());
        assertEquals("erm", rows.get(0).get("trainer").asText());
        assertEquals("rsr-soft", rows.get(1).get("trainer").asText());
        assertEquals(1.0, rows.get(0).get("ratioToBaseline").asDouble(), 1e-12);
        for (JsonNode r : rows) {
            assertEquals(2, r.get("timedEpochs").asInt(), "the first of three epochs is the warm-up");
            assertTrue(r.get("secondsPerEpoch").asDouble() > 0, r.toString());
            assertTrue(r.get("sequencesPerSecond").asDouble() > 0, r.toString());
        }
        double ratio = rows.get(1).get("secondsPerEpoch").asDouble() / rows.get(0).get("secondsPerEpoch").asDouble();
        assertEquals(ratio, rows.get(1).get("ratioToBaseline").asDouble(), 1e-12);
    }

    @Test
    void anUnknownTrainerIsNamedBeforeAnyTraining(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("bench-trainers", "--data", TinyLog.write(dir, 60, 8, 25).toString(), "--format", "csv", "--trainers", "erm,dro",
                    "--quiet");
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("trainer=dro"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBaselineModelHasNoEpochsToTime(@TempDir Path dir) throws IOException {
        assertEquals(2, Main.run("bench-trainers", "--data", TinyLog.write(dir, 60, 8, 25).toString(), "--format", "csv", "--model", "pop",
                "--quiet"));
    }

    @Test
    void anEmptyTrainerListIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerBenchmark.run(List.of(),
                "sasrec", BackboneConfig.defaults(), (SplitData) null, TrainConfig.defaults(), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("trainers is empty"), e.getMessage());
    }
}
