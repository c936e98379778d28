package io.robustrec.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuietAndProgressTest {

    @Test
    void quietDropsNd4jGradientLinesOnlyAndRestoresStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        int result;
        try {
            result = Notebook.quiet(() -> {
                System.out.println("Added differentiated op add");
                System.out.println("kept 1");
                System.out.print("Added differentiated op mul\nAdd this line\n");
                System.out.print("partial");
                return 42;
            });
            assertEquals(capture, System.out, "stdout restored");
        } finally {
            System.setOut(original);
        }
        assertEquals(42, result);
        assertEquals("kept 1\nAdd this line\npartial", buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void quietRunnableRestoresStdoutOnException() {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            assertThrows(IllegalStateException.class, () -> Notebook.quiet((Runnable) () -> {
                throw new IllegalStateException("boom");
            }));
            assertEquals(capture, System.out);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void lineFilterCountsDroppedLines() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        LineFilterOutputStream f = new LineFilterOutputStream(target, "XY");
        f.write("XY1\nX\nXY2\nab".getBytes(StandardCharsets.US_ASCII));
        f.finish();
        assertEquals("X\nab", target.toString(StandardCharsets.US_ASCII));
        assertEquals(2, f.droppedLines());
    }

    @Test
    void carriageReturnLineRewritesInPlaceAndEndsWithNewline() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong();
        ProgressLine p = new CarriageReturnProgressLine(out, clock::get);

        p.start("epoch 1", 4);
        clock.addAndGet(1_000_000_000L);
        p.step(2, "loss=0.5");
        clock.addAndGet(1_000L); // too soon after the last redraw: not drawn
        p.step(3, "loss=0.4");
        clock.addAndGet(1_000_000_000L);
        p.step(4, "loss=0.3");
        p.finish();
        p.finish();

        String text = buf.toString(StandardCharsets.UTF_8);
        String[] frames = text.split("\r", -1);
        assertEquals(5, frames.length, "start, step 2, step 4 and finish redraws: " + text);
        assertTrue(frames[2].startsWith("epoch 1 [############............] 2/4 ( 50%) 2.0/s elapsed 0:01 eta 0:01  loss=0.5"),
                frames[2]);
        assertTrue(frames[4].contains("4/4 (100%)"), frames[4]);
        assertTrue(frames[4].contains("loss=0.3"), frames[4]);
        assertTrue(text.endsWith(System.lineSeparator()), "finish ends the line once");
        assertEquals(1, text.split(System.lineSeparator(), -1).length - 1);
    }

    @Test
    void progressArgumentsAreChecked() {
        ProgressLine p = ProgressLine.carriageReturn(new PrintStream(new ByteArrayOutputStream()));
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> p.step(1, null));
        assertEquals("step(1) called before start(...)", s.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.start("t", -2));
        assertEquals("total=-2 must be >= 0 (0 = unknown)", e.getMessage());
        p.start("t", 0);
        assertThrows(IllegalArgumentException.class, () -> p.step(-1, null));
    }

    @Test
    void progressFormatWithoutTotalShowsOnlyCounts() {
        assertEquals("scan 7", ProgressFormat.line("scan", 7, 0, 0, null));
        assertEquals("1:01:01", ProgressFormat.duration(3661));
        assertEquals("0:59", ProgressFormat.duration(59.4));
    }

    @Test
    void htmlTableCutsRowsAndSaysHowMany() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.IntColumn.create("i", 1, 2, 3), tech.tablesaw.api.StringColumn.create("s", "<a>", "b", "c"));
        String html = HtmlTables.toHtml(t, 2);
        assertTrue(html.contains("&lt;a&gt;"), html);
        assertTrue(html.contains("1 more rows not shown (3 in total)"), html);
        assertEquals(2, html.split("<tr>", -1).length - 2, "header row + 2 body rows");
        assertEquals("1.000e-04", HtmlTables.formatDouble(1e-4));
        assertEquals("0.5000", HtmlTables.formatDouble(0.5));
        assertThrows(IllegalArgumentException.class, () -> HtmlTables.toHtml(t, 0));
    }
}
