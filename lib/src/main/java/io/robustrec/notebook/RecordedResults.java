package io.robustrec.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-readable form of a notebook's results: one stdout line per value,
 * {@code ROBUSTREC_RESULT {"name":"hr@10","value":0.4213}}.
 *
 * <p>A marked stdout line was chosen over a custom MIME bundle because every kernel forwards stdout unchanged,
 * a reader sees the number in the notebook, and {@code environment/run_notebooks.py} and {@link #read(Path)} can
 * both parse it from a saved {@code .ipynb} without kernel-specific code. When a name is recorded twice, the later
 * value wins (re-running a cell in a live session must not create two results).
 */
public final class RecordedResults {
    /** Prefix that marks a result line. */
    public static final String MARKER = "ROBUSTREC_RESULT ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedResults() {
    }

    /** Checks a result name and value; the name must be non-blank and on one line, the value finite. */
    static void validate(String name, double value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name=" + (name == null ? "null" : "'" + name + "'")
                    + " must be a non-blank string");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("name='" + name.replace("\n", "\\n").replace("\r", "\\r")
                    + "' must not contain line breaks");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value=" + value + " for result '" + name + "' must be finite");
        }
    }

    /** The marked line (without line terminator) that records {@code name = value}. */
    public static String format(String name, double value) {
        validate(name, value);
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        node.put("value", value);
        try {
            return MARKER + JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode result " + name, e);
        }
    }

    /**
     * Parses one line of output; empty when the line carries no marker. A line with the marker but a malformed
     * payload is an error naming the line, because a half-written result must not vanish silently.
     */
    public static Optional<Map.Entry<String, Double>> parseLine(String line) {
        int at = line.indexOf(MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        String payload = line.substring(at + MARKER.length()).trim();
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode name = node == null ? null : node.get("name");
            JsonNode value = node == null ? null : node.get("value");
            if (name == null || !name.isTextual() || value == null || !value.isNumber()) {
                throw new IllegalArgumentException("malformed result line (needs text 'name' and numeric 'value'): "
                        + line);
            }
            return Optional.of(Map.entry(name.asText(), value.asDouble()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed result line (bad JSON: " + e.getOriginalMessage() + "): "
                    + line, e);
        }
    }

    /** All results in a block of text (several lines), in order, later names overriding earlier ones. */
    public static Map<String, Double> parseText(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            parseLine(line).ifPresent(e -> {
                out.remove(e.getKey());
                out.put(e.getKey(), e.getValue());
            });
        }
        return out;
    }

    /**
     * Reads the results recorded in an executed notebook ({@code .ipynb}, nbformat 4): every stdout stream output of
     * every code cell is scanned for marked lines.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when the file is not a notebook or a marked line is malformed (the message
     *                                  names the file and the cell)
     */
    public static Map<String, Double> read(Path executedIpynb) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(executedIpynb));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(executedIpynb + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + executedIpynb, e);
        }
        JsonNode cells = root == null ? null : root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new IllegalArgumentException(executedIpynb + ": not a notebook (no 'cells' array)");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode outputs = cells.get(i).get("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonNode output : outputs) {
                if (!"stream".equals(output.path("output_type").asText())
                        || !"stdout".equals(output.path("name").asText())) {
                    continue;
                }
                try {
                    // parse per output: nbformat may store text as one string or as a list of lines
                    for (Map.Entry<String, Double> e : parseText(joinText(output.get("text"))).entrySet()) {
                        out.remove(e.getKey());
                        out.put(e.getKey(), e.getValue());
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(executedIpynb + ", cell " + i + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static String joinText(JsonNode text) {
        if (text == null) {
            return "";
        }
        if (text.isArray()) {
            StringBuilder sb = new StringBuilder();
            text.forEach(t -> sb.append(t.asText()));
            return sb.toString();
        }
        return text.asText();
    }
}
