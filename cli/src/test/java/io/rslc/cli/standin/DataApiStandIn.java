package io.rslc.cli.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * TEST-ONLY stand-in for the Redshift Data API: no Data API emulator exists, so this small
 * {@code com.sun.net.httpserver} server on 127.0.0.1 speaks the service's JSON 1.1 protocol ({@code POST /},
 * {@code X-Amz-Target: RedshiftData.<Operation>}) for the operations rslc's Data API connection uses, and runs
 * the statements through the JDBC {@link RedshiftStandIn} (the real Redshift driver, pgbouncer, PostgreSQL, with
 * UNLOAD and {@code pg_last_unload_count()} emulated), so the REAL {@code RedshiftDataClient} parses real responses
 * and rslc's SQL meets PostgreSQL's parser. It emulates:
 * <ul>
 *   <li>{@code ExecuteStatement}: one JDBC connection per session. The first call names the target
 *       ({@code ClusterIdentifier} xor {@code WorkgroupName}, {@code Database}, and {@code SecretArn} or
 *       {@code DbUser} or neither, validated as the service does) and with {@code SessionKeepAliveSeconds} opens a
 *       session whose {@code SessionId} later calls give instead; without it, a fresh autocommit connection runs
 *       the one statement. {@code :name} parameters ({@code Parameters}, values of at least one character) become
 *       untyped literals, which PostgreSQL converts from context as Redshift converts Data API parameters;</li>
 *   <li>{@code DescribeStatement}: the statement runs when submitted; the first describe says {@code STARTED},
 *       later ones {@code FINISHED} (with {@code HasResultSet}, {@code ResultRows}: rows returned or changed) or
 *       {@code FAILED} with the database's error text;</li>
 *   <li>{@code GetStatementResult}: typed fields ({@code longValue} for integers, {@code doubleValue},
 *       {@code booleanValue}, {@code isNull}, {@code stringValue} for the rest), {@code ColumnMetadata}, pages of
 *       {@link #pageSize} rows with {@code NextToken}.</li>
 * </ul>
 * Not emulated: statements running asynchronously (a session busy with one), session expiry (see
 * {@link #endSession}), CancelStatement, BatchExecuteStatement (rslc does not use it), result size limits.
 *
 * <p>Why this file is long: one server with three operations and the session and target rules they share, kept
 * together so the emulation reads in one place; the SQL and JSON details are in {@link DataApiFields}.
 */
public final class DataApiStandIn implements AutoCloseable {

    public static final String CLUSTER = "rslc-standin";
    public static final String WORKGROUP = "rslc-standin-wg";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String jdbcUrl;
    private final String database;
    private final Map<String, Connection> sessions = new ConcurrentHashMap<>();
    private final Map<String, Outcome> statements = new ConcurrentHashMap<>();
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logins = Collections.synchronizedList(new ArrayList<>());
    /** Rows per GetStatementResult page. */
    public volatile int pageSize = 100;

    /** What a statement did. */
    private static final class Outcome {
        final String sql;
        final String sessionId;
        String error;
        DataApiFields.Rows result; // null: no result set
        long rows;
        boolean described;

        Outcome(String sql, String sessionId) {
            this.sql = sql;
            this.sessionId = sessionId;
        }
    }

    /** Serves the database of {@code jdbcUrl} (a {@link RedshiftStandIn} URL) as cluster and workgroup. */
    public DataApiStandIn(String jdbcUrl) throws IOException {
        this.jdbcUrl = jdbcUrl;
        this.database = jdbcUrl.replaceAll("\\?.*", "").replaceAll(".*/", "");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads); // sessions run side by side, as a cluster's do
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String database() {
        return database;
    }

    /** Every statement received, in order, as sent (parameters as {@code :name}). */
    public List<String> sent() {
        return sent;
    }

    /** The target and login of every session or session-less call, e.g. {@code cluster=c db=d secret=arn}. */
    public List<String> logins() {
        return logins;
    }

    /**
     * Ends a session as its keep-alive running out would: its database backend ends (behind pgbouncer, closing the
     * client alone would leave it alive), rolling back what is open, and it leaves {@code stv_sessions}.
     */
    public void endSession(String sessionId) throws SQLException {
        Connection c = sessions.remove(sessionId);
        if (c != null) {
            synchronized (c) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                } catch (SQLException expected) {
                    // the backend ended under its own statement
                }
                c.close();
            }
        }
    }

    /** Session ids open now. */
    public List<String> sessionIds() {
        return new ArrayList<>(sessions.keySet());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode body = JsonNode.parser().parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                String json = switch (target) {
                    case "RedshiftData.ExecuteStatement" -> execute(body);
                    case "RedshiftData.DescribeStatement" -> describe(text(body, "Id"));
                    case "RedshiftData.GetStatementResult" -> result(text(body, "Id"), text(body, "NextToken"));
                    default -> throw new Refused("ValidationException", "operation " + target + " is not emulated");
                };
                reply(ex, 200, json);
            } catch (Refused r) {
                reply(ex, 400, "{\"__type\":" + quote(r.type) + ",\"Message\":" + quote(r.getMessage()) + "}");
            }
        }
    }

    private String execute(JsonNode body) throws Refused {
        String sql = text(body, "Sql");
        String sessionId = text(body, "SessionId");
        String cluster = text(body, "ClusterIdentifier");
        String workgroup = text(body, "WorkgroupName");
        String db = text(body, "Database");
        String secret = text(body, "SecretArn");
        String user = text(body, "DbUser");
        String keepAlive = text(body, "SessionKeepAliveSeconds");
        if (sql == null || sql.isBlank()) {
            throw new Refused("ValidationException", "Sql is required");
        }
        Connection c;
        if (sessionId != null) {
            if (cluster != null || workgroup != null || db != null || secret != null || user != null) {
                throw new Refused("ValidationException", "a call with SessionId names no target or login");
            }
            c = sessions.get(sessionId);
            if (c == null) {
                throw new Refused("ValidationException", "Session " + sessionId + " is not available");
            }
        } else {
            if ((cluster == null) == (workgroup == null)) {
                throw new Refused("ValidationException", "give ClusterIdentifier or WorkgroupName");
            }
            if (cluster != null && !cluster.equals(CLUSTER) || workgroup != null && !workgroup.equals(WORKGROUP)) {
                throw new Refused("ResourceNotFoundException", "no cluster or workgroup "
                        + (cluster != null ? cluster : workgroup));
            }
            if (workgroup != null && user != null || secret != null && user != null) {
                throw new Refused("ValidationException", "DbUser goes with ClusterIdentifier and without SecretArn");
            }
            if (!database.equals(db)) {
                throw new Refused("ValidationException", "database \"" + db + "\" does not exist");
            }
            logins.add((cluster != null ? "cluster=" + cluster : "workgroup=" + workgroup) + " db=" + db
                    + (secret != null ? " secret=" + secret : user != null ? " dbuser=" + user : " iam"));
            try {
                c = DriverManager.getConnection(jdbcUrl, "postgres", "");
            } catch (SQLException e) {
                throw new Refused("DatabaseConnectionException", e.getMessage());
            }
            if (keepAlive != null) {
                sessionId = UUID.randomUUID().toString();
                sessions.put(sessionId, c);
            }
        }
        String id = UUID.randomUUID().toString();
        Outcome o = new Outcome(sql, sessionId);
        String bound = bind(sql, body.field("Parameters").map(JsonNode::asArray).orElse(List.of()));
        sent.add(sql);
        synchronized (c) {
            run(c, bound, o);
        }
        if (sessionId == null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the statement's outcome is what counts
            }
        }
        statements.put(id, o);
        return "{\"Id\":" + quote(id) + ",\"CreatedAt\":" + now() + (sessionId == null ? ""
                : ",\"SessionId\":" + quote(sessionId)) + "}";
    }

    private void run(Connection c, String sql, Outcome o) {
        try (Statement st = c.createStatement()) {
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    o.result = DataApiFields.read(rs);
                    o.rows = o.result.records().size();
                }
            } else {
                o.rows = Math.max(st.getUpdateCount(), 0);
            }
        } catch (SQLException e) {
            o.error = "ERROR: " + String.valueOf(e.getMessage()).replaceFirst("^ERROR: *", "");
        }
    }

    private String describe(String id) throws Refused {
        Outcome o = statement(id);
        String status;
        synchronized (o) {
            status = !o.described ? "STARTED" : o.error != null ? "FAILED" : "FINISHED";
            o.described = true;
        }
        StringBuilder sb = new StringBuilder("{\"Id\":" + quote(id) + ",\"Status\":\"" + status + "\""
                + ",\"QueryString\":" + quote(o.sql) + ",\"CreatedAt\":" + now() + ",\"UpdatedAt\":" + now()
                + ",\"Database\":" + quote(database) + ",\"RedshiftQueryId\":" + Math.abs(id.hashCode()));
        if (o.sessionId != null) {
            sb.append(",\"SessionId\":").append(quote(o.sessionId));
        }
        if (status.equals("FAILED")) {
            sb.append(",\"Error\":").append(quote(o.error));
        } else if (status.equals("FINISHED")) {
            sb.append(",\"HasResultSet\":").append(o.result != null).append(",\"ResultRows\":").append(o.rows);
        }
        return sb.append('}').toString();
    }

    private String result(String id, String token) throws Refused {
        Outcome o = statement(id);
        if (o.result == null) {
            throw new Refused("ValidationException", "Query does not have result. Please check query status with "
                    + "DescribeStatement.");
        }
        return o.result.page(token == null ? 0 : Integer.parseInt(token), pageSize);
    }

    private Outcome statement(String id) throws Refused {
        Outcome o = id == null ? null : statements.get(id);
        if (o == null) {
            throw new Refused("ResourceNotFoundException", "Query does not exist: " + id);
        }
        return o;
    }

    /** The call's {@code Parameters}, each a name and a value of at least one character, bound into the SQL. */
    private static String bind(String sql, List<JsonNode> parameters) throws Refused {
        Map<String, String> values = new HashMap<>();
        for (JsonNode p : parameters) {
            String name = text(p, "name");
            String value = text(p, "value");
            if (name == null || value == null || value.isEmpty()) {
                throw new Refused("ValidationException", "a parameter needs a name and a value of at least 1 "
                        + "character");
            }
            values.put(name, value);
        }
        try {
            return DataApiFields.bind(sql, values);
        } catch (IllegalArgumentException e) {
            throw new Refused("ValidationException", e.getMessage());
        }
    }

    private static String quote(String s) {
        return DataApiFields.quote(s);
    }

    private static String text(JsonNode node, String field) {
        return node.field(field).filter(n -> !n.isNull()).map(n -> n.isNumber() ? n.asNumber() : n.asString())
                .orElse(null);
    }

    private static String now() {
        return String.valueOf(System.currentTimeMillis() / 1000.0);
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A refusal in the service's error shape. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String type;

        Refused(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        for (String id : sessionIds()) {
            try {
                endSession(id);
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
