package io.robustrec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small regular interaction log for command-line tests: users of three history lengths, no repeated item. */
final class TinyLog {

    private TinyLog() {
    }

    /**
     * Writes {@code log.csv} (user,item,timestamp) into {@code dir}: user u has length + (u mod 3) events and its t-th
     * item is (3u + 7t) mod items, so with items coprime to 7 and length + 2 at most items a user never repeats an item.
     */
    static Path write(Path dir, int users, int length, int items) throws IOException {
        StringBuilder sb = new StringBuilder("user,item,timestamp\n");
        for (int u = 0; u < users; u++) {
            for (int t = 0; t < length + u % 3; t++) {
                sb.append('u').append(u).append(",i").append((u * 3 + t * 7) % items).append(',').append(100 + t).append('\n');
            }
        }
        Path f = dir.resolve("log.csv");
        Files.writeString(f, sb.toString());
        return f;
    }
}
