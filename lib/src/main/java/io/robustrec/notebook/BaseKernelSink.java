package io.robustrec.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;

/**
 * Display through IJava or JJava, which share the "jupyter-jvm-basekernel" design: a static
 * {@code getKernelInstance()} on the kernel's main class returns a kernel with {@code getRenderer().render(Object)}
 * (a {@code RenderedImage} becomes {@code image/png}) and {@code display(DisplayData)}; a {@code DisplayData} built with
 * its no-argument constructor takes HTML through {@code putHTML(String)} and other types through
 * {@code putData(String, String)}.
 *
 * <p>Not exercised on this machine (neither kernel is published on Maven Central as a complete kernel); written
 * against their public sources and kept reflective so that it can never break compilation.
 */
final class BaseKernelSink implements DisplaySink {
    private final Class<?> kernelMain;

    BaseKernelSink(Class<?> kernelMain) {
        this.kernelMain = kernelMain;
    }

    private Object kernel() {
        Object kernel = Reflection.invoke(Reflection.findStatic(kernelMain, "getKernelInstance", 0), null);
        if (kernel == null) {
            throw new IllegalStateException(kernelMain.getName() + ".getKernelInstance() returned null: no kernel running");
        }
        return kernel;
    }

    private static void display(Object kernel, Object data) {
        Reflection.invoke(Reflection.findMethod(kernel.getClass(), "display", data.getClass()), kernel, data);
    }

    /** A fresh DisplayData of the kernel's own class, found from what its renderer returns. */
    private static Object newDisplayData(Object kernel) {
        Object renderer = Reflection.invoke(Reflection.findMethod(kernel.getClass(), "getRenderer"), kernel);
        Class<?> dataClass = Reflection.findMethod(renderer.getClass(), "render", Object.class).getReturnType();
        try {
            return dataClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + dataClass.getName(), e);
        }
    }

    @Override
    public void image(BufferedImage image, String name) {
        Object kernel = kernel();
        Object renderer = Reflection.invoke(Reflection.findMethod(kernel.getClass(), "getRenderer"), kernel);
        Object data = Reflection.invoke(Reflection.findMethod(renderer.getClass(), "render", Object.class), renderer,
                image);
        display(kernel, data);
    }

    @Override
    public void html(String html, String name) {
        Object kernel = kernel();
        Object data = newDisplayData(kernel);
        Reflection.invoke(Reflection.findMethod(data.getClass(), "putHTML", String.class), data, html);
        display(kernel, data);
    }

    @Override
    public void markdown(String markdown, String name) {
        Object kernel = kernel();
        Object data = newDisplayData(kernel);
        Method put = null;
        for (Method m : data.getClass().getMethods()) {
            if (m.getName().equals("putMarkdown") && m.getParameterCount() == 1) {
                put = m;
            }
        }
        if (put != null) {
            Reflection.invoke(put, data, markdown);
        } else {
            Reflection.invoke(Reflection.findMethod(data.getClass(), "putText", String.class), data, markdown);
        }
        display(kernel, data);
    }
}
