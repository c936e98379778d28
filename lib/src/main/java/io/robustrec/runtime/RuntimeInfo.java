package io.robustrec.runtime;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/**
 * What is running this code: library version, ND4J backend, device and threads. Nothing in the library assumes
 * which backend is active; this only reports it.
 *
 * @param libraryVersion robustrec version
 * @param backend        ND4J backend class (CpuBackend or a CUDA backend)
 * @param device         device description (CPU model / GPU name as ND4J reports it)
 * @param threads        OpenMP threads libnd4j uses
 */
public record RuntimeInfo(String libraryVersion, String backend, String device, int threads) {

    /** Library version, read from the jar's manifest, or "dev" when running from classes. */
    public static String version() {
        String v = RuntimeInfo.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    /** Inspects the running ND4J. Loads the backend on first call. */
    public static RuntimeInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String device = String.valueOf(env.getOrDefault("cuda.devicesInformation",
                env.getOrDefault("backend", "CPU") + " (" + Runtime.getRuntime().availableProcessors() + " cores visible)"));
        int threads = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "1")));
        return new RuntimeInfo(version(), backend, device, threads);
    }
}
