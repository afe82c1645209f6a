package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.cli.standin.DataApiStandIn;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.internal.aws.dataapi.DataApiDataSource;
import io.rslc.internal.aws.dataapi.DataApiTarget;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * The Data API connection's JDBC behaviour through the real SDK client and the test-only {@link DataApiStandIn}:
 * transactions spanning calls of one session, rollback on close, session reuse, a serialization failure's
 * SQLSTATE, a failed statement's message.
 */
class DataApiConnectionIT {

    RedshiftStandIn.Urls urls;
    DataApiStandIn api;
    DataApiDataSource ds;

    @BeforeEach
    void setUp() throws Exception {
        urls = RedshiftStandIn.start().newDatabase();
        api = new DataApiStandIn(urls.redshift());
        ds = new DataApiDataSource(RedshiftDataClient.builder().endpointOverride(api.endpoint())
                .region(Region.US_EAST_1).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build(), new DataApiTarget(null, DataApiStandIn.WORKGROUP, api.database(), null, null),
                DataApiDataSource.Settings.defaults());
        TestDatabase.exec(urls.postgres(), "CREATE TABLE dr (id INT, v TEXT)", "INSERT INTO dr VALUES (1, 'a'), (2, 'b')");
    }

    @AfterEach
    void tearDown() {
        ds.close();
        api.close();
    }

    long count(String sql) throws Exception {
        return TestDatabase.count(urls.postgres(), sql);
    }

    @Test
    void aTransactionSpansCallsOfOneSessionAndClosingRollsItBack() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dr VALUES (?, ?)")) {
                ps.setInt(1, 3);
                ps.setString(2, "it's ? \\ here");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (Statement st = c.createStatement()) {
                assertThat(st.executeLargeUpdate("DELETE FROM dr WHERE id <= 2")).isEqualTo(2);
            }
            assertThat(count("SELECT count(*) FROM dr")).as("not committed yet").isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM dr")).as("rolled back at close").isEqualTo(2);

        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dr VALUES (?, ?)")) {
                ps.setInt(1, 3);
                ps.setString(2, "it's ? \\ here");
                ps.executeUpdate();
            }
            c.setAutoCommit(true); // commits, as JDBC says
            try (PreparedStatement ps = c.prepareStatement("SELECT v, id FROM dr WHERE id = ?")) {
                ps.setLong(1, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("it's ? \\ here");
                    assertThat(rs.getInt(2)).isEqualTo(3);
                }
            }
        }
        assertThat(count("SELECT count(*) FROM dr")).isEqualTo(3);
        assertThat(api.sent()).containsSubsequence("BEGIN ISOLATION LEVEL SERIALIZABLE", "INSERT INTO dr VALUES (:p1, "
                + ":p2)", "DELETE FROM dr WHERE id <= 2", "ROLLBACK", "BEGIN ISOLATION LEVEL SERIALIZABLE",
                "INSERT INTO dr VALUES (:p1, :p2)", "COMMIT");
        assertThat(api.logins()).as("the closed connection's session was reused").hasSize(1);
    }

    @Test
    void aSerializationFailureHasSqlState40001SoTheExecutorRetriesIt() throws Exception {
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            for (Connection c : new Connection[] {a, b}) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sum(id) FROM dr")) {
                    rs.next();
                }
            }
            try (Statement st = a.createStatement()) {
                st.executeUpdate("INSERT INTO dr VALUES (10, 'a')");
            }
            SQLException failure = null;
            try (Statement st = b.createStatement()) {
                st.executeUpdate("INSERT INTO dr VALUES (20, 'b')");
                a.commit();
                b.commit();
            } catch (SQLException e) {
                failure = e;
            }
            assertThat((Throwable) failure).as("write skew between two serializable sessions").isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("40001");
            assertThat(new RedshiftWarehouse(null, null).isSerializationFailure(failure)).isTrue();
        }
        assertThat(api.logins()).hasSize(2);
    }

    @Test
    void aFailedStatementSaysWhyAndAnUnusedJdbcMethodSaysItIsNotSupported() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT * FROM nowhere"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("relation \"nowhere\" does not exist")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> c.prepareCall("CALL p()")).isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageStartingWith("Connection.prepareCall is not supported over the Redshift Data API");
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Redshift");
        }
    }
}
