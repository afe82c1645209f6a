package io.rslc.internal.exec;

import io.rslc.api.Granularity;
import io.rslc.api.RslcException;
import io.rslc.api.Slice;
import io.rslc.api.SliceReport;
import io.rslc.api.TableName;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlPart;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.SqlStates;
import io.rslc.internal.warehouse.Transactions;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The slice journal: a table in the warehouse ({@code <schema>.slice_journal}, schema {@code rslc} by default)
 * with one row per committed slice. It is written in the slice's own transaction, so after any crash it is the
 * truth: which slices were archived and deleted, and which archive generation each one used.
 */
public final class Journal {

    private static final String FILE = "common/journal.sql";
    /** The journal table's name inside its schema. */
    public static final String TABLE = "slice_journal";

    private final SqlDialect dialect;
    private final String schema;
    private final SqlPart table;

    public Journal(SqlDialect dialect, String schema) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = dialect.identifier(schema, TABLE);
    }

    /** {@code schema.slice_journal}, for messages. */
    public String name() {
        return schema + "." + TABLE;
    }

    /**
     * Creates the schema and table if absent; a missing privilege becomes a clear error. Safe when several
     * workers start at once: {@code CREATE ... IF NOT EXISTS} is not atomic in PostgreSQL (two sessions can both
     * pass the check and one then fails on a catalog unique index), so a duplicate-object failure is accepted
     * when the table exists afterwards.
     */
    public void ensure(Connection c) throws SQLException {
        Transactions.autoCommit(c, () -> {
            for (int attempt = 1; ; attempt++) {
                try (Statement st = c.createStatement()) {
                    if (!exists(c)) {
                        st.execute(sql("create_schema", Map.of("schema", dialect.identifier(schema))));
                        st.execute(sql("create_table", Map.of("table", table)));
                    }
                    return null;
                } catch (SQLException e) {
                    if ("42501".equals(e.getSQLState())) {
                        throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot create the journal " + name()
                                + ": permission denied. Create it once as an owner (see docs/executor.md) or grant CREATE "
                                + "on the database to the rslc user, or choose another schema with --journal-schema.", e);
                    }
                    if (!SqlStates.isConcurrentCreate(e) || attempt == 3) {
                        throw e;
                    }
                    // another worker created the schema or table between our check and our CREATE: look again
                }
            }
        });
    }

    /** Whether the journal table exists. */
    public boolean exists(Connection c) throws SQLException {
        return tableExists(c, schema, TABLE);
    }

    /**
     * Whether a table exists, from information_schema (DatabaseMetaData differs between drivers); shared by the
     * journal's tables and by restore's target.
     */
    public static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SqlTemplates.get("common/slice.sql", "table_exists").render().sql())) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The highest committed generation per slice start of a table. */
    public Map<LocalDate, Integer> generations(Connection c, TableName t) throws SQLException {
        Map<LocalDate, Integer> out = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "generations", t); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getDate(1).toLocalDate(), rs.getInt(2));
            }
        }
        return out;
    }

    /** The start of the latest committed slice of a table, or null. */
    public LocalDate lastSlice(Connection c, TableName t) throws SQLException {
        try (PreparedStatement ps = prepare(c, "last_slice", t); ResultSet rs = ps.executeQuery()) {
            Date d = rs.next() ? rs.getDate(1) : null;
            return d == null ? null : d.toLocalDate();
        }
    }

    /** Every entry of a table, oldest slice first (for tests and reconciliation). */
    public List<JournalEntry> entries(Connection c, TableName t) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "entries", t); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Slice slice = Slice.containing(Granularity.parse(rs.getString(3)).orElseThrow(),
                        rs.getDate(4).toLocalDate());
                Instant started = rs.getTimestamp(13).toLocalDateTime().toInstant(ZoneOffset.UTC);
                Instant committed = rs.getTimestamp(14).toLocalDateTime().toInstant(ZoneOffset.UTC);
                SliceReport outcome = new SliceReport(slice, rs.getInt(6), rs.getLong(8), rs.getLong(9),
                        rs.getInt(11), rs.getLong(12), rs.getString(10), 0, Duration.between(started, committed));
                out.add(new JournalEntry(rs.getString(1), t, rs.getString(2), rs.getString(7), outcome, started,
                        committed));
            }
        }
        return out;
    }

    /** Records a slice inside the caller's transaction. */
    public void record(Connection c, JournalEntry e) throws SQLException {
        recordAll(c, List.of(e));
    }

    /**
     * Records several slices inside the caller's transaction as one JDBC batch: one round trip for a batch of
     * slices instead of one per slice.
     */
    public void recordAll(Connection c, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql("insert", Map.of("table", table)))) {
            for (JournalEntry e : entries) {
                SliceReport o = e.outcome();
                int i = 1;
                ps.setString(i++, e.runId());
                ps.setString(i++, e.table().schema());
                ps.setString(i++, e.table().table());
                ps.setString(i++, e.column());
                ps.setString(i++, o.slice().granularity().configValue());
                ps.setDate(i++, Date.valueOf(o.slice().start()));
                ps.setDate(i++, Date.valueOf(o.slice().end()));
                ps.setInt(i++, o.generation());
                ps.setString(i++, e.mode());
                ps.setLong(i++, o.rowsArchived());
                ps.setLong(i++, o.rowsDeleted());
                ps.setString(i++, o.archive());
                ps.setInt(i++, o.files());
                ps.setLong(i++, o.bytes());
                ps.setTimestamp(i++, Timestamp.valueOf(e.startedAt().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.setTimestamp(i, Timestamp.valueOf(e.committedAt().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int n : counts) {
                if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("the journal insert of a slice reported " + n + " row(s), not 1");
                }
            }
        }
    }

    private PreparedStatement prepare(Connection c, String name, TableName t) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql(name, Map.of("table", table)));
        ps.setString(1, t.schema());
        ps.setString(2, t.table());
        return ps;
    }

    private static String sql(String name, Map<String, SqlPart> bindings) {
        return SqlTemplates.get(FILE, name).render(bindings).sql();
    }
}
