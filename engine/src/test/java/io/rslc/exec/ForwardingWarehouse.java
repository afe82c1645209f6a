package io.rslc.exec;

import io.rslc.config.Rule;
import io.rslc.config.TableName;
import io.rslc.plan.Slice;
import io.rslc.sql.WarehouseSql;
import io.rslc.warehouse.ArchivedSlice;
import io.rslc.warehouse.MaintenanceOutcome;
import io.rslc.warehouse.SessionSettings;
import io.rslc.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;

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
    public ArchivedSlice archive(Connection c, Rule rule, Slice slice, int generation) throws SQLException {
        return delegate.archive(c, rule, slice, generation);
    }

    @Override
    public TableLock tryLock(Connection c, TableName table) throws SQLException {
        return delegate.tryLock(c, table);
    }

    @Override
    public MaintenanceOutcome maintain(Connection c, Rule rule, long rowsDeleted) throws SQLException {
        return delegate.maintain(c, rule, rowsDeleted);
    }
}
