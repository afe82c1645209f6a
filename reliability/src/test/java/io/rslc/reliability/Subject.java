package io.rslc.reliability;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The managed table of one instance: its names (any identifier), its rows, its rule (a line of the original's
 * CSV), and what the test knows about its rows before rslc touches them.
 *
 * <p>Rows: {@code rowsPerDay} per day over {@value #DAYS} days from 2020-06-01; as of {@value #AS_OF} with daily
 * retention 11 the first {@value #DUE_DAYS} days are due. The text column holds what archives get wrong: the
 * delimiter, commas, quotes, backslashes, {@code \N}, line breaks, tabs, non-ASCII, empty strings and NULLs.
 */
final class Subject {

    static final String AS_OF = "2020-06-20";
    static final LocalDate FIRST = LocalDate.parse("2020-06-01");
    static final LocalDate CUTOFF = LocalDate.parse("2020-06-09");
    static final int DAYS = 12;
    static final int DUE_DAYS = 8;

    /** What rslc does with due rows: the config's {@code update_delete_flag}. */
    enum Mode {
        UNLOAD(0), DELETE(1), BOTH(2);

        final int flag;

        Mode(int flag) {
            this.flag = flag;
        }

        boolean archives() {
            return this != DELETE;
        }

        boolean deletes() {
            return this != UNLOAD;
        }
    }

    /** The archive format of a rule; {@code escape} only for TEXT. */
    record Format(FileFormat format, Compression compression) {
        static final Format TEXT = new Format(FileFormat.TEXT, Compression.NONE);
        static final Format TEXT_GZIP = new Format(FileFormat.TEXT, Compression.GZIP);
        static final Format TEXT_ZSTD = new Format(FileFormat.TEXT, Compression.ZSTD);
        static final Format CSV = new Format(FileFormat.CSV, Compression.NONE);
        static final Format CSV_GZIP = new Format(FileFormat.CSV, Compression.GZIP);
        static final Format CSV_ZSTD = new Format(FileFormat.CSV, Compression.ZSTD);
        static final Format PARQUET = new Format(FileFormat.PARQUET, Compression.NONE);

        @Override
        public String toString() {
            return format + (compression == Compression.NONE ? "" : "-" + compression.name().toLowerCase(Locale.ROOT));
        }

        UnloadOptions options() {
            return UnloadOptions.builder().format(format).compression(compression)
                    .escape(format == FileFormat.TEXT).build();
        }
    }

    final Target target;
    final String schema;
    final String table;
    final String dateColumn;
    final Mode mode;
    final Format format;
    /** The rule's s3_path: a local folder or an s3:// URI; null for delete-only. */
    final String location;
    final Path config;
    final int rowsPerDay;

    /** Before any run: id → text value (null for NULL), id → whole row's md5, ids due. */
    /** Rule fields set to other values than the usual (a field outside the original's is added as a column). */
    final Map<String, String> fields = new java.util.LinkedHashMap<>();
    final Map<Long, String> notes = new HashMap<>();
    final Map<Long, String> rowHash = new HashMap<>();
    final List<Long> due = new ArrayList<>();

    Subject(Target target, Path dir, String schema, String table, String dateColumn, Mode mode, Format format,
            String location, int rowsPerDay) {
        this.target = target;
        this.schema = schema;
        this.table = table;
        this.dateColumn = dateColumn;
        this.mode = mode;
        this.format = format;
        this.location = mode.archives() ? location : null;
        this.config = dir.resolve("rules.csv");
        this.rowsPerDay = rowsPerDay;
    }

    /** The usual table {@code s.t (id, d, note, amount, ts)}. */
    static Subject standard(Target target, Path dir, Mode mode, Format format, String location, int rowsPerDay) {
        return new Subject(target, dir, "s", "t", "d", mode, format, location, rowsPerDay);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    String qualified() {
        return quote(schema) + "." + quote(table);
    }

    /** {@code schema.table} as rslc's --table and --only take it. */
    String name() {
        return schema + "." + table;
    }

    /**
     * Creates the schema and table, fills it (then runs {@code more}, statements adding rows, with
     * {@code %s} for the table), writes the rule, takes the snapshot.
     */
    Subject create(String idColumn, String noteColumn, String... more) throws Exception {
        String owner = target.kind == Target.Kind.POSTGRES ? " AUTHORIZATION " + Target.USER : "";
        target.exec("CREATE SCHEMA " + quote(schema) + owner,
                "CREATE TABLE " + qualified() + " (" + quote(idColumn) + " BIGINT PRIMARY KEY, " + quote(dateColumn)
                        + " DATE NOT NULL, " + quote(noteColumn) + " TEXT, amount NUMERIC(12,2), ts TIMESTAMPTZ)",
                "INSERT INTO " + qualified() + " SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), "
                        + noteExpression("g") + ", g * 1.25, TIMESTAMPTZ '2020-06-01 00:00+00' + g * interval '1 minute'"
                        + " FROM generate_series(1, " + (rowsPerDay * DAYS) + ") g");
        for (String sql : more) {
            target.exec(String.format(sql, qualified()));
        }
        if (target.kind == Target.Kind.POSTGRES) {
            target.exec("ALTER TABLE " + qualified() + " OWNER TO " + Target.USER);
        }
        writeRule(null);
        snapshot();
        return this;
    }

    Subject create() throws Exception {
        return create("id", "note");
    }

    /** The tricky text of row {@code g} (an SQL expression). */
    static String noteExpression(String g) {
        return "CASE " + g + " % 9 WHEN 0 THEN NULL WHEN 1 THEN 'pipe | comma , quote \" and '' here' "
                + "WHEN 2 THEN E'line\\nbreak\\r\\nand cr\\ttab' WHEN 3 THEN E'back\\\\slash \\\\N' "
                + "WHEN 4 THEN 'unicode é ✓ 𝄞 中文' WHEN 5 THEN '' WHEN 6 THEN ' spaces ' "
                + "ELSE 'row ' || " + g + " END";
    }

    /** Writes the rule (the original's CSV), with a checkpoint if given. */
    void writeRule(String checkpoint) throws Exception {
        boolean text = format.format() == FileFormat.TEXT;
        String compression = format.compression() == Compression.NONE ? ""
                : format.compression().name().toLowerCase(Locale.ROOT);
        List<String> f = new ArrayList<>(List.of(schema, table, dateColumn, "daily", "11", location == null ? "" : location,
                format.format() == FileFormat.TEXT ? "" : format.format().name(), "", "", "", "", "",
                text ? "1" : "", location == null ? "" : compression, "", "", "", "10", String.valueOf(mode.flag),
                checkpoint == null ? "" : checkpoint));
        List<String> header = new ArrayList<>(RuleFields.ORIGINAL);
        fields.forEach((name, value) -> {
            if (!header.contains(name)) {
                header.add(name);
                f.add("");
            }
            f.set(header.indexOf(name), value);
        });
        StringBuilder line = new StringBuilder();
        for (String v : f) {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append(v.matches(".*[\",\\r\\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        Files.writeString(config, String.join(",", header) + "\n" + line + "\n");
    }

    /** The checkpoint rslc wrote back into the rule ("" if none). */
    String checkpoint() throws Exception {
        List<String> lines = Files.readAllLines(config);
        int column = List.of(lines.get(0).split(",")).indexOf(RuleFields.CHECKPOINT);
        String row = lines.get(1);
        return fields.isEmpty() ? row.substring(row.lastIndexOf(',') + 1) : row.split(",", -1)[column];
    }

    private void snapshot() throws Exception {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.*, md5(CAST(t AS text)) FROM " + qualified() + " t")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                notes.put(id, rs.getString(3));
                rowHash.put(id, rs.getString(6));
                if (rs.getDate(2).toLocalDate().isBefore(CUTOFF)) {
                    due.add(id);
                }
            }
        }
    }

    /** The table now: id → md5 of the whole row. */
    Map<Long, String> rows() throws Exception {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.*, md5(CAST(t AS text)) FROM " + qualified() + " t")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(6));
            }
        }
        return out;
    }

    /** Arguments of {@code rslc run} for this subject. */
    List<String> runArgs() throws Exception {
        // --write-checkpoints: a run never writes the CSV unless asked (issue 16); the campaign asks, so the
        // checkpoint invariants (never ahead of the journal, at the last due slice) are checked on a written one
        List<String> a = new ArrayList<>(List.of("run", "--config", config.toString(), "--as-of", AS_OF,
                "--write-checkpoints"));
        a.addAll(target.connection());
        return a;
    }

    /** Arguments of another command ({@code verify}, {@code status}, {@code restore}) for this subject. */
    List<String> args(String command, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of(command, "--config", config.toString()));
        a.addAll(List.of(more));
        a.addAll(target.connection());
        return a;
    }
}
