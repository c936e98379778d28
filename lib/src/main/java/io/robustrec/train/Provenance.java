package io.robustrec.train;

import java.util.Map;

/**
 * Where a trained model came from: enough to reproduce it.
 *
 * @param trainer         trainer name
 * @param backbone        backbone name
 * @param config          the training and backbone settings, flattened to strings
 * @param seed            the seed
 * @param datasetChecksum SHA-256 over the training data as the model saw it
 * @param libraryVersion  robustrec version
 * @param backend         the ND4J backend that ran it
 */
public record Provenance(String trainer, String backbone, Map<String, String> config, long seed, String datasetChecksum,
                         String libraryVersion, String backend) {
    public Provenance {
        config = Map.copyOf(config);
    }
}
