package io.rslc.plan;

import io.rslc.config.Problem;
import io.rslc.config.Rule;
import java.util.List;
import java.util.Objects;

/**
 * What rslc will do to one table: its cutoff, the slices to process oldest first, the maintenance after them,
 * and anything worth knowing (warnings about the rule, a note on how the slices were found, or the error that
 * stops this table without stopping the others).
 *
 * @param rule        the rule
 * @param cutoff      rows with {@code col < cutoff} are due
 * @param slices      slices to process, oldest first, non-overlapping, all ending at or before the cutoff
 * @param maintenance statements after the slices (VACUUM, ANALYZE), outside any transaction
 * @param warnings    rule warnings (ignored options, ...)
 * @param note        how the slices were chosen, for people; may be empty
 * @param error       why this table cannot be processed, or null
 */
public record TablePlan(Rule rule, Cutoff cutoff, List<SlicePlan> slices, List<String> maintenance,
                        List<Problem> warnings, String note, String error) {

    public TablePlan {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(cutoff, "cutoff");
        slices = List.copyOf(slices);
        maintenance = List.copyOf(maintenance);
        warnings = List.copyOf(warnings);
        note = note == null ? "" : note;
    }

    public boolean failed() {
        return error != null;
    }

    /** Total due rows over all slices, or -1 if unknown (offline). */
    public long rows() {
        if (slices.stream().anyMatch(s -> !s.rowsKnown())) {
            return -1;
        }
        return slices.stream().mapToLong(SlicePlan::rows).sum();
    }

    /** A failed plan for a table. */
    public static TablePlan failed(Rule rule, Cutoff cutoff, List<Problem> warnings, String error) {
        return new TablePlan(rule, cutoff, List.of(), List.of(), warnings, "", Objects.requireNonNull(error));
    }
}
