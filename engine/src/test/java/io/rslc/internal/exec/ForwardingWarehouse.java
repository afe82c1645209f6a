package io.rslc.internal.exec;

import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.sql.WarehouseSql;
import io.rslc.internal.warehouse.MaintenanceOutcome;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.internal.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A real warehouse with one step overridable, to inject concurrency and faults at exact points in tests. */
class ForwardingWarehouse implements Warehouse {

    final Warehouse delegate;

    ForwardingWarehouse(Warehouse delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public WarehouseSql sql() {
        return delegate.sql();
    }

    @Override
    public int sliceIsolation() {
        return delegate.sliceIsolation();
    }

    @Override
    public void configureSession(Connection c, SessionSettings s) throws SQLException {
        delegate.configureSession(c, s);
    }

    @Override
    public boolean isSerializationFailure(SQLException e) {
        return delegate.isSerializationFailure(e);
    }

    @Override
    public PlannedTransaction plan(Connection c, Rule rule, List<SlicePlan> slices, boolean batched)
            throws SQLException {
        return delegate.plan(c, rule, slices, batched);
    }

    @Override
    public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                 Function<LocalDate, Integer> generationOf) throws SQLException {
        return delegate.archive(c, rule, tx, generationOf);
    }

    @Override
    public TableLock tryLock(Connection c, TableName table) throws SQLException {
        return delegate.tryLock(c, table);
    }

    @Override
    public MaintenanceOutcome maintain(Connection c, Rule rule, long rowsDeleted, List<String> planned)
            throws SQLException {
        return delegate.maintain(c, rule, rowsDeleted, planned);
    }
}
