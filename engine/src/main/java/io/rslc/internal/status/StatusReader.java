package io.rslc.internal.status;

import io.rslc.api.Cutoff;
import io.rslc.api.Granularity;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.RunListener;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.SliceReport;
import io.rslc.api.TableName;
import io.rslc.api.TablePlan;
import io.rslc.internal.exec.Executor;
import io.rslc.internal.exec.ExecutorSettings;
import io.rslc.internal.exec.Journal;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.internal.exec.RunLog;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.internal.warehouse.SharedConnection;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.RuleStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads every table's {@link TableStatus}: one live dry run for what is due (the same plan {@code rslc run}
 * would make, so "due" means what a run would do now), then per table the oldest row, the journal and the run
 * log. Takes no lock and writes nothing.
 */
public final class StatusReader {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final SessionSettings session;
    private final Journal journal;
    private final RunLog runLog;
    private final RuleStore store;
    private final String journalSchema;

    public StatusReader(DataSource dataSource, Warehouse warehouse, RuleStore store, SessionSettings session,
                        String journalSchema) {
        this.dataSource = dataSource;
        this.warehouse = warehouse;
        this.session = session;
        this.journal = new Journal(warehouse.sql().dialect(), journalSchema);
        this.runLog = new RunLog(warehouse.sql().dialect(), journalSchema);
        this.store = store;
        this.journalSchema = journalSchema;
    }

    /**
     * The status of {@code rules} as of {@code asOf}.
     *
     * @param detailed include the slice-by-slice view
     */
    public List<TableStatus> read(RuleSet set, List<Rule> rules, LocalDate asOf, boolean detailed) {
        try (SharedConnection shared = new SharedConnection(dataSource)) {
            return read(shared, set, rules, asOf, detailed);
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot connect to read the status: "
                    + e.getMessage(), e);
        }
    }

    private List<TableStatus> read(DataSource db, RuleSet set, List<Rule> rules, LocalDate asOf, boolean detailed) {
        Executor planner = new Executor(db, warehouse, store, new ExecutorSettings(journalSchema, session, 1,
                Duration.ZERO, ExecutorSettings.DEFAULT_BATCH_ROWS), Clock.systemUTC(), new RunListener() { });
        PlanOptions options = new PlanOptions(asOf, session.zone(), null,
                new LinkedHashSet<>(rules.stream().map(Rule::table).toList()));
        Map<TableName, TablePlan> plans = new HashMap<>();
        if (!rules.isEmpty()) {
            Plan plan = planner.dryRun(new RuleSet(set.source(), rules, set.problems()), options);
            plan.tables().forEach(t -> plans.put(t.rule().table(), t));
        }
        List<TableStatus> out = new ArrayList<>();
        for (Rule rule : rules) {
            out.add(read(db, rule, plans.get(rule.table()), asOf, detailed));
        }
        return out;
    }

    private TableStatus read(DataSource db, Rule rule, TablePlan plan, LocalDate asOf, boolean detailed) {
        Cutoff cutoff = Cutoff.of(rule, asOf);
        Slice next = Slice.containing(rule.granularity(), cutoff.date());
        if (next.start().isBefore(cutoff.date())) {
            next = next.next();
        }
        LocalDate nextDueOn = rule.granularity() == Granularity.DAILY ? next.end().plusDays(rule.retention())
                : next.end().plusMonths(rule.retention());
        String error = plan != null && plan.failed() ? plan.error() : null;
        List<SlicePlan> due = plan == null || plan.failed() ? List.of() : plan.slices();
        LocalDate oldest = null;
        List<JournalEntry> entries = List.of();
        List<RunLog.Run> runs = List.of();
        try (Connection c = db.getConnection()) {
            warehouse.configureSession(c, session);
            if (error == null) {
                oldest = oldestRow(c, rule);
            }
            if (journal.exists(c)) {
                entries = journal.entries(c, rule.table());
                runs = runLogRuns(c, rule.table());
            }
        } catch (SQLException | RslcException e) {
            error = error != null ? error : e.getMessage();
        }
        RunLog.Run last = runs.isEmpty() ? null : runs.get(0);
        int failures = 0;
        for (RunLog.Run r : runs) {
            if ("ok".equals(r.status())) {
                break;
            }
            failures += "failed".equals(r.status()) ? 1 : 0;
        }
        return new TableStatus(rule, cutoff, oldest, rule.checkpoint(), archived(entries), due.size(),
                due.stream().mapToLong(s -> Math.max(0, s.rows())).sum(), last, failures, next, nextDueOn,
                detailed ? slices(entries, due) : List.of(), error);
    }

    private List<RunLog.Run> runLogRuns(Connection c, TableName t) {
        try {
            return runLog.runs(c, t);
        } catch (SQLException e) {
            return List.of(); // a journal written by an older rslc has no run log yet
        }
    }

    private LocalDate oldestRow(Connection c, Rule rule) throws SQLException {
        var d = warehouse.sql().dialect();
        String sql = SqlTemplates.get("common/slice.sql", "oldest_row").render(Map.of(
                "column", d.identifier(rule.column()),
                "table", d.identifier(rule.table().schema(), rule.table().table()))).sql();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            Date v = rs.next() ? rs.getDate(1) : null;
            return v == null ? null : v.toLocalDate();
        }
    }

    static TableStatus.Archived archived(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return TableStatus.Archived.NONE;
        }
        LinkedHashSet<LocalDate> starts = new LinkedHashSet<>();
        long rows = 0;
        long deleted = 0;
        long files = 0;
        long bytes = 0;
        Slice first = null;
        Slice last = null;
        java.time.Instant lastCommit = null;
        for (JournalEntry e : entries) {
            SliceReport o = e.outcome();
            starts.add(o.slice().start());
            rows += o.rowsArchived();
            deleted += o.rowsDeleted();
            files += o.files();
            bytes += o.bytes();
            first = first == null || o.slice().compareTo(first) < 0 ? o.slice() : first;
            last = last == null || o.slice().compareTo(last) > 0 ? o.slice() : last;
            lastCommit = lastCommit == null || e.committedAt().isAfter(lastCommit) ? e.committedAt() : lastCommit;
        }
        return new TableStatus.Archived(starts.size(), entries.size(), rows, deleted, files, bytes, first, last,
                lastCommit);
    }

    private static List<TableStatus.SliceStatus> slices(List<JournalEntry> entries, List<SlicePlan> due) {
        TreeMap<Slice, TableStatus.SliceStatus> out = new TreeMap<>();
        for (JournalEntry e : entries) {
            SliceReport o = e.outcome();
            TableStatus.SliceStatus before = out.get(o.slice());
            out.put(o.slice(), before == null
                    ? new TableStatus.SliceStatus(o.slice(), "archived", 1, o.rowsArchived(), o.files(), o.bytes(),
                            o.archive(), e.committedAt())
                    : new TableStatus.SliceStatus(o.slice(), "archived", before.generations() + 1,
                            before.rows() + o.rowsArchived(), before.files() + o.files(),
                            before.bytes() + o.bytes(), o.archive(), e.committedAt()));
        }
        List<TableStatus.SliceStatus> list = new ArrayList<>(out.values());
        for (SlicePlan s : due) {
            list.add(new TableStatus.SliceStatus(s.slice(), "due", 0, Math.max(0, s.rows()), 0, 0, null, null));
        }
        return list;
    }
}
