package io.rslc.internal.exec;

import io.rslc.api.TableName;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlPart;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.Transactions;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The restore journal ({@code <schema>.restore_journal}): which archived slice generations were restored into
 * which table, written in each restore transaction so a restore never copies a slice twice. Slices restored
 * into their own source table are <em>held</em>: {@code rslc run} leaves them alone (they would be due at once)
 * until released. It lives beside the journal because the executor reads the holds.
 */
public final class RestoreJournal {

    private static final String FILE = "common/journal.sql";
    /** The table's name inside the journal schema. */
    public static final String TABLE = "restore_journal";

    private final String schema;
    private final SqlPart table;
    private final Journal journal;

    public RestoreJournal(SqlDialect dialect, String schema) {
        this.schema = schema;
        this.table = dialect.identifier(schema, TABLE);
        this.journal = new Journal(dialect, schema);
    }

    /** Creates the journal schema and this table if absent. */
    public void ensure(Connection c) throws SQLException {
        journal.ensure(c);
        Transactions.autoCommit(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql("create_restore_journal"));
            }
            return null;
        });
    }

    /** Whether the table exists (an rslc that never restored has none). */
    private boolean exists(Connection c) throws SQLException {
        return Journal.tableExists(c, schema, TABLE);
    }

    /** The slice starts of {@code source} restored into itself and not released: runs skip them. */
    public Set<LocalDate> held(Connection c, TableName source) throws SQLException {
        Set<LocalDate> out = new HashSet<>();
        if (!exists(c)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(sql("held"))) {
            ps.setString(1, source.schema());
            ps.setString(2, source.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1).toLocalDate());
                }
            }
        }
        return out;
    }

    /** {@code slice_start/generation} keys already restored from {@code source} into {@code target}. */
    public Set<String> restored(Connection c, TableName source, TableName target) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql("restored"))) {
            ps.setString(1, source.schema());
            ps.setString(2, source.table());
            ps.setString(3, target.schema());
            ps.setString(4, target.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(key(rs.getDate(1).toLocalDate(), rs.getInt(2)));
                }
            }
        }
        return out;
    }

    /** The key {@link #restored} returns for a slice generation. */
    public static String key(LocalDate sliceStart, int generation) {
        return sliceStart + "/" + generation;
    }

    /** Forgets what was restored into {@code target} (it was just created: nothing is in it). */
    public void forgetTarget(Connection c, TableName target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("forget_target"))) {
            ps.setString(1, target.schema());
            ps.setString(2, target.table());
            ps.executeUpdate();
        }
    }

    /** Records a restored slice generation inside the caller's transaction. */
    public void record(Connection c, String runId, TableName source, TableName target, LocalDate sliceStart,
                       int generation, long rows, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("insert_restore"))) {
            int i = 1;
            ps.setString(i++, runId);
            ps.setString(i++, source.schema());
            ps.setString(i++, source.table());
            ps.setString(i++, target.schema());
            ps.setString(i++, target.table());
            ps.setDate(i++, Date.valueOf(sliceStart));
            ps.setInt(i++, generation);
            ps.setLong(i++, rows);
            ps.setBoolean(i++, source.equals(target));
            ps.setTimestamp(i, Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime()));
            ps.executeUpdate();
        }
    }

    /** Releases the holds of {@code source} on slices starting in {@code [from, to]}; returns how many rows changed. */
    public int release(Connection c, TableName source, LocalDate from, LocalDate to) throws SQLException {
        if (!exists(c)) {
            return 0;
        }
        return Transactions.autoCommit(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql("release"))) {
                ps.setString(1, source.schema());
                ps.setString(2, source.table());
                ps.setDate(3, Date.valueOf(from));
                ps.setDate(4, Date.valueOf(to));
                return ps.executeUpdate();
            }
        });
    }

    private String sql(String name) {
        return SqlTemplates.get(FILE, name).render(Map.of("table", table)).sql();
    }
}
