package io.rslc.api;

import java.util.List;
import java.util.Objects;

/**
 * One transaction of a table plan: the consecutive slices it archives, deletes and journals together, and its
 * statements in the order they are sent. On PostgreSQL a run groups slices up to a row budget into one
 * transaction (one scan, one DELETE); on Redshift each slice has its own. Every slice gets its own journal row
 * (rslc's bookkeeping, not listed here; see docs/executor.md).
 *
 * @param slices     the slices, oldest first
 * @param statements the SQL in execution order
 */
public record TransactionPlan(List<SlicePlan> slices, List<PlannedStatement> statements) {

    public TransactionPlan {
        slices = List.copyOf(slices);
        statements = List.copyOf(statements);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a transaction plan needs at least one slice");
        }
    }

    /** The statements' text, in order. */
    public List<String> sql() {
        return statements.stream().map(PlannedStatement::sql).toList();
    }

    /** Planned rows of all its slices, or -1 if unknown (offline). */
    public long rows() {
        if (slices.stream().anyMatch(s -> !s.rowsKnown())) {
            return -1;
        }
        return slices.stream().mapToLong(SlicePlan::rows).sum();
    }

    /** The statement with this role, if any (the first one). */
    public PlannedStatement statement(PlannedStatement.Role role) {
        Objects.requireNonNull(role, "role");
        return statements.stream().filter(s -> s.role() == role).findFirst().orElse(null);
    }
}
