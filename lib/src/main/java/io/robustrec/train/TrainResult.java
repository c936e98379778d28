package io.robustrec.train;

import io.robustrec.model.SequenceModel;

import java.util.List;

/**
 * A trained model (holding the parameters of its best validation epoch), its history and provenance.
 *
 * @param model               the model, restored to the best validated parameters
 * @param history             one record per epoch run
 * @param bestEpoch           epoch whose parameters the model holds
 * @param bestValidationNdcg10 validation NDCG@10 of that epoch
 * @param stopReason          why training ended
 * @param provenance          how to reproduce it
 */
public record TrainResult(SequenceModel model, List<EpochRecord> history, int bestEpoch, double bestValidationNdcg10,
                          String stopReason, Provenance provenance) {
    public TrainResult {
        history = List.copyOf(history);
    }

    /** Mean training seconds per epoch. */
    public double secondsPerEpoch() {
        return history.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    /** Mean training samples per second. */
    public double sequencesPerSecond() {
        return history.stream().mapToDouble(EpochRecord::sequencesPerSecond).average().orElse(Double.NaN);
    }
}
