package io.rslc.internal.aws.dataapi;

import io.rslc.internal.aws.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * Connections over the Redshift Data API, for everything in rslc that speaks JDBC (run, status, verify, restore):
 * each connection is one Data API session ({@link DataApiSession}). A closed connection's session goes back to a
 * small pool while it is far from expiring, so a run of many tables does not leave one idle session per table
 * (a session ends only {@code keepAlive} after its last statement; the Data API has no call to end one).
 * Close the data source to close its client.
 */
public final class DataApiDataSource implements DataSource, AutoCloseable {

    /**
     * How sessions live and statements are polled.
     *
     * @param keepAlive how long an idle session stays open ({@code SessionKeepAliveSeconds}); also how long a
     *                  crashed run's lock row outlives it (its session is gone from {@code stv_sessions} after)
     * @param pollFirst the first wait before {@code DescribeStatement}; doubled up to {@code pollMax}
     * @param pollMax   the longest wait between polls
     */
    public record Settings(Duration keepAlive, Duration pollFirst, Duration pollMax) {
        public Settings {
            Objects.requireNonNull(keepAlive, "keepAlive");
            Objects.requireNonNull(pollFirst, "pollFirst");
            Objects.requireNonNull(pollMax, "pollMax");
            if (keepAlive.toSeconds() < 60 || keepAlive.toSeconds() > 86_400) {
                throw new IllegalArgumentException("keepAlive must be 1 minute to 24 hours, got " + keepAlive);
            }
        }

        /**
         * Sessions kept 3 minutes after their last statement (rslc's connections are never idle for long: the
         * shorter the keep-alive, the sooner a crashed run's open transaction rolls back and its lock row can be
         * taken over); polls from 20 ms up to 1 s.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(3), Duration.ofMillis(20), Duration.ofSeconds(1));
        }
    }

    private final RedshiftDataClient client;
    private final DataApiTarget target;
    private final Settings settings;
    private final Clock clock;
    private final Deque<DataApiSession> idle = new ArrayDeque<>();

    public DataApiDataSource(RedshiftDataClient client, DataApiTarget target, Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Clock.systemUTC();
    }

    /** A data source with its own client (standard retries; {@code endpoint} null for AWS). */
    public static DataApiDataSource open(DataApiTarget target, String region, URI endpoint) {
        return new DataApiDataSource(AwsClients.redshiftData(region, endpoint), target, Settings.defaults());
    }

    public DataApiTarget target() {
        return target;
    }

    @Override
    public Connection getConnection() {
        DataApiSession session = null;
        synchronized (idle) {
            while (session == null && !idle.isEmpty()) {
                DataApiSession s = idle.pop();
                session = s.reusable() ? s : null;
            }
        }
        if (session == null) {
            session = new DataApiSession(client, target, settings, clock);
        }
        return JdbcSubset.of(Connection.class, new DataApiConnection(session, this));
    }

    /** Called by a closing connection, its transaction ended. */
    void release(DataApiSession session) {
        if (session.reusable()) {
            synchronized (idle) {
                idle.push(session);
            }
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the Data API logs in with the target's secret, database user "
                + "or IAM identity, not a user and password");
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
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "DataApiDataSource[" + target.describe() + "]";
    }
}
