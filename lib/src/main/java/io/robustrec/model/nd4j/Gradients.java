package io.robustrec.model.nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Runs gradient construction without ND4J's per-op console chatter.
 *
 * <p>SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to {@code System.out} for every op when it first
 * builds a gradient graph; in a notebook that is hundreds of lines. Other output passes through unchanged.
 */
public final class Gradients {

    private static final String NOISE = "Added differentiated op";

    private Gradients() {
    }

    /** Calls {@code work} with the chatter filtered out of {@code System.out}. */
    public static synchronized <T> T quietly(Supplier<T> work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            return work.get();
        } finally {
            System.setOut(original);
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isEmpty() && !line.startsWith(NOISE)) {
                    original.println(line);
                }
            }
        }
    }
}
