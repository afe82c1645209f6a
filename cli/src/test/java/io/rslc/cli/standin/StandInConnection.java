package io.rslc.cli.standin;

import io.rslc.api.ArchiveLocation;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.archive.ArchivedFile;
import io.rslc.internal.archive.ManifestFile;
import io.rslc.internal.archive.SliceArchiver;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.aws.s3.S3ArchiveStores;
import io.rslc.internal.aws.s3.S3Clients;
import io.rslc.internal.restore.ArchivedRows;
import io.rslc.spi.ArchiveStore;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * TEST-ONLY protocol-level stand-in for the Redshift statements PostgreSQL lacks. It wraps a connection of the
 * REAL Redshift JDBC driver (talking to PostgreSQL through pgbouncer) and intercepts, on plain Statements only:
 * <ul>
 *   <li>{@code UNLOAD ('...') TO '...' ...}: both literals are unescaped by PostgreSQL itself
 *       ({@code SELECT E'...'}), the inner SELECT runs on the same connection and transaction (so PostgreSQL's
 *       parser validates it and it sees the slice's snapshot), and its rows are written to S3 (s3proxy) by
 *       rslc's own archive writer; the options are parsed strictly ({@link UnloadCommand});</li>
 *   <li>{@code SELECT pg_last_unload_count()}: answered from the last UNLOAD of this connection;</li>
 *   <li>{@code COPY t (cols) FROM 'manifest' ... MANIFEST} ({@link CopyCommand}) and
 *       {@code SELECT pg_last_copy_count()}, for {@code rslc restore};</li>
 *   <li>{@code VACUUM DELETE ONLY|FULL|SORT ONLY|RECLUSTER t [TO n PERCENT] [BOOST]} -> {@code VACUUM t};</li>
 *   <li>{@code ANALYZE t PREDICATE COLUMNS|ALL COLUMNS} -> {@code ANALYZE t}.</li>
 * </ul>
 * Everything else (SET, SELECT, DELETE, the journal, the lock table, svv_table_info and stv_sessions, which the
 * test database defines as views) goes to PostgreSQL unchanged. Faults for tests, from system properties:
 * {@code rslc.standin.loseRows=n} reports n rows fewer than unloaded; {@code rslc.standin.vacuumBusy=n} fails the
 * next n VACUUMs with "VACUUM is running"; {@code rslc.standin.log=FILE} appends every intercepted statement.
 * {@link RedshiftStandIn#record()} keeps, in order, the text of every statement the client sends (before any
 * rewriting), as a Redshift cluster would receive it, and {@code COMMIT} / {@code ROLLBACK} for the driver's
 * commit() and rollback().
 * What only real Redshift can confirm is listed in docs/redshift.md.
 */
final class StandInConnection implements InvocationHandler {

    private static final Pattern VACUUM = Pattern.compile(
            "(?is)VACUUM\\s+(?:DELETE\\s+ONLY|FULL|SORT\\s+ONLY|RECLUSTER)\\s+(.+?)(?:\\s+TO\\s+\\d+\\s+PERCENT)?(?:\\s+BOOST)?\\s*");
    private static final Pattern ANALYZE = Pattern.compile("(?is)ANALYZE\\s+(.+?)\\s+(?:PREDICATE|ALL)\\s+COLUMNS\\s*");
    private static final Pattern LAST_COUNT = Pattern.compile("(?is)\\s*SELECT\\s+pg_last_unload_count\\(\\)\\s*");
    private static final Pattern LAST_COPY_COUNT = Pattern.compile("(?is)\\s*SELECT\\s+pg_last_copy_count\\(\\)\\s*");
    private static S3Client s3;
    /** Statements sent by clients while recording, in order; null when not recording. */
    private static List<String> sent;

    private final Connection real;
    private long lastUnloadCount = -1;
    private long lastCopyCount = -1;

    private StandInConnection(Connection real) {
        this.real = real;
    }

    static Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(StandInConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StandInConnection(real));
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        if (m.getName().equals("prepareStatement") && args[0] instanceof String sql) {
            sent(sql);
        }
        if (m.getName().equals("prepareStatement") && args[0] instanceof String sql && sql.contains("svv_table_info")) {
            // PostgreSQL publishes table statistics up to a second late; flush this session's before reading.
            try (Statement st = real.createStatement()) {
                st.execute("SELECT pg_stat_force_next_flush()");
            }
        }
        if (m.getName().equals("commit") || m.getName().equals("rollback")) {
            sent(m.getName().toUpperCase(java.util.Locale.ROOT)); // what the driver sends for them
        }
        Object result = call(real, m, args);
        if (m.getName().equals("createStatement") && result instanceof Statement st) {
            return Proxy.newProxyInstance(StandInConnection.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (p, sm, sargs) -> statement(st, sm, sargs));
        }
        return result;
    }

    private Object statement(Statement st, Method m, Object[] args) throws Throwable {
        if (args != null && args.length >= 1 && args[0] instanceof String sql
                && m.getName().startsWith("execute")) {
            sent(sql);
            if (UnloadCommand.matches(sql)) {
                log(sql);
                unload(UnloadCommand.parse(sql));
                return m.getName().equals("execute") ? Boolean.FALSE : m.getReturnType() == long.class ? 0L : 0;
            }
            if (CopyCommand.matches(sql)) {
                log(sql);
                copy(CopyCommand.parse(sql));
                return m.getName().equals("execute") ? Boolean.FALSE : m.getReturnType() == long.class ? 0L : 0;
            }
            if (LAST_COPY_COUNT.matcher(sql).matches()) {
                return call(st, m, new Object[] {"SELECT CAST(" + lastCopyCount + " AS BIGINT)"});
            }
            if (LAST_COUNT.matcher(sql).matches()) {
                return call(st, m, new Object[] {"SELECT CAST(" + lastUnloadCount + " AS BIGINT)"});
            }
            Matcher v = VACUUM.matcher(sql);
            if (v.matches()) {
                log(sql);
                int busy = Integer.getInteger("rslc.standin.vacuumBusy", 0);
                if (busy > 0) {
                    System.setProperty("rslc.standin.vacuumBusy", String.valueOf(busy - 1));
                    throw new SQLException("ERROR: VACUUM is running. HINT: re-execute after other vacuum finished",
                            "XX000");
                }
                return call(st, m, new Object[] {"VACUUM " + v.group(1)});
            }
            Matcher a = ANALYZE.matcher(sql);
            if (a.matches()) {
                log(sql);
                return call(st, m, new Object[] {"ANALYZE " + a.group(1)});
            }
        }
        return call(st, m, args);
    }

    private void unload(UnloadCommand cmd) throws SQLException {
        String query = unescape(cmd.queryLiteral());
        String to = unescape(cmd.toLiteral());
        // rslc's writer works on a folder below a root: split the TO folder into parent and last segment
        String folder = to.endsWith("/") ? to.substring(0, to.length() - 1) : to;
        int cut = folder.lastIndexOf('/');
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.s3(folder.substring(0, cut + 1)), new S3ArchiveStores(s3()));
        String attempt = folder.substring(cut + 1) + "/";
        if (!cmd.partitionFolders().isEmpty()) {
            unloadPartitioned(cmd, query, store, attempt);
            return;
        }
        if (!cmd.cleanPath() && !cmd.allowOverwrite() && !store.list(attempt).isEmpty()) {
            throw new SQLException("Specified unload destination on S3 is not empty. Consider using a different "
                    + "bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.");
        }
        try (Statement st = real.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(query)) {
                ArchiveResult result = new SliceArchiver().write(rs, cmd.options(), store, attempt);
                lastUnloadCount = result.rows() - Integer.getInteger("rslc.standin.loseRows", 0);
            }
        }
    }

    /**
     * A batch's UNLOAD, {@code PARTITION BY (a, b)} without INCLUDE: each distinct (a, b) of the query's rows goes
     * to {@code a=x/b=y/} under the TO folder without those two columns; CLEANPATH cleans only the partition folders
     * that receive files (as Redshift documents); one manifest at the TO folder lists every file.
     */
    private void unloadPartitioned(UnloadCommand cmd, String query, ArchiveStore store, String attempt)
            throws SQLException {
        String a = cmd.partitionFolders().get(0);
        String b = cmd.partitionFolders().get(1);
        List<String> dataColumns = new java.util.ArrayList<>();
        try (Statement st = real.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM (" + query + ") q WHERE false")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String name = rs.getMetaData().getColumnName(i);
                if (!name.equals(a) && !name.equals(b)) {
                    dataColumns.add("\"" + name.replace("\"", "\"\"") + "\"");
                }
            }
        }
        // the query's rows once, in the UNLOAD's snapshot, indexed by partition (one scan per partition would
        // make the stand-in, not rslc, the cost of a long batch)
        String scratch = "rslc_standin_unload";
        try (Statement st = real.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp." + scratch);
            st.execute("CREATE TEMP TABLE " + scratch + " AS SELECT * FROM (" + query + ") q");
            st.execute("CREATE INDEX ON " + scratch + " (CAST(\"" + a + "\" AS TEXT), CAST(\"" + b + "\" AS TEXT))");
            st.execute("ANALYZE " + scratch);
        }
        query = "SELECT * FROM pg_temp." + scratch;
        List<String[]> partitions = new java.util.ArrayList<>();
        try (Statement st = real.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT CAST(q.\"" + a + "\" AS TEXT), CAST(q.\"" + b
                     + "\" AS TEXT) FROM (" + query + ") q ORDER BY 1, 2")) {
            while (rs.next()) {
                partitions.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<ArchivedFile> files = new java.util.ArrayList<>();
        List<ManifestFile.SchemaColumn> schema = List.of();
        long rows = 0;
        for (String[] p : partitions) {
            String partition = attempt + a + "=" + p[0] + "/" + b + "=" + p[1] + "/";
            if (!cmd.cleanPath() && !cmd.allowOverwrite() && !store.list(partition).isEmpty()) {
                throw new SQLException("Specified unload destination on S3 is not empty. Consider using a "
                        + "different bucket / prefix, manually removing the target files in S3, or using the "
                        + "ALLOWOVERWRITE option.");
            }
            try (java.sql.PreparedStatement ps = real.prepareStatement("SELECT " + String.join(", ", dataColumns)
                    + " FROM (" + query + ") q WHERE CAST(q.\"" + a + "\" AS TEXT) = ? AND CAST(q.\"" + b
                    + "\" AS TEXT) = ? ORDER BY 1")) {
                ps.setString(1, p[0]);
                ps.setString(2, p[1]);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    ArchiveResult result = new SliceArchiver().write(rs, cmd.options(), store, partition);
                    // Redshift writes no manifest per partition folder: only the one at the TO folder
                    schema = ManifestFile.read(store, result.manifestKey()).columns();
                    store.delete(result.manifestKey());
                    files.addAll(result.files());
                    rows += result.rows();
                }
            }
        }
        try (Statement st = real.createStatement()) {
            st.execute("DROP TABLE pg_temp." + scratch);
        }
        writeManifest(store, attempt + ManifestFile.fileName(), files, schema);
        lastUnloadCount = rows - Integer.getInteger("rslc.standin.loseRows", 0);
    }

    /** A MANIFEST VERBOSE as Redshift writes it. */
    private static void writeManifest(ArchiveStore store, String key, List<ArchivedFile> files,
                                      List<ManifestFile.SchemaColumn> schema) {
        StringBuilder sb = new StringBuilder("{\n  \"entries\": [\n");
        long bytes = 0;
        long rows = 0;
        for (int i = 0; i < files.size(); i++) {
            ArchivedFile f = files.get(i);
            sb.append(i == 0 ? "" : ",\n").append("    {\"url\":\"").append(store.uri(f.key()))
                    .append("\", \"meta\": { \"content_length\": ").append(f.bytes()).append(", \"record_count\": ")
                    .append(f.rows()).append(" }}");
            bytes += f.bytes();
            rows += f.rows();
        }
        sb.append("\n  ],\n  \"schema\": {\n    \"elements\": [\n");
        for (int i = 0; i < schema.size(); i++) {
            ManifestFile.SchemaColumn c = schema.get(i);
            sb.append(i == 0 ? "" : ",\n").append("      {\"name\": \"").append(c.name().replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append("\", \"type\": { \"base\": \"").append(c.type()).append('"');
            if (c.precision() >= 0) {
                sb.append(", \"precision\": ").append(c.precision()).append(", \"scale\": ").append(c.scale());
            }
            sb.append(" }}");
        }
        sb.append("\n    ]\n  },\n  \"meta\": {\n    \"content_length\": ").append(bytes)
                .append(",\n    \"record_count\": ").append(rows)
                .append("\n  },\n  \"author\": {\n    \"name\": \"Amazon Redshift\",\n    \"version\": \"1.0.0\"\n  }\n}\n");
        try (var out = store.create(key)) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * COPY from a manifest: the files it lists are read with rslc's own reader (as Redshift would parse them with
     * the COPY options) and inserted as untyped literals, which PostgreSQL casts to the columns' types.
     */
    private void copy(CopyCommand cmd) throws SQLException {
        String manifest = unescape(cmd.manifestLiteral());
        String folder = manifest.substring(0, manifest.lastIndexOf('/') + 1);
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.s3(folder), new S3ArchiveStores(s3()));
        ManifestFile m;
        if (cmd.manifested()) {
            m = ManifestFile.read(store, manifest.substring(folder.length()));
        } else { // FROM a prefix: every object whose key starts with it
            String rest = manifest.substring(folder.length());
            m = new ManifestFile(store.list("").stream().filter(f -> f.key().startsWith(rest))
                    .map(f -> new ManifestFile.Entry(store.uri(f.key()), f.size(), -1)).toList(), -1, -1, List.of());
        }
        List<String> rows = new java.util.ArrayList<>();
        ArchivedRows.read(store, m, cmd.options(), values -> {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(values[i] == null ? "NULL"
                        : "'" + values[i].replace("'", "''") + "'");
            }
            rows.add(sb.append(')').toString());
        });
        String columns = cmd.columns().isEmpty() ? "" : " (" + String.join(", ", cmd.columns()) + ")";
        try (Statement st = real.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO " + cmd.table() + columns + " VALUES "
                        + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
        }
        lastCopyCount = rows.size();
    }

    /** PostgreSQL unescapes a Redshift literal body (quotes and backslashes doubled) as an E'' string. */
    private String unescape(String body) throws SQLException {
        try (Statement st = real.createStatement(); ResultSet rs = st.executeQuery("SELECT E'" + body + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Clients.forEndpoint(URI.create(System.getProperty("rslc.standin.s3Endpoint")), "us-east-1",
                    System.getProperty("rslc.standin.s3AccessKey"), System.getProperty("rslc.standin.s3SecretKey"));
        }
        return s3;
    }

    static synchronized void record(List<String> into) {
        sent = into;
    }

    private static synchronized void sent(String sql) {
        if (sent != null) {
            sent.add(sql);
        }
    }

    private static void log(String sql) {
        String file = System.getProperty("rslc.standin.log");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), sql.replace("\n", " ") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
