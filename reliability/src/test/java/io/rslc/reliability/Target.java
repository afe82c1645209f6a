package io.rslc.reliability;

import io.rslc.cli.TestDatabaseAccess;
import io.rslc.cli.standin.DataApiStandIn;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.cli.standin.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A warehouse database for one instance, and how rslc reaches it. PostgreSQL: the shared embedded server, rslc
 * logging in as {@value #USER}, a non-superuser that owns the database and needs its password (scram, given by
 * {@code --password-env} only). Redshift: the stand-in (real Redshift JDBC driver through pgbouncer, UNLOAD and
 * COPY against s3proxy). The test itself always looks through a direct superuser connection.
 */
final class Target {

    enum Kind { POSTGRES, REDSHIFT }

    static final String USER = "campaign";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/rslc-campaign";
    static final String BUCKET = "campaign";

    private static final java.util.Set<String> ROLE_READY = new java.util.HashSet<>();

    final Kind kind;
    /** Direct superuser URL, for the test's own reads and writes. */
    final String pgUrl;
    /** The URL rslc gets. */
    final String rslcUrl;
    final String database;
    /** The S3 endpoint rslc and the test use (the shared s3proxy unless an instance brings its own). */
    String s3Endpoint;
    software.amazon.awssdk.services.s3.S3Client s3Client;
    /** The Data API stand-in rslc reaches the stand-in's database through, or null for JDBC. */
    DataApiStandIn dataApi;

    private Target(Kind kind, String pgUrl, String rslcUrl) throws Exception {
        this.kind = kind;
        this.pgUrl = pgUrl;
        this.rslcUrl = rslcUrl;
        this.database = pgUrl.substring(pgUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        S3TestServer shared = s3();
        this.s3Endpoint = shared.endpoint();
        this.s3Client = shared.s3();
    }

    static Target postgres() throws Exception {
        return postgres(TestDatabaseAccess.newDatabase(), TestDatabaseAccess.port());
    }

    /** A database (direct superuser URL) on a PostgreSQL server listening on {@code port}. */
    static Target postgres(String superUrl, int port) throws Exception {
        String pw = Campaign.password();
        campaignRole(superUrl, port, pw);
        Target t = new Target(Kind.POSTGRES, superUrl, "jdbc:postgresql://127.0.0.1:" + port + "/"
                + superUrl.substring(superUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
        TestDatabaseAccess.exec(superUrl, "ALTER DATABASE " + t.database + " OWNER TO " + USER,
                "ALTER SCHEMA public OWNER TO " + USER);
        return t;
    }

    static Target redshift() throws Exception {
        RedshiftStandIn standIn = RedshiftStandIn.start();
        s3();
        RedshiftStandIn.Urls urls = standIn.newDatabase();
        return new Target(Kind.REDSHIFT, urls.postgres(), urls.redshift());
    }

    /**
     * The Redshift stand-in's database reached through the Data API stand-in ({@code --data-api}): statements run
     * in Data API sessions this JVM serves, so a killed rslc's session, its open transaction and its run lock
     * outlive it until {@link #endDataApiSessions} (the keep-alive running out).
     */
    static Target dataApi() throws Exception {
        Target t = redshift();
        t.dataApi = new DataApiStandIn(t.rslcUrl);
        return t;
    }

    /** Ends every open Data API session, as their keep-alive running out would; returns how many. */
    int endDataApiSessions() throws SQLException {
        List<String> open = dataApi.sessionIds();
        for (String id : open) {
            dataApi.endSession(id);
        }
        return open.size();
    }

    /** The shared s3proxy, with the campaign's bucket, credentials for in-process runs set. */
    static S3TestServer s3() throws Exception {
        S3TestServer s3 = S3TestServer.shared();
        s3.bucket(BUCKET);
        s3.bucket(RedshiftStandIn.BUCKET);
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        return s3;
    }

    /**
     * Creates the campaign's login role once, and makes the server ask it for its password (scram-sha-256 lines
     * put first in pg_hba.conf, then a reload). Checked: without the password the login fails.
     */
    private static synchronized void campaignRole(String superUrl, int port, String pw) throws Exception {
        if (ROLE_READY.contains(superUrl.replaceAll("/[^/]*$", ""))) {
            return;
        }
        try (Connection c = DriverManager.getConnection(superUrl); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                    + "CREATE ROLE " + USER + " LOGIN; END IF; END $$");
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + pw.replace("'", "''") + "'");
            Path hba;
            try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            String lines = "host all " + USER + " 127.0.0.1/32 scram-sha-256\nhost all " + USER
                    + " ::1/128 scram-sha-256\n";
            String current = Files.readString(hba);
            if (!current.startsWith(lines)) {
                Files.writeString(hba, lines + current);
            }
            st.execute("SELECT pg_reload_conf()");
        }
        String noPassword = superUrl.replaceAll("user=[^&]*", "user=" + USER);
        Thread.sleep(200); // the postmaster reloads asynchronously
        try (Connection c = DriverManager.getConnection(noPassword)) {
            throw new AssertionError("the campaign user logged in without its password: pg_hba.conf not in effect");
        } catch (SQLException expected) {
            // 28P01 / 28000: password required
        }
        ROLE_READY.add(superUrl.replaceAll("/[^/]*$", ""));
    }

    /** Connection arguments for every rslc command. */
    List<String> connection() throws Exception {
        List<String> a = new ArrayList<>();
        if (dataApi != null) {
            a.addAll(List.of("--data-api", "--data-api-endpoint", dataApi.endpoint().toString(), "--database",
                    dataApi.database(), "--region", "us-east-1", "--cluster-id", DataApiStandIn.CLUSTER,
                    "--db-user", "rslc_campaign", "--role-arn", ROLE_ARN, "--s3-endpoint", s3Endpoint));
            return a;
        }
        a.addAll(List.of("--jdbc-url", rslcUrl));
        if (kind == Kind.POSTGRES) {
            a.addAll(List.of("--user", USER, "--password-env", Campaign.PASSWORD_ENV));
        } else {
            a.addAll(List.of("--warehouse", "redshift", "--user", "postgres", "--role-arn", ROLE_ARN));
        }
        a.addAll(List.of("--s3-endpoint", s3Endpoint));
        return a;
    }

    /** JVM options of a child rslc (the stand-in's S3 settings). */
    List<String> jvmOptions() throws Exception {
        return kind == Kind.REDSHIFT ? RedshiftStandIn.start().jvmOptions() : List.of();
    }

    /** Environment of a child rslc: S3 credentials (the password variable is inherited from this JVM). */
    static Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
    }

    void exec(String... sql) throws SQLException {
        TestDatabaseAccess.exec(pgUrl, sql);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(pgUrl);
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Committed journal rows so far, 0 before the journal exists. */
    long journalRows() {
        try {
            return count("SELECT count(*) FROM rslc.slice_journal");
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Drops the database (instances leave nothing behind on the shared server). */
    void drop() {
        if (dataApi != null) {
            dataApi.close();
        }
        try (Connection c = DriverManager.getConnection(pgUrl.replace("/" + database, "/postgres"));
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            // best effort: a leftover database only costs disk
        }
    }
}
