package io.robustrec.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedResultsTest {
    @TempDir
    Path dir;

    private static String capture(Runnable r) {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(original);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recordPrintsLinesThatParseBack() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("hr@10", 0.5);
        values.put("name with \"quotes\"", -1.25e-7);
        String out = capture(() -> {
            Notebook.record("ndcg@10", 0.3141);
            Notebook.record(values);
        });
        assertTrue(out.startsWith(RecordedResults.MARKER), out);
        Map<String, Double> parsed = RecordedResults.parseText(out);
        assertEquals(List.of("ndcg@10", "hr@10", "name with \"quotes\""), List.copyOf(parsed.keySet()));
        assertEquals(0.3141, parsed.get("ndcg@10"));
        assertEquals(-1.25e-7, parsed.get("name with \"quotes\""));
    }

    @Test
    void nonFiniteOrBadNamesAreRejectedBeforeAnythingIsPrinted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Notebook.record("loss", Double.NaN));
        assertTrue(e.getMessage().contains("value=NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Notebook.record(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> Notebook.record("a\nb", 1));
        Map<String, Double> mixed = new LinkedHashMap<>();
        mixed.put("ok", 1.0);
        mixed.put("bad", Double.POSITIVE_INFINITY);
        String out = capture(() -> assertThrows(IllegalArgumentException.class, () -> Notebook.record(mixed)));
        assertEquals("", out, "no partial output when one value is bad");
    }

    @Test
    void parseLineIgnoresOrdinaryLinesAndRejectsBrokenPayloads() {
        assertEquals(Optional.empty(), RecordedResults.parseLine("epoch 3 loss=0.2"));
        assertEquals(Map.entry("x", 2.0), RecordedResults.parseLine("\rprogress " + RecordedResults.format("x", 2))
                .orElseThrow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedResults.parseLine("ROBUSTREC_RESULT {\"name\":\"x\"}"));
        assertTrue(e.getMessage().contains("{\"name\":\"x\"}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordedResults.parseLine("ROBUSTREC_RESULT {oops"));
    }

    @Test
    void readsResultsFromAnExecutedNotebook() throws Exception {
        String line1 = RecordedResults.format("hr@10", 0.25);
        String line2 = RecordedResults.format("ndcg@10", 0.125);
        String line3 = RecordedResults.format("hr@10", 0.5);
        // text as a list of lines in one cell, as a single string in another; stderr and display data ignored
        String ipynb = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": "# t"},
                  {"cell_type": "code", "metadata": {}, "source": "", "execution_count": 1, "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["epoch 1\\n", %s, %s]},
                    {"output_type": "stream", "name": "stderr", "text": %s},
                    {"output_type": "display_data", "metadata": {}, "data": {"text/plain": %s}}
                  ]},
                  {"cell_type": "code", "metadata": {}, "source": "", "execution_count": 2, "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": %s}
                  ]}
                ]}
                """.formatted(q(line1 + "\n"), q(line2 + "\n"), q(RecordedResults.format("stderr", 9) + "\n"),
                q(RecordedResults.format("display", 9)), q("noise\n" + line3 + "\n"));
        Path nb = dir.resolve("executed.ipynb");
        Files.writeString(nb, ipynb);

        Map<String, Double> results = RecordedResults.read(nb);

        assertEquals(Map.of("hr@10", 0.5, "ndcg@10", 0.125), results);
        assertEquals(List.of("ndcg@10", "hr@10"), List.copyOf(results.keySet()), "a re-recorded name moves last");
    }

    @Test
    void readNamesFileAndCellOfAMalformedResult() throws Exception {
        Path nb = dir.resolve("bad.ipynb");
        Files.writeString(nb, """
                {"cells": [{"cell_type": "code", "outputs": [
                  {"output_type": "stream", "name": "stdout", "text": "ROBUSTREC_RESULT {\\"value\\": 1}\\n"}]}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordedResults.read(nb));
        assertTrue(e.getMessage().startsWith(nb + ", cell 0:"), e.getMessage());

        Path notNb = dir.resolve("x.ipynb");
        Files.writeString(notNb, "{\"a\": 1}");
        e = assertThrows(IllegalArgumentException.class, () -> RecordedResults.read(notNb));
        assertTrue(e.getMessage().contains("no 'cells' array"), e.getMessage());
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
