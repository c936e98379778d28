package io.robustrec.notebook;

import java.awt.image.BufferedImage;

/**
 * Where rich output goes: a kernel's display system or a directory of files. One implementation per kernel keeps
 * kernel-specific calls out of notebooks and out of the rest of the library.
 */
public interface DisplaySink {

    /** Shows an image (rendered as PNG); {@code name} is a short label used for file names. */
    void image(BufferedImage image, String name);

    /** Shows an HTML fragment; {@code name} is a short label used for file names. */
    void html(String html, String name);

    /** Shows Markdown text. */
    void markdown(String markdown, String name);

    /**
     * Starts an updatable plain-text display and returns a handle to update it, or null when this sink cannot
     * update output in place (callers then fall back to carriage-return printing).
     */
    default TextHandle updatableText(String initial) {
        return null;
    }

    /** A plain-text output that can be replaced in place. */
    interface TextHandle {
        /** Replaces the displayed text. */
        void update(String text);
    }
}
