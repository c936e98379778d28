package io.robustrec.cli;

import io.robustrec.model.BackboneConfig;
import picocli.CommandLine.Option;

/** Backbone shape options. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = "sasrec", description = "sasrec, gru4rec, caser, or a baseline: pop, markov (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--max-len", defaultValue = "50", description = "maximum sequence length L (default ${DEFAULT-VALUE})")
    int maxLen;

    @Option(names = "--dim", defaultValue = "50", description = "embedding/hidden size d (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--blocks", defaultValue = "2", description = "SASRec blocks / GRU layers (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--heads", defaultValue = "1", description = "SASRec attention heads (default ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--dropout", defaultValue = "0.2", description = "dropout rate (default ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--threads", defaultValue = "1", description = "ND4J threads (default ${DEFAULT-VALUE})")
    int threads;

    BackboneConfig shape() {
        return new BackboneConfig(maxLen, dim, blocks, heads, dropout);
    }

    boolean isBaseline() {
        return model.equalsIgnoreCase("pop") || model.equalsIgnoreCase("markov");
    }

    void applyThreads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads=" + threads + " must be >= 1");
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }
}
