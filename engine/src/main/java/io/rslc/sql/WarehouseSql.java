package io.rslc.sql;

import io.rslc.config.Rule;
import io.rslc.plan.Slice;
import java.util.List;

/**
 * The SQL a warehouse runs for a rule, as shown by {@code rslc plan}: per slice (archive, then delete, per the
 * rule's mode) and per table (maintenance after deletes). Implementations render, they never execute.
 */
public interface WarehouseSql {

    /** {@code redshift} or {@code postgresql}. */
    String name();

    /** The quoting rules used. */
    SqlDialect dialect();

    /** The statements every warehouse shares (predicates, SELECT, DELETE, grouped scan), in this dialect. */
    SliceSql slices();

    /**
     * The statements of one slice in execution order.
     *
     * @param generation the slice's archive generation (see {@link io.rslc.plan.ArchiveLayout})
     * @throws IllegalArgumentException if the rule cannot run on this warehouse (e.g. a local archive for Redshift)
     */
    List<String> sliceStatements(Rule rule, Slice slice, int generation);

    /** The DELETE of one slice; its predicate is the archive's, byte for byte. */
    String delete(Rule rule, Slice slice);

    /** The statements run after a table's slices, outside any transaction; empty if the mode deletes nothing. */
    List<String> maintenance(Rule rule);
}
