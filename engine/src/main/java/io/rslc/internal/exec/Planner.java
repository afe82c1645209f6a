package io.rslc.internal.exec;

import io.rslc.api.Cutoff;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.Problem;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.api.TablePlan;
import io.rslc.api.TransactionPlan;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.internal.plan.Slices;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.WarehouseSql;
import io.rslc.internal.warehouse.Warehouse;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes plans without touching a database: cutoffs, slices, and the SQL for each. Slices run from the day
 * after the checkpoint's slice, or from {@code --since}, up to the cutoff; with neither, one open range
 * "everything below the cutoff" stands for the slices a live plan would find.
 */
public final class Planner {

    private final Warehouse warehouse;
    private final WarehouseSql sql;

    public Planner(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.sql = warehouse.sql();
    }

    /** Plans every valid rule included by {@code options}, in run order. */
    public Plan plan(RuleSet rules, PlanOptions options) {
        List<TablePlan> tables = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (options.includes(rule.table())) {
                tables.add(planTable(rule, rules.warningsFor(rule), options));
            }
        }
        List<Problem> problems = new ArrayList<>(rules.problems());
        for (TableName t : options.only()) {
            if (rules.rules().stream().noneMatch(r -> r.table().equals(t))) {
                problems.add(new Problem(Problem.Severity.ERROR, rules.source(), "", 0, "--only",
                        "no valid rule for table " + t));
            }
        }
        return new Plan(options.asOf(), options.zone(), sql.name(), rules.source(), tables, problems);
    }

    /** Plans one rule offline. */
    public TablePlan planTable(Rule rule, List<Problem> warnings, PlanOptions options) {
        Cutoff cutoff = Cutoff.of(rule, options.asOf());
        warnings = checkpointWarnings(rule, options.asOf(), warnings);
        LocalDate from;
        String note;
        if (options.since() != null) {
            from = options.since();
            note = "slices from --since " + from;
        } else if (rule.checkpoint() != null) {
            from = Slices.afterCheckpoint(rule.granularity(), rule.checkpoint());
            note = "slices after checkpoint " + rule.checkpoint()
                    + (rule.mode().deletes() ? "; a live plan also finds late rows behind it" : "");
        } else {
            from = null;
            note = "no checkpoint: one range below the cutoff; a live plan (run --dry-run) splits it into the "
                    + rule.granularity().configValue() + " slices that hold rows";
        }
        List<Slice> slices = from == null
                ? List.of(Slice.below(rule.granularity(), cutoff.date()))
                : Slices.between(rule.granularity(), from, cutoff.date());
        try {
            List<TransactionPlan> transactions = new ArrayList<>(slices.size());
            for (Slice s : slices) {
                // offline: row counts unknown, so every slice is shown as its own transaction
                transactions.add(warehouse.plan(null, rule, List.of(slicePlan(rule, s, -1, 1)), sql.batches(rule)).plan());
            }
            List<String> maintenance = transactions.isEmpty() ? List.of() : sql.maintenance(rule);
            if (transactions.isEmpty()) {
                note = "nothing due: " + note;
            } else if (sql.batches(rule)) {
                note = note + "; offline each slice is shown as one transaction: a run groups consecutive slices up "
                        + "to its row budget (--batch-rows) into one " + (sql.dialect() == SqlDialect.REDSHIFT
                        ? "UNLOAD" : "COPY, read ordered or in heap order,") + " and one DELETE over their range "
                        + "(run --dry-run shows it)";
            }
            return new TablePlan(rule, cutoff, transactions, maintenance, warnings, note, null);
        } catch (IllegalArgumentException | SQLException e) {
            return TablePlan.failed(rule, cutoff, warnings, e.getMessage());
        }
    }

    /**
     * The rule as a live plan runs it: resuming after the journal's newest committed slice when the rule store's
     * checkpoint is behind it or absent (a crash between commit and checkpoint write, or a CSV that keeps none).
     * The journal is the truth: a checkpoint ahead of it (the warehouse lost commits it acknowledged, or was
     * restored to an earlier time) is not followed by an unload-only rule, which resumes after the journal's slice
     * instead, so the lost days are archived again, with a warning naming both dates (docs/reliability.md bug 1).
     * A table with no journal entry keeps its checkpoint: it comes from the original tool (docs/migration.md).
     */
    static Rule resumed(Rule rule, LocalDate journaled, List<Problem> warnings) {
        LocalDate checkpoint = rule.checkpoint();
        if (journaled == null) {
            return rule;
        }
        if (checkpoint == null || journaled.isAfter(checkpoint)) {
            return rule.withCheckpoint(journaled);
        }
        if (rule.mode() == io.rslc.api.Mode.UNLOAD_ONLY && checkpoint.isAfter(journaled)) {
            warnings.add(new Problem(Problem.Severity.WARNING, rule.origin(), "", 0, "checkpoint", "is " + checkpoint
                    + ", ahead of the journal's newest committed slice " + journaled + " (the warehouse lost commits, "
                    + "or was restored to an earlier time): the journal is the truth, so the slices after " + journaled
                    + " are archived again"));
            return rule.withCheckpoint(journaled);
        }
        return rule;
    }

    /**
     * {@code warnings}, plus one if the rule's checkpoint lies after {@code asOf}: a mistyped date that would keep an
     * unload-only rule from archiving anything until then (used by live planning too).
     */
    static List<Problem> checkpointWarnings(Rule rule, LocalDate asOf, List<Problem> warnings) {
        if (rule.checkpoint() == null || !rule.checkpoint().isAfter(asOf)) {
            return warnings;
        }
        List<Problem> out = new ArrayList<>(warnings);
        out.add(new Problem(Problem.Severity.WARNING, rule.origin(), "", 0, "checkpoint", "is " + rule.checkpoint()
                + ", in the future (today is " + asOf + "): a mistyped date? "
                + (rule.mode() == io.rslc.api.Mode.UNLOAD_ONLY ? "This unload-only rule archives nothing until after it"
                : "It is kept until a slice after it commits") + "; fix or clear it"));
        return out;
    }

    /** The plan of one slice with a known row count and generation (used by live planning too). */
    public static SlicePlan slicePlan(Rule rule, Slice slice, long rows, int generation) {
        String archive = rule.mode().archives()
                ? ArchiveLayout.attempt(rule.unload().location(), slice, generation).root()
                : null;
        return new SlicePlan(slice, rows, generation, archive);
    }

    public WarehouseSql sql() {
        return sql;
    }
}
