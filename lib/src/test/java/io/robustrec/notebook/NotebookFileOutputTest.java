package io.robustrec.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class NotebookFileOutputTest {
    @TempDir
    Path dir;

    @AfterEach
    void resetSink() {
        Notebook.useSink(null);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void noKernelOnTheTestClassPath() {
        assertEquals(KernelKind.NONE, KernelKind.detect());
    }

    @Test
    void chartIsWrittenAsPngOfTheChartSize() throws IOException {
        Notebook.writeFilesTo(dir);
        assertEquals(KernelKind.NONE, Notebook.kernel());
        assertEquals(dir, Notebook.outputDirectory());

        Notebook.showChart(Charts.trainingCurvesOf("Loss / epoch", "loss", Map.of("train", new double[]{3, 2, 1})));

        List<Path> files = files();
        assertEquals(1, files.size());
        assertEquals("001-loss-epoch.png", files.get(0).getFileName().toString());
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        assertNotNull(img, "PNG must be readable");
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void tableHtmlAndMarkdownAreWrittenInOrder() throws IOException {
        Notebook.writeFilesTo(dir);
        Table t = Table.create("scores <top>", StringColumn.create("method", "erm", "dro"),
                DoubleColumn.create("ndcg", 0.123456, 0.2));

        Notebook.showTable(t);
        Notebook.showHtml("<p>hello</p>");
        Notebook.showMarkdown("# Title");

        List<Path> files = files();
        assertEquals(List.of("001-scores-top.html", "002-html.html", "003-markdown.md"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        String table = Files.readString(files.get(0));
        assertTrue(table.contains("<th"), table);
        assertTrue(table.contains(">method</th>"), table);
        assertTrue(table.contains(">0.1235</td>"), "doubles rounded to 4 decimals: " + table);
        assertTrue(table.contains("scores &lt;top&gt;"), "caption escaped: " + table);
        assertTrue(Files.readString(files.get(1)).contains("<p>hello</p>"));
        assertEquals("# Title", Files.readString(files.get(2)));
    }

    @Test
    void showDispatchesOnType() throws IOException {
        Notebook.writeFilesTo(dir);
        Notebook.show(Table.create("t", DoubleColumn.create("x", 1.0)));
        Notebook.show(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        List<Path> files = files();
        assertEquals(2, files.size());
        assertTrue(files.get(0).toString().endsWith(".html"));
        assertTrue(files.get(1).toString().endsWith(".png"));
        assertEquals(4, ImageIO.read(files.get(1).toFile()).getWidth());
    }

    @Test
    void resettingTheSinkReturnsToDetection() {
        Notebook.writeFilesTo(dir);
        Notebook.useSink(null);
        assertEquals(KernelKind.NONE, Notebook.kernel());
        assertFalse(dir.equals(Notebook.outputDirectory()), "detection uses the default directory again");
        assertNull(new RapaioLikeSink().updatableText("x"));
    }

    /** A sink with no in-place update, to check the interface default. */
    private static final class RapaioLikeSink implements DisplaySink {
        @Override
        public void image(BufferedImage image, String name) {
        }

        @Override
        public void html(String html, String name) {
        }

        @Override
        public void markdown(String markdown, String name) {
        }
    }

    @Test
    void slugKeepsFileNamesSafe() {
        assertEquals("ndcg-10-by-method", FileSink.slug("NDCG@10 by method!"));
        assertEquals("output", FileSink.slug("***"));
        assertEquals("output", FileSink.slug(null));
    }
}
