package io.robustrec.notebook;

/** The Jupyter Java kernel the code runs in, as detected from the classes visible at run time. */
public enum KernelKind {
    /** {@code io.github.padreati:rapaio-jupyter-kernel}: display through {@code org.rapaio.jupyter.kernel.global.Global}. */
    RAPAIO("org.rapaio.jupyter.kernel.global.Global"),
    /** JJava (dflib), the maintained fork of IJava. */
    JJAVA("org.dflib.jjava.JJava"),
    /** IJava (SpencerPark). */
    IJAVA("io.github.spencerpark.ijava.IJava"),
    /** No kernel: output goes to files. */
    NONE(null);

    private final String markerClass;

    KernelKind(String markerClass) {
        this.markerClass = markerClass;
    }

    /** Fully qualified name of the class whose presence identifies this kernel, or null for {@link #NONE}. */
    public String markerClass() {
        return markerClass;
    }

    /**
     * Detects the kernel from class presence. The library must not depend on any kernel at compile time, so this
     * only asks class loaders: the one that loaded this library (inside JShell its parent sees the kernel's jar)
     * and the thread's context class loader.
     */
    public static KernelKind detect() {
        for (KernelKind kind : values()) {
            if (kind.markerClass != null && Reflection.findClass(kind.markerClass) != null) {
                return kind;
            }
        }
        return NONE;
    }
}
