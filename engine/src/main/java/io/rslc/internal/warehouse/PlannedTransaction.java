package io.rslc.internal.warehouse;

import io.rslc.api.PlannedStatement;
import io.rslc.api.TransactionPlan;
import io.rslc.internal.archive.SliceEnds;
import io.rslc.internal.sql.Scan;
import java.util.List;

/**
 * A transaction as planned, with what the warehouse decided while planning it: the plan (printed by dry runs and
 * executed statement by statement), how its rows are read, and when each slice's files may complete.
 *
 * @param plan    the statements and slices, as shown
 * @param scan    how the ARCHIVE statement reads rows (its rendering already reflects it)
 * @param ends    when a slice's files complete (PostgreSQL batches); null otherwise
 * @param batched true if the slices share one scan and one DELETE over their whole range
 */
public record PlannedTransaction(TransactionPlan plan, Scan scan, SliceEnds ends, boolean batched) {

    /** The statement text with this role, or null. */
    public String sql(PlannedStatement.Role role) {
        PlannedStatement s = plan.statement(role);
        return s == null ? null : s.sql();
    }

    /** The statements in order. */
    public List<PlannedStatement> statements() {
        return plan.statements();
    }
}
