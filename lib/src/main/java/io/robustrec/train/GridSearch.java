package io.robustrec.train;

import io.robustrec.data.SplitData;
import io.robustrec.model.BackboneConfig;
import io.robustrec.model.Backbones;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A small grid search over trainers (any trainer, any settings) that looks at the validation item only: each candidate
 * is trained with the same backbone, data and {@link TrainConfig}, and ranked by its best validation NDCG@10. The test
 * item is never touched, so the winner can be tested once afterwards.
 */
public final class GridSearch {

    /** One finished candidate. */
    public record Outcome(String candidate, Trainer trainer, TrainResult result) {
    }

    private final Map<String, Supplier<? extends Trainer>> candidates;

    private GridSearch(Map<String, Supplier<? extends Trainer>> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates is empty");
        }
        this.candidates = candidates;
    }

    /** A search over the named candidates (names appear in the table; a supplier makes a fresh trainer). */
    public static GridSearch over(Map<String, ? extends Supplier<? extends Trainer>> candidates) {
        return new GridSearch(new LinkedHashMap<>(Objects.requireNonNull(candidates, "candidates")));
    }

    /**
     * Trains every candidate and returns the outcomes, best validation NDCG@10 first.
     *
     * @param progress called with each candidate's name before it trains (may be null)
     */
    public List<Outcome> run(String backbone, BackboneConfig shape, SplitData split, TrainConfig config,
                             java.util.function.Function<String, TrainingListener> progress) {
        List<Outcome> out = new ArrayList<>();
        for (Map.Entry<String, Supplier<? extends Trainer>> e : candidates.entrySet()) {
            Trainer t = e.getValue().get();
            TrainingListener l = progress == null ? TrainingListener.NONE : progress.apply(e.getKey());
            out.add(new Outcome(e.getKey(), t, t.fit(Backbones.create(backbone), shape, split, config, l)));
        }
        out.sort((a, b) -> Double.compare(b.result().bestValidationNdcg10(), a.result().bestValidationNdcg10()));
        return out;
    }

    /** The outcomes as a table: candidate, validation NDCG@10, best epoch, seconds per epoch (best first). */
    public static Table table(List<Outcome> outcomes) {
        StringColumn name = StringColumn.create("candidate");
        DoubleColumn val = DoubleColumn.create("validation_ndcg10");
        IntColumn epoch = IntColumn.create("best_epoch");
        DoubleColumn sec = DoubleColumn.create("seconds_per_epoch");
        for (Outcome o : outcomes) {
            name.append(o.candidate());
            val.append(o.result().bestValidationNdcg10());
            epoch.append(o.result().bestEpoch());
            sec.append(o.result().secondsPerEpoch());
        }
        return Table.create("grid search (validation only)", name, val, epoch, sec);
    }
}
