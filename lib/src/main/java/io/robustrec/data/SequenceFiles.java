package io.robustrec.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a prepared dataset in the library's sequence format: one line per user, {@code user item item ...} with
 * raw ids separated by single spaces, oldest first. {@link LogFormat#SEQ} reads it back.
 */
public final class SequenceFiles {

    private SequenceFiles() {
    }

    /** Writes {@code dataset} to {@code file} (parent folders created). Raw ids must not contain white space. */
    public static void write(SequenceDataset dataset, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (UserSequence u : dataset.users()) {
                    check(u.rawUserId(), "user");
                    w.write(u.rawUserId());
                    for (int item : u.items()) {
                        String raw = dataset.rawItemId(item);
                        check(raw, "item");
                        w.write(' ');
                        w.write(raw);
                    }
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void check(String id, String what) {
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " id '" + id + "' contains white space; the sequence format cannot hold it");
        }
    }
}
