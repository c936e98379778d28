package io.robustrec.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a run exactly where it stopped: the current and the best parameters, the
 * optimizer state, the early-stopping counters and the history. Written at the end of every epoch, atomically
 * (a temporary file renamed over the old one), so a run killed at any moment resumes from its last finished epoch.
 *
 * @param fingerprint          identifies the run's settings; resuming under other settings is refused
 * @param nextEpoch            the epoch to run next
 * @param bestEpoch            epoch of the best validation so far (-1 before the first)
 * @param bestValidation       its NDCG@10
 * @param validationsWithoutImprovement early-stopping counter
 * @param history              epochs run so far
 * @param current              current parameters
 * @param best                 parameters of the best epoch
 * @param optimizerState       optimizer state
 * @param trainerState         extra arrays a robust trainer keeps (cluster weights, centres, ...)
 */
public record Checkpoint(String fingerprint, int nextEpoch, int bestEpoch, double bestValidation,
                         int validationsWithoutImprovement, List<EpochRecord> history,
                         Map<String, INDArray> current, Map<String, INDArray> best,
                         Map<String, INDArray> optimizerState, Map<String, INDArray> trainerState) {

    /** File name inside the checkpoint directory. */
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x52524331; // "RRC1"
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the checkpoint into {@code dir} (created if needed). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("fingerprint", fingerprint);
                meta.put("nextEpoch", nextEpoch);
                meta.put("bestEpoch", bestEpoch);
                meta.put("bestValidation", bestValidation);
                meta.put("validationsWithoutImprovement", validationsWithoutImprovement);
                List<double[]> h = new ArrayList<>();
                for (EpochRecord r : history) {
                    h.add(new double[]{r.epoch(), r.meanLoss(), r.validationNdcg10(), r.seconds(), r.sequencesPerSecond()});
                }
                meta.put("history", h);
                out.writeUTF(JSON.writeValueAsString(meta));
                writeArrays(out, current);
                writeArrays(out, best);
                writeArrays(out, optimizerState);
                writeArrays(out, trainerState);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} holds a checkpoint. */
    public static boolean exists(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(FILE));
    }

    /** Reads the checkpoint in {@code dir}. */
    @SuppressWarnings("unchecked")
    public static Checkpoint load(Path dir) {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(file + " is not a robustrec checkpoint (bad header)");
            }
            Map<String, Object> meta = JSON.readValue(in.readUTF(), Map.class);
            List<EpochRecord> history = new ArrayList<>();
            for (List<Number> r : (List<List<Number>>) meta.get("history")) {
                history.add(new EpochRecord(r.get(0).intValue(), r.get(1).doubleValue(), r.get(2).doubleValue(),
                        r.get(3).doubleValue(), r.get(4).doubleValue()));
            }
            return new Checkpoint((String) meta.get("fingerprint"), ((Number) meta.get("nextEpoch")).intValue(),
                    ((Number) meta.get("bestEpoch")).intValue(), ((Number) meta.get("bestValidation")).doubleValue(),
                    ((Number) meta.get("validationsWithoutImprovement")).intValue(), history,
                    readArrays(in), readArrays(in), readArrays(in), readArrays(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeArrays(DataOutputStream out, Map<String, INDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), out);
        }
    }

    private static Map<String, INDArray> readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            m.put(name, Nd4j.read(in));
        }
        return m;
    }
}
