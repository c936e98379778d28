/**
 * A synthetic interaction world with known shifts: the project's embedded default dataset.
 *
 * <p>{@link io.robustrec.data.synthetic.SyntheticWorld#generate(io.robustrec.data.synthetic.WorldConfig)} produces
 * an {@link io.robustrec.data.InteractionLog} (or a {@link io.robustrec.data.SequenceDataset} directly) whose
 * training period follows one distribution and whose test period (the last events of each user) is shifted in
 * controlled ways, together with a {@link io.robustrec.data.synthetic.WorldTruth} saying which users drifted,
 * which events are noise and where every item belongs.
 */
package io.robustrec.data.synthetic;
