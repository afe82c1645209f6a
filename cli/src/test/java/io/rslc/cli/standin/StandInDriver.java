package io.rslc.cli.standin;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * TEST-ONLY JDBC driver for {@code jdbc:rslc-standin:redshift://...}: opens the URL after the prefix with the
 * real Redshift JDBC driver and wraps the connection in {@link StandInConnection}. Registered through
 * META-INF/services on the test class path, so a child {@code rslc run} process finds it too.
 */
public final class StandInDriver implements Driver {

    public static final String PREFIX = "jdbc:rslc-standin:";

    static {
        try {
            DriverManager.registerDriver(new StandInDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String real = "jdbc:" + url.substring(PREFIX.length());
        return StandInConnection.wrap(new com.amazon.redshift.jdbc.Driver().connect(real, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
