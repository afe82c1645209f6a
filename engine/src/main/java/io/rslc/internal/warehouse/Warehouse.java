package io.rslc.internal.warehouse;

import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.sql.WarehouseSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the executor needs from a warehouse: how to render its SQL, set up a session, archive a slice inside
 * the current transaction, lock a table against other rslc processes, and maintain a table after deletes.
 * PostgreSQL and Redshift implement it; the executor itself never branches on the warehouse.
 */
public interface Warehouse extends io.rslc.spi.Warehouse {

    /** {@code postgresql} or {@code redshift}. */
    @Override
    String name();

    /** The SQL renderer for this warehouse. */
    WarehouseSql sql();

    /** The isolation level slices run at: a snapshot, so archive and delete see the same rows. */
    int sliceIsolation();

    /** Applies the time zone and statement timeout to a new session. */
    void configureSession(Connection connection, SessionSettings settings) throws SQLException;

    /** True if the error is a serialization conflict that a retry of the whole slice can resolve. */
    boolean isSerializationFailure(SQLException e);

    /**
     * Plans one transaction over consecutive slices: its statements and how it reads its rows. With a connection
     * (a live plan) the warehouse may probe the table's columns, indexes and heap to choose; offline
     * ({@code connection == null}) it shows the form a run would most likely take.
     *
     * @param batched true to read the slices with one scan and delete them with one DELETE (if the warehouse can)
     */
    PlannedTransaction plan(Connection connection, Rule rule, List<SlicePlan> slices, boolean batched)
            throws SQLException;

    /**
     * Runs the ARCHIVE (and VERIFY) statements of {@code tx}, exactly as planned, inside the caller's open
     * transaction (its SETTING statements already ran), into the slices' attempt folders, replacing anything an
     * earlier uncommitted attempt left there.
     *
     * @param generationOf the archive generation of a slice, by its start
     * @return per slice start, what was archived
     */
    Map<LocalDate, ArchiveResult> archive(Connection connection, Rule rule, PlannedTransaction tx,
                                          Function<LocalDate, Integer> generationOf) throws SQLException;

    /**
     * Takes the run lock of a table for this session without waiting.
     *
     * @return the lock, or null if another session holds it
     */
    TableLock tryLock(Connection connection, TableName table) throws SQLException;

    /**
     * Runs the planned VACUUM/ANALYZE statements for a table after {@code rowsDeleted} rows were deleted, in
     * autocommit mode, as far as the warehouse's statistics and the rule's thresholds call for them.
     */
    MaintenanceOutcome maintain(Connection connection, Rule rule, long rowsDeleted, List<String> planned)
            throws SQLException;

    /** A held run lock; closing releases it. */
    interface TableLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
