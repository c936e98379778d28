package io.robustrec.data;

import java.nio.file.Path;

/**
 * Reads one interaction-log file. Files whose name ends in {@code .gz} are decompressed transparently.
 *
 * <p>A missing file fails with an {@link java.io.UncheckedIOException} naming the path; a malformed line fails
 * with a {@link DataFormatException} naming file, line number and content. Nothing is skipped silently.
 */
public interface LogLoader {

    /**
     * Loads the whole file.
     *
     * @param path the file
     * @return the events in file order, with {@link Interaction#line()} set to the 1-based line number
     */
    InteractionLog load(Path path);
}
