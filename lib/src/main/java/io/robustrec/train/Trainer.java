package io.robustrec.train;

import io.robustrec.data.SplitData;
import io.robustrec.model.Backbone;
import io.robustrec.model.BackboneConfig;

/**
 * Trains a backbone on a split. ERM is one trainer; each robust method is another. Every trainer works with
 * every backbone.
 */
public interface Trainer {

    /** Short name ("erm", "rsr-hard", ...). */
    String name();

    /**
     * Trains, validating on {@code data.validation()} only; the test cases are not touched.
     *
     * @param backbone the encoder to train
     * @param shape    its shape
     * @param data     training sequences and validation cases
     * @param config   training settings
     * @param listener progress observer
     * @return the model with its best-validation parameters, history and provenance
     */
    TrainResult fit(Backbone backbone, BackboneConfig shape, SplitData data, TrainConfig config, TrainingListener listener);
}
