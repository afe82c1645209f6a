package io.rslc.internal.sql;

import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TransactionPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a rule's PostgreSQL statements. PostgreSQL has no UNLOAD: rslc reads the rows of a transaction's slices
 * with one {@code COPY ... TO STDOUT} (or {@code SELECT}) and writes the archive files itself; the plan shows that
 * statement, and the slices' folders beside it.
 */
public final class PostgresSql implements WarehouseSql {

    private static final String MAINTENANCE = "postgresql/maintenance.sql";
    private static final String SCAN = "postgresql/scan.sql";
    private static final String SESSION = "postgresql/session.sql";

    private final SliceSql slices = new SliceSql(SqlDialect.POSTGRESQL);

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    /** The shared slice statements, rendered for PostgreSQL. */
    @Override
    public SliceSql slices() {
        return slices;
    }

    @Override
    public boolean batches() {
        return true;
    }

    @Override
    public TransactionPlan transaction(Rule rule, List<SlicePlan> slices, Scan scan) {
        LocalDate from = slices.get(0).slice().start();
        LocalDate to = slices.get(slices.size() - 1).slice().end();
        List<PlannedStatement> out = new ArrayList<>();
        if (rule.mode().archives() && scan.read() != Scan.Read.NONE) {
            boolean ordered = scan.order() == Scan.Order.SORTED;
            if (scan.order() == Scan.Order.SORTED) {
                out.add(setting(SqlTemplates.get(SESSION, "sort_memory").render().sql()));
            } else if (scan.order() == Scan.Order.HEAP) {
                heapOrder().forEach(s -> out.add(setting(s)));
            }
            String read = switch (scan.read()) {
                case SELECT -> {
                    if (slices.size() != 1) {
                        throw new IllegalArgumentException("a SELECT reads one slice, not " + slices.size());
                    }
                    yield this.slices.select(rule, slices.get(0).slice()).sql();
                }
                case COPY_CSV -> {
                    out.add(setting(isoDates()));
                    yield copyCsv(rule, from, to, ordered);
                }
                case COPY_BINARY -> copyBinary(rule, from, to, ordered);
                case SELECT_ROUTED, SELECT_ROUTED_BINARY -> this.slices.selectRouted(rule, from, to, ordered).sql();
                case NONE -> throw new IllegalStateException();
            };
            out.add(new PlannedStatement(PlannedStatement.Role.ARCHIVE, read));
        }
        if (rule.mode().deletes()) {
            out.add(new PlannedStatement(PlannedStatement.Role.DELETE, this.slices.delete(rule, from, to).sql()));
        }
        return new TransactionPlan(slices, out);
    }

    private static PlannedStatement setting(String sql) {
        return new PlannedStatement(PlannedStatement.Role.SETTING, sql);
    }

    @Override
    public String delete(Rule rule, Slice slice) {
        return slices.delete(rule, slice).sql();
    }

    /**
     * {@code COPY (SELECT * ...) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ',', NULL '')}: PostgreSQL
     * encodes the rows of {@code [from, to)} as the rule's CSV; the reader routes each row by its date column's
     * text, so the server computes nothing per row beyond the plain COPY (run after {@link #isoDates}).
     */
    public String copyCsv(Rule rule, LocalDate from, LocalDate to, boolean ordered) {
        String delimiter = rule.unload().delimiter() == null ? "," : rule.unload().delimiter();
        String nullAs = rule.unload().nullAs() == null ? "" : rule.unload().nullAs();
        return SqlTemplates.get("postgresql/copy.sql", "copy_csv").render(Map.of(
                "select", slices.selectRange(rule, from, to, ordered),
                "delimiter", SqlDialect.POSTGRESQL.literal(delimiter),
                "null_as", SqlDialect.POSTGRESQL.literal(nullAs))).sql();
    }

    /**
     * {@code COPY (SELECT *, slice_key AS rslc_slice_start ...) TO STDOUT WITH (FORMAT binary)}: the rows of
     * {@code [from, to)} in PostgreSQL's binary send formats, each with its slice's start date last (as
     * {@link SliceSql#selectRouted}), for an archive rslc encodes itself (Parquet) without a {@code ResultSet}.
     */
    public String copyBinary(Rule rule, LocalDate from, LocalDate to, boolean ordered) {
        return SqlTemplates.get("postgresql/copy.sql", "copy_binary").render(Map.of(
                "select", slices.selectRouted(rule, from, to, ordered))).sql();
    }

    /** {@code SET LOCAL DateStyle = 'ISO, MDY'}: dates and timestamps in COPY text start with YYYY-MM-DD. */
    public String isoDates() {
        return SqlTemplates.get("postgresql/session.sql", "iso_dates").render().sql();
    }

    /**
     * {@code SELECT slice_key, min(ctid), max(ctid), count(*) ... GROUP BY 1}: where each slice of {@code [from, to)}
     * lies in the heap and how many rows it has, to tell whether reading in heap order brings the rows slice after
     * slice, or few slices at a time (PostgreSQL 14+).
     */
    public String sliceSpread(Rule rule, LocalDate from, LocalDate to) {
        return SqlTemplates.get(SCAN, "slice_spread").render(Map.of(
                "slice_key", slices.sliceKey(rule),
                "table", slices.table(rule),
                "predicate", slices.predicate(rule, from, to))).sql();
    }

    /**
     * {@code SELECT size / reltuples, columns, plain}: the table's bytes per row (TOAST included) as the planner's
     * statistics have it, its column count, and whether it is a plain table without children.
     */
    public String rowBytes(Rule rule) {
        return SqlTemplates.get(SCAN, "row_bytes").render(Map.of(
                "table_name", SqlDialect.POSTGRESQL.literal(slices.table(rule)))).sql();
    }

    /**
     * {@code SELECT EXISTS (...)}: whether a valid, non-partial B-tree index of the rule's table leads with its date
     * column (so a SELECT ordered by that column can walk the index instead of sorting).
     */
    public String dateIndex(Rule rule) {
        return SqlTemplates.get(SCAN, "date_index").render(Map.of(
                "table_name", SqlDialect.POSTGRESQL.literal(slices.table(rule)),
                "column", SqlDialect.POSTGRESQL.literal(rule.column()))).sql();
    }

    /**
     * Settings after which a plain SELECT returns rows in heap order: no synchronized scan, no parallel workers, no
     * index scan (an index not leading with the date column would return the rows in its own order; bitmap scans
     * read blocks in order).
     */
    public List<String> heapOrder() {
        return List.of(SqlTemplates.get(SCAN, "heap_order").render().sql(),
                SqlTemplates.get(SCAN, "no_parallel_workers").render().sql(),
                SqlTemplates.get(SCAN, "no_index_scan").render().sql(),
                SqlTemplates.get(SCAN, "no_index_only_scan").render().sql());
    }

    @Override
    public List<String> maintenance(Rule rule) {
        io.rslc.api.Maintenance.Policy policy = rule.maintenance().policy();
        if (!rule.mode().deletes() || policy == io.rslc.api.Maintenance.Policy.AUTO) {
            return List.of();
        }
        return List.of(SqlTemplates.get(MAINTENANCE, policy == io.rslc.api.Maintenance.Policy.FULL ? "vacuum_full"
                : "vacuum").render(Map.of("table", slices.table(rule))).sql());
    }
}
