package io.rslc.internal.sql;

import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import java.time.LocalDate;
import java.util.Map;

/**
 * The statements every warehouse shares for one slice: its predicate, the SELECT of its rows, the DELETE of the
 * same rows, and the grouped count used to find non-empty slices. The predicate text is rendered once and used
 * verbatim in the SELECT and the DELETE, so both always see the same rows.
 *
 * <pre>{@code
 * "load_date" >= DATE '2020-03-21' AND "load_date" < DATE '2020-03-22'
 * }</pre>
 */
public final class SliceSql {

    private static final String FILE = "common/slice.sql";

    private final SqlDialect dialect;

    public SliceSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The quoted table name of a rule. */
    public SqlPart table(Rule rule) {
        return dialect.identifier(rule.table().schema(), rule.table().table());
    }

    /** {@code col >= start AND col < end}, or {@code col < end} for an open slice. */
    public SqlPart predicate(Rule rule, Slice slice) {
        return predicate(rule, slice.start(), slice.end());
    }

    /** {@code col >= from AND col < to}, or {@code col < to} when {@code from} is null. */
    public SqlPart predicate(Rule rule, LocalDate from, LocalDate to) {
        SqlPart column = dialect.identifier(rule.column());
        if (from == null) {
            return SqlTemplates.get(FILE, "predicate_open").render(Map.of(
                    "column", column, "end", dialect.literal(to)));
        }
        return SqlTemplates.get(FILE, "predicate").render(Map.of(
                "column", column, "start", dialect.literal(from), "end", dialect.literal(to)));
    }

    /** {@code SELECT * FROM t WHERE <predicate>}. */
    public SqlPart select(Rule rule, Slice slice) {
        return SqlTemplates.get(FILE, "select").render(Map.of("table", table(rule), "predicate", predicate(rule, slice)));
    }

    /** {@code DELETE FROM t WHERE <predicate>}. */
    public SqlPart delete(Rule rule, Slice slice) {
        return delete(rule, slice.start(), slice.end());
    }

    /** The DELETE of every row in {@code [from, to)}: several slices in one statement. */
    public SqlPart delete(Rule rule, LocalDate from, LocalDate to) {
        return SqlTemplates.get(FILE, "delete").render(Map.of("table", table(rule), "predicate",
                predicate(rule, from, to)));
    }

    /**
     * The SELECT of every row in {@code [from, to)} plus, as the last column, the start of each row's slice
     * ({@link #sliceKey}, like the grouped scan), so one scan can be split into per-slice files. {@code ordered}
     * adds {@code ORDER BY col[, partition_column]}, so each slice's (and partition's) rows arrive together
     * whatever the table's physical order.
     */
    public SqlPart selectRouted(Rule rule, LocalDate from, LocalDate to, boolean ordered) {
        return routed("select_routed", rule, from, to, ordered);
    }

    /**
     * {@code SELECT * FROM t WHERE col >= from AND col < to}, with {@code ORDER BY col[, partition_column]} when
     * {@code ordered}: the rows of several slices, for a reader that finds each row's slice itself.
     */
    public SqlPart selectRange(Rule rule, LocalDate from, LocalDate to, boolean ordered) {
        SqlPart predicate = predicate(rule, from, to);
        if (!ordered) {
            return SqlTemplates.get(FILE, "select").render(Map.of("table", table(rule), "predicate", predicate));
        }
        return SqlTemplates.get(FILE, "select_ordered").render(Map.of("table", table(rule), "predicate", predicate,
                "order", order(rule)));
    }

    /** {@code SELECT * FROM t WHERE 1 = 0}: the table's columns, no rows. */
    public SqlPart columns(Rule rule) {
        return SqlTemplates.get(FILE, "columns").render(Map.of("table", table(rule)));
    }

    private SqlPart routed(String template, Rule rule, LocalDate from, LocalDate to, boolean ordered) {
        SqlPart table = table(rule);
        SqlPart predicate = predicate(rule, from, to);
        if (!ordered) {
            return SqlTemplates.get(FILE, template).render(Map.of("slice_key", sliceKey(rule),
                    "table", table, "predicate", predicate));
        }
        return SqlTemplates.get(FILE, template + "_ordered").render(Map.of("slice_key", sliceKey(rule),
                "table", table, "predicate", predicate, "order", order(rule)));
    }

    /** {@code col[, partition_column]}: each slice's (and partition's) rows together. */
    private SqlPart order(Rule rule) {
        SqlPart column = dialect.identifier(rule.column());
        String partition = rule.unload().partitionColumn();
        return partition == null || partition.equals(rule.column()) ? column
                : SqlPart.rendered(column.sql() + ", " + dialect.identifier(partition).sql());
    }

    /**
     * The start of a row's slice, computed by the warehouse: the grouped scan and the routed SELECT use the same
     * expression, so a row is counted and archived in the same slice. Redshift: {@code date_trunc}, as the
     * original. PostgreSQL: from {@code CAST(col AS DATE)}, which is computed for every archived row at about half
     * the CPU of {@code date_trunc}, and which keeps a DATE out of {@code timestamptz} (so a day its session zone
     * skipped stays its own day, as the slice predicate has it).
     */
    public SqlPart sliceKey(Rule rule) {
        SqlPart column = dialect.identifier(rule.column());
        if (dialect == SqlDialect.POSTGRESQL) {
            String template = rule.granularity() == Granularity.DAILY ? "slice_key_day" : "slice_key_month";
            return SqlTemplates.get(FILE, template).render(Map.of("column", column));
        }
        return SqlTemplates.get(FILE, "slice_key").render(Map.of("unit", dialect.literal(unit(rule)), "column", column));
    }

    private static String unit(Rule rule) {
        return rule.granularity() == Granularity.DAILY ? "day" : "month";
    }

    /** The rows whose date is NULL: never due, so never archived nor deleted. */
    public SqlPart countNull(Rule rule) {
        return SqlTemplates.get(FILE, "count_null").render(Map.of(
                "table", table(rule),
                "column", dialect.identifier(rule.column())));
    }

    /**
     * One grouped scan that counts the rows of every non-empty slice in {@code [from, to)} ({@code from} null:
     * everything below {@code to}): rows are grouped by {@link #sliceKey}.
     */
    public SqlPart countBySlice(Rule rule, LocalDate from, LocalDate to) {
        return SqlTemplates.get(FILE, "count_by_slice").render(Map.of(
                "slice_key", sliceKey(rule),
                "table", table(rule),
                "predicate", predicate(rule, from, to)));
    }
}
