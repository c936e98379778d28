package io.robustrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files: existence check with a clear message, and transparent gzip for names ending in .gz. */
public final class LogFiles {

    private static final int BUFFER = 1 << 16;

    private LogFiles() {
    }

    /**
     * Opens a UTF-8 text file for reading, decompressing it when its name ends in {@code .gz}.
     *
     * @throws UncheckedIOException naming the path when it does not exist or cannot be opened
     */
    public static BufferedReader open(Path path) {
        InputStream in = openStream(path);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
    }

    /** Opens a file as bytes, decompressing it when its name ends in {@code .gz}. */
    public static InputStream openStream(Path path) {
        requireFile(path);
        try {
            InputStream raw = Files.newInputStream(path);
            if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                return new GZIPInputStream(raw, BUFFER);
            }
            return new java.io.BufferedInputStream(raw, BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Fails with a message naming the absolute path when {@code path} is not a readable regular file. */
    public static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            String abs = path.toAbsolutePath().toString();
            throw new UncheckedIOException("data file not found: " + abs, new NoSuchFileException(abs));
        }
    }

    /** What to do with one non-blank line of a text file. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * @param lineNumber 1-based line number
         * @param line       the line as read (not trimmed)
         */
        void accept(long lineNumber, String line);
    }

    /**
     * Reads a text file (gzip when named .gz) line by line, passing every non-blank line with its 1-based number;
     * I/O errors become an {@link UncheckedIOException} naming the file.
     */
    public static void forEachNonBlankLine(Path path, LineHandler handler) {
        try (BufferedReader r = open(path)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    handler.accept(lineNo, line);
                }
            }
        } catch (IOException e) {
            throw readError(path, e);
        }
    }

    /** Wraps an I/O error met while reading, naming the file. */
    static UncheckedIOException readError(Path path, IOException e) {
        return new UncheckedIOException("error reading data file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
    }
}
