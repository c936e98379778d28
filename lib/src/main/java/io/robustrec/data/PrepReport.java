package io.robustrec.data;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Objects;

/**
 * What preparation did, step by step, with counts before and after each step.
 *
 * @param source where the log came from
 * @param steps  the steps in order
 */
public record PrepReport(String source, List<PrepStep> steps) {
    public PrepReport {
        Objects.requireNonNull(source, "source");
        steps = List.copyOf(steps);
    }

    /** The step with this name, if any. */
    public java.util.Optional<PrepStep> step(String name) {
        return steps.stream().filter(s -> s.step().equals(name)).findFirst();
    }

    /** The report as a Tablesaw table, one row per step. */
    public Table toTable() {
        StringColumn step = StringColumn.create("step");
        LongColumn before = LongColumn.create("rows_before");
        LongColumn after = LongColumn.create("rows_after");
        LongColumn removed = LongColumn.create("removed");
        IntColumn users = IntColumn.create("users_after");
        IntColumn items = IntColumn.create("items_after");
        StringColumn reason = StringColumn.create("reason");
        for (PrepStep s : steps) {
            step.append(s.step());
            before.append(s.rowsBefore());
            after.append(s.rowsAfter());
            removed.append(s.removed());
            users.append(s.usersAfter());
            items.append(s.itemsAfter());
            reason.append(s.reason());
        }
        return Table.create("preparation of " + source, step, before, after, removed, users, items, reason);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("preparation of ").append(source).append('\n');
        for (PrepStep s : steps) {
            sb.append(String.format("  %-28s %9d -> %9d rows  (-%d)  users %d -> %d  items %d -> %d  %s%n",
                    s.step(), s.rowsBefore(), s.rowsAfter(), s.removed(), s.usersBefore(), s.usersAfter(),
                    s.itemsBefore(), s.itemsAfter(), s.reason()));
        }
        return sb.toString();
    }
}
