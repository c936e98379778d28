package io.robustrec.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;

/**
 * Display through rapaio-jupyter-kernel. Its notebook-level {@code display(...)} functions are static methods of
 * {@code org.rapaio.jupyter.kernel.global.Global}, which library code can call reflectively because the kernel runs
 * JShell in its own JVM (a {@code DirectExecutionControl}): the kernel's classes are visible to the JShell class
 * loader that loads this library.
 *
 * <p>Found by reading the kernel jar (3.0.1): {@code Global.display(Object)} renders a {@code RenderedImage} as
 * {@code image/png}; {@code Global.display(String mime, Object)} sends {@code toString()} under the given MIME type;
 * {@code Global.updateDisplay(String id, String mime, Object)} replaces an earlier output.
 */
final class RapaioSink implements DisplaySink {
    private final Method display1;
    private final Method display2;
    private final Method update3;

    RapaioSink(Class<?> global) {
        this.display1 = Reflection.findStatic(global, "display", 1);
        this.display2 = Reflection.findStatic(global, "display", 2);
        this.update3 = Reflection.findStatic(global, "updateDisplay", 3);
    }

    @Override
    public void image(BufferedImage image, String name) {
        Reflection.invoke(display1, null, image);
    }

    @Override
    public void html(String html, String name) {
        Reflection.invoke(display2, null, "text/html", html);
    }

    @Override
    public void markdown(String markdown, String name) {
        Reflection.invoke(display2, null, "text/markdown", markdown);
    }

    @Override
    public TextHandle updatableText(String initial) {
        String id = (String) Reflection.invoke(display2, null, "text/plain", initial);
        return text -> Reflection.invoke(update3, null, id, "text/plain", text);
    }
}
