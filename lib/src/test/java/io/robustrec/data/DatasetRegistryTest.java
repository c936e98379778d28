package io.robustrec.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetRegistryTest {

    @TempDir
    Path dir;

    // sha256 of the 3 bytes "abc" (FIPS 180-2 test vector)
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private DatasetRegistry registry(String sha) {
        return new DatasetRegistry(List.of(new DatasetInfo("toy", "toy.txt", sha, "CC0", "https://example.org/toy", "nobody")));
    }

    @Test
    void findsAndVerifiesUnderNameDirectory() throws IOException {
        Files.createDirectories(dir.resolve("toy"));
        Files.writeString(dir.resolve("toy/toy.txt"), "abc");
        assertEquals(ABC, DataDirectory.sha256(dir.resolve("toy/toy.txt")));
        DataDirectory d = new DataDirectory(dir, registry(ABC));
        assertEquals(Optional.of(dir.resolve("toy/toy.txt")), d.find("toy"));
    }

    @Test
    void checksumMismatchNamesFileAndBothValues() throws IOException {
        Files.createDirectories(dir.resolve("toy"));
        Files.writeString(dir.resolve("toy/toy.txt"), "abd");
        String wrong = "0".repeat(64);
        DataDirectory d = new DataDirectory(dir, registry(wrong));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.find("toy"));
        assertTrue(e.getMessage().contains(dir.resolve("toy/toy.txt").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains(DataDirectory.sha256(dir.resolve("toy/toy.txt"))), e.getMessage());
    }

    @Test
    void missingDatasetIsEmptyWithAClearMessage() {
        DataDirectory d = new DataDirectory(dir);
        assertEquals(Optional.empty(), d.find("onlineretail"));
        String msg = d.missingMessage(DatasetRegistry.ONLINE_RETAIL);
        assertTrue(msg.contains(dir.resolve("onlineretail/onlineretail.tsv.gz").toAbsolutePath().toString()), msg);
        assertTrue(msg.contains("ROBUSTREC_DATA") && msg.contains("robustrec.data"), msg);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.find("netflix"));
        assertTrue(e.getMessage().contains("'netflix'") && e.getMessage().contains("onlineretail"), e.getMessage());
    }

    @Test
    void propertyWinsOverEnvironment() {
        assertEquals(Optional.of(Path.of("/p")), DataDirectory.configured("/p", "/e"));
        assertEquals(Optional.of(Path.of("/e")), DataDirectory.configured(null, "/e"));
        assertEquals(Optional.of(Path.of("/e")), DataDirectory.configured("  ", "/e"));
        assertEquals(Optional.empty(), DataDirectory.configured(null, ""));
        String old = System.getProperty(DataDirectory.PROPERTY);
        try {
            System.setProperty(DataDirectory.PROPERTY, dir.toString());
            assertEquals(dir, DataDirectory.fromEnvironment().orElseThrow().root());
            assertEquals(Optional.empty(), DataDirectory.locate("movietweetings-100k")); // configured, but not there
        } finally {
            if (old == null) {
                System.clearProperty(DataDirectory.PROPERTY);
            } else {
                System.setProperty(DataDirectory.PROPERTY, old);
            }
        }
    }

    @Test
    void registryFileMatchesBuiltIn() {
        // the human-readable registry in datasets/ must not drift from the one compiled into the library
        Path tsv = Path.of("..", "datasets", "registry.tsv");
        assertEquals(DatasetRegistry.builtIn().entries(), DatasetRegistry.load(tsv).entries());
    }

    @Test
    void registryValidation() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new DatasetInfo("a/b", "f", ABC, "l", "u", "c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetInfo("a", "f", "XYZ", "l", "u", "c"));
        assertTrue(e.getMessage().startsWith("sha256='XYZ'"), e.getMessage());
        DatasetInfo t = new DatasetInfo("a", "f", ABC, "l", "u", "c");
        assertThrows(IllegalArgumentException.class, () -> new DatasetRegistry(List.of(t, t)));
        Path bad = dir.resolve("reg.tsv");
        Files.writeString(bad, "name\tfile\tsha256\tlicence\turl\tcitation\nx\tf\tnothex\tl\tu\tc\n");
        DataFormatException fe = assertThrows(DataFormatException.class, () -> DatasetRegistry.load(bad));
        assertEquals(2, fe.lineNumber());
    }
}
