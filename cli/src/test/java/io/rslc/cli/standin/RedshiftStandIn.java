package io.rslc.cli.standin;

import io.rslc.cli.TestDatabaseAccess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * TEST-ONLY Redshift stand-in, as thin as possible: a real PostgreSQL reached through Debian's pgbouncer (which
 * drops the startup parameters PostgreSQL rejects) so the REAL Redshift JDBC driver is exercised; s3proxy on
 * loopback as S3; and {@link StandInConnection} for the statements PostgreSQL lacks. Started once per JVM.
 */
public final class RedshiftStandIn {

    public static final String BUCKET = "archive";

    private static RedshiftStandIn instance;

    private final int bouncerPort;
    private final S3TestServer s3;

    private RedshiftStandIn(int bouncerPort, S3TestServer s3) {
        this.bouncerPort = bouncerPort;
        this.s3 = s3;
    }

    /** Starts (once) pgbouncer in front of the test PostgreSQL, and s3proxy; sets the stand-in's properties. */
    public static synchronized RedshiftStandIn start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/pgbouncer")) || Files.isExecutable(Path.of("/usr/bin/pgbouncer")),
                "pgbouncer is not installed: the Redshift stand-in tests need it (apt-get install -y pgbouncer; "
                        + ".ci/run installs it)");
        if (instance == null) {
            int pgPort = TestDatabaseAccess.port();
            int bouncer = startPgBouncer(pgPort);
            S3TestServer s3 = S3TestServer.shared();
            s3.bucket(BUCKET);
            System.setProperty("rslc.standin.s3Endpoint", s3.endpoint());
            System.setProperty("rslc.standin.s3AccessKey", S3TestServer.ACCESS_KEY);
            System.setProperty("rslc.standin.s3SecretKey", S3TestServer.SECRET_KEY);
            instance = new RedshiftStandIn(bouncer, s3);
        }
        return instance;
    }

    /**
     * A new database with Redshift's system views emulated ({@code svv_table_info} over pg_stat_user_tables,
     * {@code stv_sessions} over pg_stat_activity).
     *
     * @return the stand-in JDBC URL ({@code jdbc:rslc-standin:redshift://...}) and the direct PostgreSQL URL
     */
    public Urls newDatabase() throws Exception {
        String pgUrl = TestDatabaseAccess.newDatabase();
        TestDatabaseAccess.exec(pgUrl,
                "CREATE VIEW public.svv_table_info AS SELECT schemaname::varchar AS \"schema\", relname::varchar AS \"table\","
                        + " 0.0::float8 AS unsorted,"
                        + " CASE WHEN n_live_tup + n_dead_tup = 0 THEN 0.0 ELSE LEAST(100.0, 100.0 * n_mod_since_analyze"
                        + " / GREATEST(n_live_tup + n_dead_tup, 1)) END::float8 AS stats_off,"
                        + " (n_live_tup + n_dead_tup)::bigint AS tbl_rows, n_live_tup::bigint AS estimated_visible_rows"
                        + " FROM pg_stat_user_tables",
                "CREATE VIEW public.stv_sessions AS SELECT pid AS process FROM pg_stat_activity WHERE pid IS NOT NULL");
        String db = pgUrl.substring(pgUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        return new Urls(StandInDriver.PREFIX + "redshift://127.0.0.1:" + bouncerPort + "/" + db + "?ssl=false", pgUrl);
    }

    /** The stand-in URL for rslc and the direct PostgreSQL URL for test assertions. */
    public record Urls(String redshift, String postgres) {
    }

    /**
     * Starts recording the statements clients send through the stand-in (every connection, in order), replacing
     * any earlier recording; the list returned fills as they are sent. {@code record()} again starts a new one.
     */
    public List<String> record() {
        List<String> into = Collections.synchronizedList(new ArrayList<>());
        StandInConnection.record(into);
        return into;
    }

    /** Stops recording. */
    public void stopRecording() {
        StandInConnection.record(null);
    }

    public S3Client s3() {
        return s3.s3();
    }

    /** JVM options a child {@code rslc} process needs to use the stand-in. */
    public List<String> jvmOptions() {
        List<String> o = new ArrayList<>();
        for (String k : List.of("rslc.standin.s3Endpoint", "rslc.standin.s3AccessKey", "rslc.standin.s3SecretKey")) {
            o.add("-D" + k + "=" + System.getProperty(k));
        }
        return o;
    }

    private static int startPgBouncer(int pgPort) throws Exception {
        Path dir = Files.createTempDirectory("rslc-pgbouncer", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=127.0.0.1 port=" + pgPort,
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("users.txt"),
                "pool_mode = session",
                "max_client_conn = 200",
                "default_pool_size = 50",
                "ignore_startup_parameters = extra_float_digits,driver_version,os_version,client_protocol_version,"
                        + "driver_discovery_version,plugin_name",
                "logfile = " + dir.resolve("pgbouncer.log"),
                ""));
        for (String f : List.of("users.txt", "pgbouncer.ini")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        String bin = Files.exists(Path.of("/usr/sbin/pgbouncer")) ? "/usr/sbin/pgbouncer" : "/usr/bin/pgbouncer";
        List<String> cmd = "root".equals(System.getProperty("user.name"))
                ? List.of("runuser", "-u", "postgres", "--", bin, dir.resolve("pgbouncer.ini").toString())
                : List.of(bin, dir.resolve("pgbouncer.ini").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        for (int i = 0; i < 500; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.getInputStream();
                return port;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("pgbouncer exited: " + Files.readString(dir.resolve("stdout.log"))
                            + (Files.exists(dir.resolve("pgbouncer.log")) ? Files.readString(dir.resolve("pgbouncer.log")) : ""));
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on " + port);
    }
}
