package io.robustrec.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local directory of dataset mirrors laid out as {@code <dir>/<name>/<file>} (see {@link DatasetRegistry}).
 *
 * <p>The directory comes from, in order: an explicit path ({@link #DataDirectory(Path)}), the system property
 * {@value #PROPERTY}, or the environment variable {@value #ENV}. Datasets are never copied into the project: when
 * one is not found, {@link #find} returns empty and {@link #missingMessage} says where it was looked for, so
 * callers can fall back to generated data. A found file is checked against the registry's SHA-256; a mismatch is
 * an error, never a silent use of different data.
 */
public final class DataDirectory {

    /** Environment variable naming the data directory. */
    public static final String ENV = "ROBUSTREC_DATA";
    /** System property naming the data directory (wins over the environment variable). */
    public static final String PROPERTY = "robustrec.data";

    // hashing 7 MB costs ~50 ms; notebooks look datasets up repeatedly
    private static final Map<String, String> CHECKSUMS = new ConcurrentHashMap<>();

    private final Path root;
    private final DatasetRegistry registry;

    /** A data directory at an explicit path, with the built-in registry. */
    public DataDirectory(Path root) {
        this(root, DatasetRegistry.builtIn());
    }

    /**
     * @param root     the directory
     * @param registry the datasets to look for
     */
    public DataDirectory(Path root, DatasetRegistry registry) {
        this.root = Objects.requireNonNull(root, "root");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The data directory configured by {@value #PROPERTY} or {@value #ENV}, if either is set and non-blank. */
    public static Optional<DataDirectory> fromEnvironment() {
        return configured(System.getProperty(PROPERTY), System.getenv(ENV)).map(DataDirectory::new);
    }

    /** The property value if set, else the environment value, else empty (blank values count as unset). */
    static Optional<Path> configured(String property, String env) {
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property.trim()));
        }
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env.trim()));
        }
        return Optional.empty();
    }

    /**
     * Finds a registered dataset in the configured data directory.
     *
     * @return the verified path, or empty when no directory is configured or the file is not there
     */
    public static Optional<Path> locate(String name) {
        DatasetInfo info = DatasetRegistry.builtIn().require(name);
        return fromEnvironment().flatMap(d -> d.find(info));
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** Where a dataset is expected: {@code <root>/<name>/<file>}. */
    public Path expectedPath(DatasetInfo info) {
        return root.resolve(info.name()).resolve(info.file());
    }

    /**
     * Finds a dataset by registry name.
     *
     * @throws IllegalArgumentException for a name not in the registry
     */
    public Optional<Path> find(String name) {
        return find(registry.require(name));
    }

    /**
     * Finds a dataset and verifies its checksum.
     *
     * @return the path, or empty when the file does not exist
     * @throws IllegalStateException naming the file, the expected and the actual checksum on a mismatch
     */
    public Optional<Path> find(DatasetInfo info) {
        Path p = expectedPath(info);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        String actual = sha256(p);
        if (!actual.equals(info.sha256())) {
            throw new IllegalStateException("checksum mismatch for " + p.toAbsolutePath() + ": registry expects sha256 "
                    + info.sha256() + " but the file has " + actual);
        }
        return Optional.of(p);
    }

    /** A message for a dataset that was not found, naming the path looked at and how to configure it. */
    public String missingMessage(DatasetInfo info) {
        return "dataset '" + info.name() + "' not found at " + expectedPath(info).toAbsolutePath()
                + "; put " + info.relativePath() + " under the data directory (set -D" + PROPERTY + "=<dir> or "
                + ENV + "=<dir>), public source: " + info.url();
    }

    /** Lower-case hex SHA-256 of a file (cached per path, size and modification time). */
    public static String sha256(Path file) {
        LogFiles.requireFile(file);
        try {
            String key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            String cached = CHECKSUMS.get(key);
            if (cached != null) {
                return cached;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            String hex = HexFormat.of().formatHex(md.digest());
            CHECKSUMS.put(key, hex);
            return hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " to checksum it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
