package io.robustrec.notebook;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What notebooks call to show things: tables, charts, HTML, Markdown, recorded results and progress.
 *
 * <p>The running kernel is detected once, at first use ({@link KernelKind#detect()}): rapaio-jupyter-kernel, JJava
 * or IJava get their own display calls, made by reflection so the library never depends on a kernel. Without a
 * kernel, output is written as files to {@link #outputDirectory()} (default {@code build/notebook-output}, or the
 * system property {@code robustrec.notebook.output}, or the environment variable {@code ROBUSTREC_NOTEBOOK_OUTPUT}).
 */
public final class Notebook {
    /** Prefix of the line ND4J prints for every op while it builds a gradient function. */
    public static final String ND4J_GRADIENT_NOISE = "Added differentiated op";

    private static volatile DisplaySink sink;
    private static volatile KernelKind kernel;

    private Notebook() {
    }

    /** The kernel detected at first use. */
    public static KernelKind kernel() {
        sink();
        return kernel;
    }

    /** The current display sink (detected at first use). */
    public static DisplaySink sink() {
        DisplaySink s = sink;
        if (s == null) {
            synchronized (Notebook.class) {
                if (sink == null) {
                    KernelKind k = KernelKind.detect();
                    sink = create(k);
                    kernel = k;
                }
                s = sink;
            }
        }
        return s;
    }

    private static DisplaySink create(KernelKind k) {
        return switch (k) {
            case RAPAIO -> new RapaioSink(Reflection.findClass(k.markerClass()));
            case JJAVA, IJAVA -> new BaseKernelSink(Reflection.findClass(k.markerClass()));
            case NONE -> new FileSink(defaultOutputDirectory());
        };
    }

    /** Where files go when no kernel runs: property, then environment variable, then {@code build/notebook-output}. */
    public static Path defaultOutputDirectory() {
        String p = System.getProperty("robustrec.notebook.output");
        if (p == null || p.isBlank()) {
            p = System.getenv("ROBUSTREC_NOTEBOOK_OUTPUT");
        }
        return Path.of(p == null || p.isBlank() ? "build/notebook-output" : p);
    }

    /** The file output directory in use, or null when output goes to a kernel. */
    public static Path outputDirectory() {
        return sink() instanceof FileSink f ? f.directory() : null;
    }

    /**
     * Sends all further output to files in {@code directory}, even inside a kernel (useful to export charts).
     * {@link KernelKind#NONE} is reported from then on.
     */
    public static synchronized void writeFilesTo(Path directory) {
        useSink(new FileSink(Objects.requireNonNull(directory, "directory")));
    }

    /** Replaces the display sink (for tests or custom front ends); null returns to kernel detection. */
    public static synchronized void useSink(DisplaySink newSink) {
        sink = newSink;
        kernel = newSink == null ? null : (newSink instanceof FileSink ? KernelKind.NONE : KernelKind.detect());
    }

    /**
     * Shows any object: a Tablesaw table as HTML, an XChart chart or an image as PNG, anything else as its
     * {@code toString()} on stdout.
     */
    public static void show(Object o) {
        if (o instanceof Table t) {
            showTable(t);
        } else if (o instanceof Chart<?, ?> c) {
            showChart(c);
        } else if (o instanceof RenderedImage img) {
            showImage(img, "image");
        } else {
            System.out.println(o);
        }
    }

    /** Shows a table as HTML (at most {@link HtmlTables#DEFAULT_MAX_ROWS} rows; the rest are counted). */
    public static void showTable(Table table) {
        showTable(table, HtmlTables.DEFAULT_MAX_ROWS);
    }

    /** Shows a table as HTML, at most {@code maxRows} rows (the number not shown is stated under the table). */
    public static void showTable(Table table, int maxRows) {
        String html = HtmlTables.toHtml(table, maxRows);
        sink().html(html, table.name() == null ? "table" : table.name());
    }

    /** Renders an XChart chart to a bitmap and shows it as PNG. */
    public static void showChart(Chart<?, ?> chart) {
        if (chart == null) {
            throw new IllegalArgumentException("chart=null must not be null");
        }
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        sink().image(image, chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle());
    }

    /** Shows an image as PNG; {@code name} labels the file when output goes to files. */
    public static void showImage(RenderedImage image, String name) {
        if (image == null) {
            throw new IllegalArgumentException("image=null must not be null");
        }
        BufferedImage buffered;
        if (image instanceof BufferedImage b) {
            buffered = b;
        } else {
            buffered = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            buffered.createGraphics().drawRenderedImage(image, new java.awt.geom.AffineTransform());
        }
        sink().image(buffered, name);
    }

    /** Shows an HTML fragment. */
    public static void showHtml(String html) {
        sink().html(Objects.requireNonNull(html, "html"), "html");
    }

    /** Shows Markdown text (rendered by the notebook front end). */
    public static void showMarkdown(String markdown) {
        sink().markdown(Objects.requireNonNull(markdown, "markdown"), "markdown");
    }

    /**
     * Records a result for tests and reports: prints {@code ROBUSTREC_RESULT {"name":..,"value":..}} on stdout,
     * which {@link RecordedResults#read(Path)} and {@code environment/run_notebooks.py} extract from the executed
     * notebook.
     *
     * @throws IllegalArgumentException when the name is blank or has line breaks, or the value is not finite
     */
    public static void record(String name, double value) {
        String line = RecordedResults.format(name, value);
        System.out.println(line);
        System.out.flush();
    }

    /** Records every entry of {@code values} (in the map's iteration order); all are checked before any is printed. */
    public static void record(Map<String, ? extends Number> values) {
        Objects.requireNonNull(values, "values");
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("value=null for result '" + e.getKey() + "' must be a number");
            }
            RecordedResults.validate(e.getKey(), e.getValue().doubleValue());
        }
        values.forEach((k, v) -> record(k, v.doubleValue()));
    }

    /** A progress line suited to the current kernel (see {@link ProgressLine#auto()}). */
    public static ProgressLine progress() {
        DisplaySink s = sink();
        if (s instanceof RapaioSink) {
            return new DisplayProgressLine(s, System::nanoTime);
        }
        if (s instanceof BaseKernelSink) {
            return ProgressLine.carriageReturn(System.out);
        }
        return ProgressLine.console();
    }

    /** Runs {@code action} with stdout lines starting with {@value #ND4J_GRADIENT_NOISE} removed. */
    public static void quiet(Runnable action) {
        Objects.requireNonNull(action, "action");
        quiet(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code action} and returns its result, with stdout lines starting with {@value #ND4J_GRADIENT_NOISE}
     * removed (ND4J prints one per op when it builds a gradient function). Other output passes through live.
     * System.out is swapped for the duration, so output of other threads in that window is filtered too.
     */
    public static <T> T quiet(Supplier<T> action) {
        Objects.requireNonNull(action, "action");
        PrintStream original = System.out;
        LineFilterOutputStream filter = new LineFilterOutputStream(original, ND4J_GRADIENT_NOISE);
        PrintStream filtered = new PrintStream(filter, true, charsetOf(original));
        System.setOut(filtered);
        try {
            return action.get();
        } finally {
            filtered.flush();
            try {
                filter.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                System.setOut(original);
            }
        }
    }

    /** The encoding System.out uses on Java 17 (PrintStream.charset() only exists from Java 18). */
    private static Charset charsetOf(PrintStream ps) {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
