/**
 * Shift scenarios that change a dataset or its evaluation, each seeded and each returning what it changed:
 * {@link io.robustrec.shift.TrainingNoise} and {@link io.robustrec.shift.FakeItems} corrupt training sequences,
 * {@link io.robustrec.shift.PopularityShift} re-samples the test set away from training popularity,
 * {@link io.robustrec.shift.SequenceEndReplacement} edits test histories (randomly or adversarially through an
 * {@link io.robustrec.shift.ItemHarm}), and {@link io.robustrec.shift.TemporalDrift} splits at a global time cut.
 */
package io.robustrec.shift;
