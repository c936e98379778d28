package io.robustrec.notebook;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Writes rich output to files when no kernel is running (console runs, tests): images as PNG, HTML fragments as
 * standalone UTF-8 pages, Markdown as {@code .md}. Files are numbered in the order shown
 * ({@code 001-training-curves.png}) so a directory listing reads like the notebook. Each written path is printed
 * to stdout so nothing is shown silently.
 */
public final class FileSink implements DisplaySink {
    private final Path directory;
    private final AtomicInteger counter = new AtomicInteger();

    /** A sink writing into {@code directory} (created on first write). */
    public FileSink(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The directory files are written to. */
    public Path directory() {
        return directory;
    }

    @Override
    public void image(BufferedImage image, String name) {
        Path file = next(name, "png");
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        announce(file);
    }

    @Override
    public void html(String html, String name) {
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlTables.escape(name)
                + "</title></head>\n<body>\n" + html + "\n</body></html>\n";
        Path file = next(name, "html");
        write(file, page);
        announce(file);
    }

    @Override
    public void markdown(String markdown, String name) {
        Path file = next(name, "md");
        write(file, markdown);
        announce(file);
    }

    private Path next(String name, String extension) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + directory, e);
        }
        return directory.resolve(String.format(Locale.ROOT, "%03d-%s.%s", counter.incrementAndGet(), slug(name),
                extension));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void announce(Path file) {
        System.out.println("[notebook output] " + file);
    }

    /** Lower-case file-name-safe version of a label; "output" when nothing usable is left. */
    static String slug(String name) {
        if (name == null) {
            return "output";
        }
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "output" : s;
    }
}
