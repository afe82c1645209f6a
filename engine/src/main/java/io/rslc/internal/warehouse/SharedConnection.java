package io.rslc.internal.warehouse;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One open connection handed out as a {@link DataSource} whose connections ignore {@code close()}: the read-only
 * commands that visit every table ({@code rslc status}, {@code rslc verify}) reuse one session instead of
 * opening two per table (on 200 tables that was most of their time). {@link #close()} closes the real one.
 */
public final class SharedConnection implements DataSource, AutoCloseable {

    private final Connection real;
    private final Connection shared;

    public SharedConnection(DataSource source) throws SQLException {
        this.real = source.getConnection();
        this.shared = (Connection) Proxy.newProxyInstance(SharedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        if (!real.getAutoCommit()) {
                            real.rollback(); // as a pool would: no transaction outlives its user
                        }
                        return null;
                    }
                    if (m.getName().equals("isClosed")) {
                        return real.isClosed();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return shared;
    }

    @Override
    public Connection getConnection(String user, String password) {
        return shared;
    }

    @Override
    public void close() throws SQLException {
        real.close();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
