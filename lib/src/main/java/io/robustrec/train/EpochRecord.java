package io.robustrec.train;

/**
 * What one epoch did.
 *
 * @param epoch             0-based epoch number
 * @param meanLoss          mean training loss over the epoch's batches
 * @param validationNdcg10  full-ranking NDCG@10 on the validation items, or NaN when not validated this epoch
 * @param seconds           wall time of the training part of the epoch, the trainer's per-epoch preparation included (validation excluded)
 * @param sequencesPerSecond training samples processed per second
 */
public record EpochRecord(int epoch, double meanLoss, double validationNdcg10, double seconds, double sequencesPerSecond) {
}
