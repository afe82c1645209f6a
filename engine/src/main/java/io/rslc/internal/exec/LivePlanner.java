package io.rslc.internal.exec;

import io.rslc.api.Cutoff;
import io.rslc.api.Mode;
import io.rslc.api.Problem;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TablePlan;
import io.rslc.internal.exec.Planner;
import io.rslc.internal.plan.Slices;
import io.rslc.internal.sql.SliceSql;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.Transactions;
import io.rslc.internal.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Plans a table against the live warehouse with ONE grouped scan ({@code date_trunc} to the slice, count): only
 * slices holding rows are planned, each with its row count and its next archive generation from the journal, then
 * grouped into transactions within the row budget and planned by the warehouse, statement by statement.
 * Unload-only rules scan from the slice after the checkpoint; delete modes scan everything below the cutoff,
 * so late rows behind the checkpoint are archived and deleted too. Rows whose date no slice can hold
 * (PostgreSQL's {@code -infinity}, BC dates) are left in place with a warning: no slice predicate selects them.
 */
final class LivePlanner {

    private final Warehouse warehouse;
    private final RestoreJournal restores;
    private final SliceSql sliceSql;
    private final long batchRows;

    /**
     * @param batchRows row budget of a transaction of several slices where the warehouse batches; 0 = one slice each
     */
    LivePlanner(Warehouse warehouse, long batchRows, RestoreJournal restores) {
        this.warehouse = warehouse;
        this.restores = restores;
        this.sliceSql = warehouse.sql().slices();
        this.batchRows = batchRows;
    }

    /** A table's live plan, and its transactions as the warehouse planned them (the same objects, in order). */
    record LivePlan(TablePlan plan, List<PlannedTransaction> transactions) {
    }

    /**
     * @param generations highest committed generation per slice start (from the journal; empty if none)
     */
    LivePlan plan(Connection c, Rule rule, LocalDate asOf, Map<LocalDate, Integer> generations,
                  List<Problem> warnings) throws SQLException {
        Cutoff cutoff = Cutoff.of(rule, asOf);
        warnings = Planner.checkpointWarnings(rule, asOf, warnings);
        long nulls = nullDates(c, rule);
        if (nulls > 0) {
            warnings = new ArrayList<>(warnings);
            warnings.add(new Problem(Problem.Severity.WARNING, "warehouse", rule.table().toString(), 0, rule.column(),
                    nulls + " row(s) have NULL " + rule.column() + " and are never "
                            + (rule.mode().archives() ? "archived" : "deleted") + ": no cutoff applies to them (give "
                            + "them a date, or remove them yourself)"));
        }
        LocalDate from = null;
        String note = "grouped scan below the cutoff";
        if (rule.mode() == Mode.UNLOAD_ONLY && rule.checkpoint() != null) {
            from = Slices.afterCheckpoint(rule.granularity(), rule.checkpoint());
            note = "grouped scan from " + from + " (after checkpoint " + rule.checkpoint() + ")";
            if (!from.isBefore(cutoff.date())) {
                return new LivePlan(new TablePlan(rule, cutoff, List.of(), List.of(), warnings, "nothing due: "
                        + "checkpoint " + rule.checkpoint() + " is at the cutoff", null), List.of());
            }
        }
        List<SlicePlan> slices = new ArrayList<>();
        Set<LocalDate> held = restores.held(c, rule.table());
        long[] heldRows = {0};
        String sql = sliceSql.countBySlice(rule, from, cutoff.date()).sql();
        long[] unsliceable = {0};
        List<String> unsliceableKeys = new ArrayList<>();
        Transactions.autoCommit(c, () -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    long rows = rs.getLong(2);
                    if (key == null || key.contains("infinity") || key.endsWith(" BC")) {
                        unsliceable[0] += rows; // below every cutoff, but no day or month holds it: no slice predicate
                        unsliceableKeys.add(String.valueOf(key));
                        continue;
                    }
                    LocalDate start = rs.getDate(1).toLocalDate();
                    Slice slice = Slice.containing(rule.granularity(), start);
                    if (held.contains(slice.start())) {
                        heldRows[0] += rows; // restored into this table by rslc restore: left alone until released
                        continue;
                    }
                    slices.add(Planner.slicePlan(rule, slice, rows, generations.getOrDefault(slice.start(), 0) + 1));
                }
            }
            return null;
        });
        if (unsliceable[0] > 0) {
            warnings = new ArrayList<>(warnings);
            warnings.add(new Problem(Problem.Severity.WARNING, "warehouse", rule.table().toString(), 0, rule.column(),
                    unsliceable[0] + " row(s) below the cutoff hold " + String.join(", ", unsliceableKeys)
                            + ", which no day or month slice can hold; they are left in place, neither archived nor "
                            + "deleted (set them to a real date, or remove them yourself)"));
        }
        if (heldRows[0] > 0) {
            warnings = new ArrayList<>(warnings);
            warnings.add(new Problem(Problem.Severity.WARNING, "warehouse", rule.table().toString(), 0, rule.column(),
                    heldRows[0] + " due row(s) lie in slice(s) restored into this table by rslc restore; they are "
                            + "held (not archived or deleted) until `rslc restore --release`"));
        }
        if (slices.isEmpty()) {
            note = "nothing due: " + note;
        }
        boolean batched = warehouse.sql().batches(rule) && batchRows > 0;
        List<PlannedTransaction> transactions = new ArrayList<>();
        for (List<SlicePlan> segment : apart(slices, held)) {
            for (List<SlicePlan> batch : batches(segment, batched ? batchRows : 0)) {
                transactions.add(warehouse.plan(c, rule, batch, batched));
            }
        }
        if (batched && !transactions.isEmpty()) {
            note = note + "; " + transactions.size() + " transaction(s) of up to " + batchRows + " row(s)";
        }
        List<String> maintenance = slices.isEmpty() ? List.of() : warehouse.sql().maintenance(rule);
        TablePlan plan = new TablePlan(rule, cutoff, transactions.stream().map(PlannedTransaction::plan).toList(),
                maintenance, warnings, note, null);
        return new LivePlan(plan, transactions);
    }

    /**
     * Rows whose date column is NULL, counted only when the column may hold NULL (one more scan then, unless an
     * index on the column answers it); 0 for a NOT NULL column.
     */
    private long nullDates(Connection c, Rule rule) throws SQLException {
        return Transactions.autoCommit(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(
                    SqlTemplates.get("common/slice.sql", "column_type").render().sql())) {
                ps.setString(1, rule.table().schema());
                ps.setString(2, rule.table().table());
                ps.setString(3, rule.column());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || "NO".equalsIgnoreCase(rs.getString(2))) {
                        return 0L;
                    }
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sliceSql.countNull(rule).sql())) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Consecutive slices grouped up to {@code rowBudget} planned rows; 0 = one slice per group. */
    /**
     * The slices in runs that no held slice interrupts: a batch reads and deletes its whole range, which must not
     * take a held slice's rows with it.
     */
    static List<List<SlicePlan>> apart(List<SlicePlan> slices, Set<LocalDate> held) {
        if (held.isEmpty()) {
            return List.of(slices);
        }
        List<List<SlicePlan>> out = new ArrayList<>();
        List<SlicePlan> current = new ArrayList<>();
        for (SlicePlan s : slices) {
            if (!current.isEmpty()) {
                LocalDate prev = current.get(current.size() - 1).slice().start();
                if (held.stream().anyMatch(h -> h.isAfter(prev) && h.isBefore(s.slice().start()))) {
                    out.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static List<List<SlicePlan>> batches(List<SlicePlan> slices, long rowBudget) {
        List<List<SlicePlan>> out = new ArrayList<>();
        List<SlicePlan> current = new ArrayList<>();
        long rows = 0;
        for (SlicePlan s : slices) {
            if (!current.isEmpty() && (rowBudget <= 0 || rows + s.rows() > rowBudget)) {
                out.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(s);
            rows += s.rows();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
