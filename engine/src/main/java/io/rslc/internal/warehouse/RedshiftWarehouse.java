package io.rslc.internal.warehouse;

import io.rslc.api.Maintenance;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.RslcException;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.sql.RedshiftSql;
import io.rslc.internal.sql.Scan;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.sql.WarehouseSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Amazon Redshift as a warehouse, through the Redshift JDBC driver. A slice is archived by {@code UNLOAD} into
 * its attempt folder (CLEANPATH: only that slice's uncommitted files are ever replaced), and its count is read
 * with {@code pg_last_unload_count()} on the same connection, inside the slice's transaction. A batch of slices
 * is one UNLOAD partitioned by slice and generation (CLEANPATH then cleans only the partition folders it
 * writes), each slice counted in the same snapshot. Maintenance reads
 * {@code svv_table_info} and runs VACUUM/ANALYZE only past the rule's thresholds, waiting while another VACUUM
 * runs on the cluster. The run lock is a row in {@code <lockSchema>.run_lock} owned by a live session.
 */
public final class RedshiftWarehouse implements Warehouse {

    private static final String SESSION = "redshift/session.sql";
    private static final String MAINTENANCE = "redshift/maintenance.sql";
    private static final String LOCK = "redshift/lock.sql";

    private final RedshiftSql sql;
    private final String lockSchema;
    private final int vacuumAttempts;
    private final Duration vacuumWait;

    /**
     * @param roleArn        the UNLOAD IAM role (null: {@code IAM_ROLE default})
     * @param defaultRegion  the bucket region when a rule names none (null: omit REGION)
     * @param lockSchema     schema of the run-lock table (the journal's schema)
     * @param vacuumAttempts how often to try a VACUUM while another one runs on the cluster
     * @param vacuumWait     wait between those attempts
     */
    public RedshiftWarehouse(String roleArn, String defaultRegion, String lockSchema, int vacuumAttempts,
                             Duration vacuumWait) {
        this.sql = new RedshiftSql(roleArn, defaultRegion);
        this.lockSchema = Objects.requireNonNull(lockSchema, "lockSchema");
        this.vacuumAttempts = vacuumAttempts;
        this.vacuumWait = vacuumWait;
    }

    /** Defaults: journal schema {@code rslc}; a busy VACUUM is retried for up to 30 minutes. */
    public RedshiftWarehouse(String roleArn, String defaultRegion) {
        this(roleArn, defaultRegion, "rslc", 60, Duration.ofSeconds(30));
    }

    @Override
    public String name() {
        return "redshift";
    }

    @Override
    public WarehouseSql sql() {
        return sql;
    }

    @Override
    public int sliceIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public void configureSession(Connection c, SessionSettings settings) throws SQLException {
        Transactions.configureSession(c, SESSION, SqlDialect.REDSHIFT, settings);
    }

    /** Redshift reports serializable isolation violations as ERROR 1023; PostgreSQL (the stand-in) as 40001. */
    @Override
    public boolean isSerializationFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String m = s.getMessage() == null ? "" : s.getMessage();
                if ("40001".equals(s.getSQLState()) || m.contains("1023")
                        || m.toLowerCase(Locale.ROOT).contains("serializable isolation violation")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One slice: UNLOAD, its count read back, DELETE. Several (a batch, where the rule allows it): one UNLOAD
     * partitioned by slice and generation into the batch's folder, its count and each slice's count read back in
     * the same snapshot, one DELETE over their range.
     */
    @Override
    public PlannedTransaction plan(Connection c, Rule rule, List<SlicePlan> slices, boolean batched) {
        boolean batch = batched && slices.size() > 1;
        if (slices.size() > 1 && !batch) {
            throw new IllegalArgumentException("several slices in one transaction without batching: " + slices.size());
        }
        return new PlannedTransaction(sql.transaction(rule, slices, Scan.ONE_SLICE), Scan.ONE_SLICE, null, batch);
    }

    @Override
    public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                 Function<LocalDate, Integer> generationOf) throws SQLException {
        List<String> verify = tx.statements().stream().filter(s -> s.role() == PlannedStatement.Role.VERIFY)
                .map(PlannedStatement::sql).toList();
        try (Statement st = c.createStatement()) {
            st.execute(tx.sql(PlannedStatement.Role.ARCHIVE));
            long unloaded;
            try (ResultSet rs = st.executeQuery(verify.get(0))) {
                rs.next();
                unloaded = rs.getLong(1);
            }
            List<SlicePlan> slices = tx.plan().slices();
            if (!tx.batched()) {
                // UNLOAD does not report files or bytes to the session; the manifest in the folder lists them.
                return Map.of(slices.get(0).slice().start(), ArchiveResult.unloaded(unloaded, slices.get(0).archive()));
            }
            Map<LocalDate, ArchiveResult> out = new LinkedHashMap<>();
            long counted = 0;
            try (ResultSet rs = st.executeQuery(verify.get(1))) {
                while (rs.next()) {
                    LocalDate start = rs.getDate(1).toLocalDate();
                    long rows = rs.getLong(2);
                    SlicePlan planned = slices.stream().filter(s -> s.slice().start().equals(start)).findFirst()
                            .orElse(null);
                    if (planned == null) {
                        // a row arrived after planning in a day the batch did not plan: its generation is unknown
                        // to the UNLOAD, so the batch rolls back and its planned slices run one by one
                        throw new ChangedSincePlanning("slice " + start + " got rows after planning");
                    }
                    counted += rows;
                    out.put(start, ArchiveResult.unloaded(rows, planned.archive()));
                }
            }
            if (counted != unloaded) {
                throw new RslcException(RslcException.ErrorCode.ARCHIVE, String.format(Locale.ROOT,
                        "slices [%s, %s): UNLOAD wrote %d row(s) but the slices hold %d; rolled back, nothing "
                                + "deleted", slices.get(0).slice().start(), slices.get(slices.size() - 1).slice().end(),
                        unloaded, counted));
            }
            return out;
        }
    }

    @Override
    public TableLock tryLock(Connection c, TableName table) throws SQLException {
        RunLockTable lock = new RunLockTable(c, SqlDialect.REDSHIFT.identifier(lockSchema, "run_lock"), LOCK);
        return lock.tryTake(table, this::isSerializationFailure);
    }

    @Override
    public MaintenanceOutcome maintain(Connection c, Rule rule, long rowsDeleted, List<String> planned)
            throws SQLException {
        return Transactions.autoCommit(c, () -> decideAndRun(c, rule, planned));
    }

    /** The planned VACUUM and ANALYZE (see {@link io.rslc.internal.sql.RedshiftSql#maintenance}), as thresholds pass. */
    private MaintenanceOutcome decideAndRun(Connection c, Rule rule, List<String> planned) throws SQLException {
        String vacuumSql = planned.stream().filter(s -> s.startsWith("VACUUM")).findFirst().orElse(null);
        String analyzeSql = planned.stream().filter(s -> s.startsWith("ANALYZE")).findFirst().orElse(null);
        Maintenance m = rule.maintenance();
        if (m.policy() == Maintenance.Policy.AUTO) {
            return new MaintenanceOutcome(List.of(), "maintenance=auto: left to Redshift's automatic VACUUM DELETE, "
                    + "sort and ANALYZE");
        }
        if (m.policy() == Maintenance.Policy.FULL) {
            List<String> run = new ArrayList<>();
            if (vacuumSql != null) {
                vacuum(c, vacuumSql);
                run.add(vacuumSql);
            }
            if (analyzeSql != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(analyzeSql);
                }
                run.add(analyzeSql);
            }
            return new MaintenanceOutcome(run, "maintenance=full -> " + (run.isEmpty() ? "nothing configured"
                    : String.join(", ", run)));
        }
        TableInfo info = tableInfo(c, rule.table());
        if (info == null) {
            return new MaintenanceOutcome(List.of(), "svv_table_info has no row for " + rule.table()
                    + " (empty table?) -> nothing to do");
        }
        boolean vacuum = vacuumSql != null
                && (info.deletedPct() >= m.minDeletedPct() || info.unsorted() >= m.minUnsortedPct());
        boolean analyze = analyzeSql != null && info.statsOff() >= m.minStatsOffPct();
        List<String> run = new ArrayList<>();
        if (vacuum) {
            vacuum(c, vacuumSql);
            run.add(vacuumSql);
        }
        if (analyze) {
            try (Statement st = c.createStatement()) {
                st.execute(analyzeSql);
            }
            run.add(analyzeSql);
        }
        String decision = String.format(Locale.ROOT, "svv_table_info: unsorted %.1f %% (vacuum at %.1f), "
                        + "deleted %.1f %% (vacuum at %.1f), stats_off %.1f %% (analyze at %.1f) -> %s",
                info.unsorted(), m.minUnsortedPct(), info.deletedPct(), m.minDeletedPct(), info.statsOff(),
                m.minStatsOffPct(), run.isEmpty() ? "nothing to do" : String.join(", ", run));
        return new MaintenanceOutcome(run, decision);
    }

    /** Only one VACUUM runs per cluster: while another runs, wait and try again. */
    private void vacuum(Connection c, String statement) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.execute(statement);
                return;
            } catch (SQLException e) {
                String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
                if (!(m.contains("vacuum") && m.contains("running")) || attempt >= vacuumAttempts) {
                    throw e;
                }
                try {
                    Thread.sleep(vacuumWait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The numbers maintenance decides on; percentages 0..100. */
    record TableInfo(double unsorted, double statsOff, long tblRows, long visibleRows) {
        /** Rows marked deleted but not yet vacuumed, as a share of all rows. */
        double deletedPct() {
            return tblRows <= 0 ? 0 : 100.0 * Math.max(0, tblRows - visibleRows) / tblRows;
        }
    }

    private static TableInfo tableInfo(Connection c, TableName t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlTemplates.get(MAINTENANCE, "table_info").render().sql())) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new TableInfo(rs.getDouble(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
