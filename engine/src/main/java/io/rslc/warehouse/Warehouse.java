package io.rslc.warehouse;

import io.rslc.config.Rule;
import io.rslc.config.TableName;
import io.rslc.plan.Slice;
import io.rslc.plan.SlicePlan;
import io.rslc.sql.WarehouseSql;
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
public interface Warehouse {

    /** {@code postgresql} or {@code redshift}. */
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
     * Archives the rows of a slice, inside the caller's open transaction, into the slice's attempt folder for
     * {@code generation}, replacing anything an earlier uncommitted attempt left there.
     */
    ArchivedSlice archive(Connection connection, Rule rule, Slice slice, int generation) throws SQLException;

    /** True if {@link #archiveBatch} is supported: several slices archived by one scan in one transaction. */
    default boolean archivesInBatches() {
        return false;
    }

    /**
     * Archives every row in {@code [from, to)}, inside the caller's open transaction, split into the slices' own
     * attempt folders (as {@link #archive} would write them one by one), by ONE scan of the table.
     *
     * @param planned      the slices planned in the range (their folders are cleaned even if they have no rows now),
     *                     with the rows planning counted (a hint: rows may have changed since)
     * @param generationOf the archive generation of a slice, by its start
     * @return per slice start, what was archived
     */
    default Map<LocalDate, ArchivedSlice> archiveBatch(Connection connection, Rule rule, LocalDate from, LocalDate to,
                                                       List<SlicePlan> planned,
                                                       Function<LocalDate, Integer> generationOf)
            throws SQLException {
        throw new UnsupportedOperationException(name() + " archives one slice at a time");
    }

    /**
     * Takes the run lock of a table for this session without waiting.
     *
     * @return the lock, or null if another session holds it
     */
    TableLock tryLock(Connection connection, TableName table) throws SQLException;

    /**
     * Runs VACUUM/ANALYZE for a table after {@code rowsDeleted} rows were deleted, in autocommit mode, as far as
     * the warehouse's statistics and the rule's thresholds call for it.
     */
    MaintenanceOutcome maintain(Connection connection, Rule rule, long rowsDeleted) throws SQLException;

    /** A held run lock; closing releases it. */
    interface TableLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
