package io.robustrec.train;

/** The loss became NaN or infinite; the message names the epoch and step and where the last good state is. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
