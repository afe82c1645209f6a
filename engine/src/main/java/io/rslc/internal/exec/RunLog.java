package io.rslc.internal.exec;

import io.rslc.api.TableName;
import io.rslc.api.TableReport;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlPart;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run log ({@code <schema>.table_runs}): one row per table per run with its outcome, written when the run
 * ends, beside the journal. The journal says what was archived; this says how each run went, so
 * {@code rslc status} can show the last run and the failures since. Losing it (a killed run) loses no data.
 */
public final class RunLog {

    private static final String FILE = "common/journal.sql";
    /** The run log's table name inside the journal schema. */
    public static final String TABLE = "table_runs";
    private static final int MESSAGE_MAX = 1000;

    private final SqlPart table;

    public RunLog(SqlDialect dialect, String schema) {
        this.table = dialect.identifier(schema, TABLE);
    }

    /** One logged run of a table. */
    public record Run(String runId, String status, int slices, long rowsArchived, long rowsDeleted,
                      Instant startedAt, Instant finishedAt, String message) {
    }

    /** Creates the table if absent (the journal's schema exists). */
    public void ensure(Connection c) throws SQLException {
        Transactions.autoCommit(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql("create_run_log"));
            }
            return null;
        });
    }

    /** Writes the run's tables in one batch, committed on its own. */
    public void record(Connection c, String runId, Instant startedAt, Instant finishedAt, List<TableReport> tables)
            throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        Transactions.autoCommit(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql("insert_run_log"))) {
                for (TableReport t : tables) {
                    int i = 1;
                    ps.setString(i++, runId);
                    ps.setString(i++, t.rule().table().schema());
                    ps.setString(i++, t.rule().table().table());
                    ps.setString(i++, t.status().name().toLowerCase(Locale.ROOT));
                    ps.setInt(i++, t.slices().size());
                    ps.setLong(i++, t.rowsArchived());
                    ps.setLong(i++, t.rowsDeleted());
                    ps.setTimestamp(i++, utc(startedAt));
                    ps.setTimestamp(i++, utc(finishedAt));
                    String m = t.error();
                    ps.setString(i, m == null ? null : m.length() > MESSAGE_MAX ? m.substring(0, MESSAGE_MAX) : m);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The table's logged runs, newest first; empty if the log does not exist yet. */
    public List<Run> runs(Connection c, TableName t) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql("run_log"))) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static Timestamp utc(Instant i) {
        return Timestamp.valueOf(i.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    private static Instant instant(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private String sql(String name) {
        return SqlTemplates.get(FILE, name).render(Map.of("table", table)).sql();
    }
}
