package io.robustrec.data;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One registered dataset file: where it sits under a data directory, its checksum, and its terms of use.
 *
 * @param name     registry name, also the sub-directory ({@code <data dir>/<name>/<file>})
 * @param file     file name inside that directory
 * @param sha256   lower-case hex SHA-256 of the file
 * @param licence  licence of the data
 * @param url      public source
 * @param citation what to cite / attribute
 */
public record DatasetInfo(String name, String file, String sha256, String licence, String url, String citation) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(citation, "citation");
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("name='" + name + "' must be a non-blank directory name");
        }
        if (file.isBlank()) {
            throw new IllegalArgumentException("file='" + file + "' must not be blank");
        }
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256='" + sha256 + "' must be 64 lower-case hex digits");
        }
    }

    /** The relative path {@code <name>/<file>}. */
    public String relativePath() {
        return name + "/" + file;
    }
}
