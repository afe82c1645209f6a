package io.rslc.exec;

import io.rslc.config.Mode;
import io.rslc.config.Problem;
import io.rslc.config.Rule;
import io.rslc.plan.Cutoff;
import io.rslc.plan.Planner;
import io.rslc.plan.Slice;
import io.rslc.plan.SlicePlan;
import io.rslc.plan.Slices;
import io.rslc.plan.TablePlan;
import io.rslc.sql.SliceSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans a table against the live warehouse with ONE grouped scan ({@code date_trunc} to the slice, count): only
 * slices holding rows are planned, each with its row count and its next archive generation from the journal.
 * Unload-only rules scan from the slice after the checkpoint; delete modes scan everything below the cutoff,
 * so late rows behind the checkpoint are archived and deleted too. Rows whose date no slice can hold
 * (PostgreSQL's {@code -infinity}, BC dates) are left in place with a warning: no slice predicate selects them.
 */
final class LivePlanner {

    private final Planner planner;
    private final SliceSql sliceSql;

    LivePlanner(Planner planner, SliceSql sliceSql) {
        this.planner = planner;
        this.sliceSql = sliceSql;
    }

    /**
     * @param generations highest committed generation per slice start (from the journal; empty if none)
     */
    TablePlan plan(Connection c, Rule rule, LocalDate asOf, Map<LocalDate, Integer> generations,
                   List<Problem> warnings) throws SQLException {
        Cutoff cutoff = Cutoff.of(rule, asOf);
        LocalDate from = null;
        String note = "grouped scan below the cutoff";
        if (rule.mode() == Mode.UNLOAD_ONLY && rule.checkpoint() != null) {
            from = Slices.afterCheckpoint(rule.granularity(), rule.checkpoint());
            note = "grouped scan from " + from + " (after checkpoint " + rule.checkpoint() + ")";
            if (!from.isBefore(cutoff.date())) {
                return new TablePlan(rule, cutoff, List.of(), List.of(), warnings, "nothing due: checkpoint "
                        + rule.checkpoint() + " is at the cutoff", null);
            }
        }
        List<SlicePlan> slices = new ArrayList<>();
        String sql = sliceSql.countBySlice(rule, from, cutoff.date()).sql();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        long unsliceable = 0;
        List<String> unsliceableKeys = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getString(1);
                long rows = rs.getLong(2);
                if (key == null || key.contains("infinity") || key.endsWith(" BC")) {
                    unsliceable += rows; // below every cutoff, but no day or month holds it: no slice predicate
                    unsliceableKeys.add(String.valueOf(key));
                    continue;
                }
                LocalDate start = rs.getDate(1).toLocalDate();
                Slice slice = Slice.containing(rule.granularity(), start);
                slices.add(planner.slicePlan(rule, slice, rows, generations.getOrDefault(slice.start(), 0) + 1));
            }
        } finally {
            c.setAutoCommit(auto);
        }
        if (unsliceable > 0) {
            warnings = new ArrayList<>(warnings);
            warnings.add(new Problem(Problem.Severity.WARNING, "warehouse", rule.table().toString(), 0, rule.column(),
                    unsliceable + " row(s) below the cutoff hold " + String.join(", ", unsliceableKeys)
                            + ", which no day or month slice can hold; they are left in place, neither archived nor "
                            + "deleted (set them to a real date, or remove them yourself)"));
        }
        if (slices.isEmpty()) {
            note = "nothing due: " + note;
        }
        List<String> maintenance = slices.isEmpty() ? List.of() : planner.sql().maintenance(rule);
        return new TablePlan(rule, cutoff, slices, maintenance, warnings, note, null);
    }
}
