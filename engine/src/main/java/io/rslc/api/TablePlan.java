package io.rslc.api;

import java.util.List;
import java.util.Objects;

/**
 * What rslc will do to one table: its cutoff, the transactions that process its slices oldest first, the
 * maintenance after them, and anything worth knowing (warnings about the rule, a note on how the slices were found,
 * or the error that stops this table without stopping the others).
 *
 * @param rule         the rule
 * @param cutoff       rows with {@code col < cutoff} are due
 * @param transactions the transactions in execution order, each with its slices (oldest first, non-overlapping,
 *                     all ending at or before the cutoff) and statements
 * @param maintenance  statements after the transactions, outside any (VACUUM, ANALYZE); on Redshift each runs only
 *                     when svv_table_info calls for it
 * @param warnings     rule warnings (ignored options, ...)
 * @param note         how the slices and transactions were chosen, for people; may be empty
 * @param error        why this table cannot be processed, or null
 */
public record TablePlan(Rule rule, Cutoff cutoff, List<TransactionPlan> transactions, List<String> maintenance,
                        List<Problem> warnings, String note, String error) {

    public TablePlan {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(cutoff, "cutoff");
        transactions = List.copyOf(transactions);
        maintenance = List.copyOf(maintenance);
        warnings = List.copyOf(warnings);
        note = note == null ? "" : note;
    }

    public boolean failed() {
        return error != null;
    }

    /** Every slice of every transaction, oldest first. */
    public List<SlicePlan> slices() {
        return transactions.stream().flatMap(t -> t.slices().stream()).toList();
    }

    /** Total due rows over all slices, or -1 if unknown (offline). */
    public long rows() {
        List<SlicePlan> slices = slices();
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
