package io.robustrec.data;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Preparation#prepare}: the dataset and the report of how it was made.
 *
 * @param dataset the prepared sequences (dense 1-based item ids; {@link SequenceDataset#rawItemIds()} maps back)
 * @param report  the preparation steps with counts
 */
public record PreparedData(SequenceDataset dataset, PrepReport report) {
    public PreparedData {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
    }

    /** Raw item id to dense id (a new map on each call). */
    public Map<String, Integer> itemIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < dataset.rawItemIds().size(); i++) {
            m.put(dataset.rawItemIds().get(i), i + 1);
        }
        return m;
    }
}
