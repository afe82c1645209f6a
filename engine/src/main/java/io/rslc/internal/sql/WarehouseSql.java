package io.rslc.internal.sql;

import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TransactionPlan;
import java.util.List;

/**
 * The SQL a warehouse runs for a rule, rendered once into the plan that is printed and executed: per transaction
 * (settings, archive, verify, delete, per the rule's mode) and per table (maintenance after deletes).
 * Implementations render, they never execute.
 */
public interface WarehouseSql {

    /** {@code redshift} or {@code postgresql}. */
    String name();

    /** The quoting rules used. */
    SqlDialect dialect();

    /** The statements every warehouse shares (predicates, SELECT, DELETE, grouped scan), in this dialect. */
    SliceSql slices();

    /** True if consecutive slices can share one transaction: one scan into their folders, one DELETE. */
    boolean batches();

    /** True if this rule's slices may share a transaction (see {@link #batches()}). */
    default boolean batches(io.rslc.api.Rule rule) {
        return batches();
    }

    /**
     * The statements of one transaction over consecutive slices, in execution order: settings, the archive read
     * as {@code scan} says (plus its verification), the DELETE, per the rule's mode.
     *
     * @throws IllegalArgumentException if the rule cannot run on this warehouse (e.g. a local archive for Redshift)
     */
    TransactionPlan transaction(Rule rule, List<SlicePlan> slices, Scan scan);

    /** The DELETE of one slice; its predicate is the archive's, byte for byte. */
    String delete(Rule rule, Slice slice);

    /** The statements run after a table's slices, outside any transaction; empty if the mode deletes nothing. */
    List<String> maintenance(Rule rule);
}
