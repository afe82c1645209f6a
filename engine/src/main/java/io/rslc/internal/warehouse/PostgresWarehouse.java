package io.rslc.internal.warehouse;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.archive.ScanPolicy;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.sql.PostgresSql;
import io.rslc.internal.sql.Scan;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.sql.WarehouseSql;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PostgreSQL as a warehouse. It has no UNLOAD, so a slice is archived client-side: its SELECT is streamed
 * through a server-side cursor (fetch size, constant memory) into the rule's file format, inside the slice's
 * REPEATABLE READ transaction, so the files hold exactly the rows the DELETE then removes. Run locks are
 * session-level advisory locks keyed by the table name. How a batch is read is decided by {@link ScanPolicy} from
 * the answers of {@link PostgresProbes}; {@link PostgresArchiveRead} then reads the rows into the archive.
 */
public final class PostgresWarehouse implements Warehouse {

    private static final String SESSION = "postgresql/session.sql";
    private final PostgresSql sql = new PostgresSql();
    private final PostgresArchiveRead reads = new PostgresArchiveRead(sql);
    private final Function<ArchiveLocation, ArchiveStore> stores;

    /**
     * @param stores opens the archive store of a rule's location (local folders, or S3 with a configured client)
     */
    public PostgresWarehouse(Function<ArchiveLocation, ArchiveStore> stores) {
        this.stores = stores;
    }

    /** A warehouse whose archives are local folders (an s3:// location fails its table with a clear error). */
    public static PostgresWarehouse localArchives() {
        return new PostgresWarehouse(location -> ArchiveStores.open(location, null));
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public WarehouseSql sql() {
        return sql;
    }

    @Override
    public int sliceIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public void configureSession(Connection c, SessionSettings settings) throws SQLException {
        Transactions.configureSession(c, SESSION, SqlDialect.POSTGRESQL, settings);
    }

    @Override
    public boolean isSerializationFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PlannedTransaction plan(Connection c, Rule rule, List<SlicePlan> plans, boolean batched)
            throws SQLException {
        if (!batched) {
            return new PlannedTransaction(sql.transaction(rule, plans, Scan.ONE_SLICE), Scan.ONE_SLICE, null, false);
        }
        ArchiveStore store = c == null || !rule.mode().archives() ? null
                : stores.apply(rule.unload().location()).forWriting(rule.unload());
        ScanPolicy.Choice choice = ScanPolicy.batch(rule, plans, store, c == null ? null : new PostgresProbes(sql, c, rule));
        return new PlannedTransaction(sql.transaction(rule, plans, choice.scan()), choice.scan(), choice.ends(), true);
    }

    @Override
    public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                 Function<LocalDate, Integer> generationOf) throws SQLException {
        return reads.archive(c, rule, tx, stores.apply(rule.unload().location()).forWriting(rule.unload()),
                generationOf);
    }

    @Override
    public TableLock tryLock(Connection c, TableName table) throws SQLException {
        long key = lockKey(table);
        if (!queryBoolean(c, SqlTemplates.get(SESSION, "try_lock")
                .render(Map.of("key", SqlDialect.POSTGRESQL.literal(key))).sql())) {
            return null;
        }
        return () -> queryBoolean(c, SqlTemplates.get(SESSION, "unlock")
                .render(Map.of("key", SqlDialect.POSTGRESQL.literal(key))).sql());
    }

    @Override
    public MaintenanceOutcome maintain(Connection c, Rule rule, long rowsDeleted, List<String> planned)
            throws SQLException {
        Transactions.autoCommit(c, () -> {
            try (Statement st = c.createStatement()) {
                for (String s : planned) {
                    st.execute(s);
                }
            }
            return null;
        });
        return new MaintenanceOutcome(planned, rowsDeleted + " row(s) deleted -> " + (planned.isEmpty()
                ? "maintenance=auto: left to autovacuum" : String.join(", ", planned)));
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        return Transactions.autoCommit(c, () -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** A stable 64-bit advisory lock key per table: the first 8 bytes of SHA-256("rslc" NUL schema NUL table). */
    static long lockKey(TableName table) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(
                    ("rslc\0" + table.schema() + "\0" + table.table()).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
