package io.rslc.internal.warehouse;

import io.rslc.internal.sql.SqlPart;
import io.rslc.internal.sql.SqlTemplates;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A run lock kept as a row per table, for warehouses without advisory locks (Redshift). Taking it is one
 * serializable transaction: read the holder, take over if the holder's session is gone, insert ours; two takers
 * racing conflict and one of them gets "busy". Released by deleting our row; a crashed holder's row is taken over
 * as soon as its session has ended.
 */
final class RunLockTable {

    private final Connection c;
    private final SqlPart table;
    private final String file;

    RunLockTable(Connection c, SqlPart table, String templateFile) {
        this.c = c;
        this.table = table;
        this.file = templateFile;
    }

    Warehouse.TableLock tryTake(io.rslc.api.TableName t, Predicate<SQLException> conflict) throws SQLException {
        int isolation = c.getTransactionIsolation();
        try {
            Transactions.autoCommit(c, () -> {
                try (Statement st = c.createStatement()) {
                    st.execute(sql("create_table"));
                } catch (SQLException e) {
                    // a worker starting at the same moment created it first (CREATE IF NOT EXISTS is not atomic)
                    if (!SqlStates.isConcurrentCreate(e)) {
                        throw e;
                    }
                }
                return null;
            });
            boolean taken;
            try {
                taken = Transactions.inTransaction(c, Connection.TRANSACTION_SERIALIZABLE, () -> {
                    Integer holder = holder(t);
                    if (holder != null && alive(holder)) {
                        return false;
                    }
                    if (holder != null) {
                        update("remove", t, null);
                    }
                    update("insert", t, ManagementFactory.getRuntimeMXBean().getName());
                    return true;
                });
            } catch (SQLException e) {
                if (conflict.test(e)) {
                    return null;
                }
                throw e;
            }
            if (!taken) {
                return null;
            }
            return () -> Transactions.autoCommit(c, () -> {
                update("release", t, null);
                return null;
            });
        } finally {
            c.setTransactionIsolation(isolation); // this session's other work keeps the isolation it had
        }
    }

    private Integer holder(io.rslc.api.TableName t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("holder"))) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private boolean alive(int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlTemplates.get(file, "alive").render().sql())) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private void update(String name, io.rslc.api.TableName t, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(name))) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            if (holder != null) {
                ps.setString(3, holder);
                ps.setTimestamp(4, Timestamp.valueOf(Instant.now().atOffset(ZoneOffset.UTC).toLocalDateTime()));
            }
            ps.executeUpdate();
        }
    }

    private String sql(String name) {
        return SqlTemplates.get(file, name).render(Map.of("table", table)).sql();
    }
}
