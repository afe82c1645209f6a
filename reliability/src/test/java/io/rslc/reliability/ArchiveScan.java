package io.rslc.reliability;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.internal.archive.ArchiveReader;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.aws.s3.S3ArchiveStores;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an archive back independently of rslc's restore: every data file under the rule's location, grouped by
 * attempt folder ({@code .../rslc_slice=X/rslc_gen=N}); TEXT and CSV with {@link ArchiveReader} (the rule's
 * quoting, escaping and compression), Parquet with DuckDB. Each row as (id, text value).
 */
final class ArchiveScan {

    private static final Pattern ATTEMPT = Pattern.compile("^(.*/rslc_gen=\\d+)/");
    /** The one manifest of a Redshift batch, beside its slices' folders. */
    private static final Pattern BATCH_MANIFEST = Pattern.compile("^(.*/rslc_batch=[^/]+)/manifest$");

    /** One archived row: the first column (id) and the third (the text value, null for NULL). */
    record Row(long id, String note) {
    }

    /** Attempt folder (as the journal spells it, without a trailing slash) → its rows, in key order. */
    final Map<String, List<Row>> folders = new LinkedHashMap<>();
    /** Data files that do not read as whole files (a killed attempt's partial file), by attempt folder. */
    final Map<String, List<String>> unreadable = new LinkedHashMap<>();
    /** Files outside any attempt folder (none expected). */
    final List<String> stray = new ArrayList<>();
    /** Folders of Redshift batches (each holding a manifest), without the trailing slash. */
    final List<String> batches = new ArrayList<>();
    /** Local files and folders, for the permission checks. */
    final List<Path> localPaths = new ArrayList<>();

    private ArchiveScan() {
    }

    static ArchiveScan of(Subject s) throws Exception {
        ArchiveScan scan = new ArchiveScan();
        if (s.location == null) {
            return scan;
        }
        ArchiveStore store = store(s);
        for (StoredFile f : store.list("")) {
            String uri = store.uri(f.key());
            Matcher b = BATCH_MANIFEST.matcher(uri);
            if (b.matches()) {
                scan.batches.add(b.group(1));
                continue;
            }
            Matcher m = ATTEMPT.matcher(uri);
            if (!m.find()) {
                scan.stray.add(uri);
                continue;
            }
            List<Row> rows = scan.folders.computeIfAbsent(m.group(1), k -> new ArrayList<>());
            if (f.key().endsWith("manifest")) {
                continue;
            }
            try {
                rows.addAll(read(store, f.key(), s));
            } catch (Exception e) {
                scan.unreadable.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(uri + ": " + e.getMessage());
            }
        }
        if (!s.location.startsWith("s3://") && Files.exists(Path.of(s.location))) {
            try (var walk = Files.walk(Path.of(s.location))) {
                walk.forEach(scan.localPaths::add);
            }
        }
        return scan;
    }

    static ArchiveStore store(Subject s) throws Exception {
        if (s.location.startsWith("s3://")) {
            return ArchiveStores.open(ArchiveLocation.s3(s.location), new S3ArchiveStores(s.target.s3Client));
        }
        return ArchiveStores.open(ArchiveLocation.local(Path.of(s.location)), null);
    }

    private static synchronized List<Row> read(ArchiveStore store, String key, Subject s) throws Exception {
        List<Row> out = new ArrayList<>();
        if (s.format.format() == FileFormat.PARQUET) {
            Path tmp = Files.createTempFile("campaign-", ".parquet");
            try {
                try (InputStream in = store.open(key)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                try (Statement st = duckDb().createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + tmp + "')")) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(3)));
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } else {
            for (List<String> r : ArchiveReader.readFile(store, key, s.format.options())) {
                out.add(new Row(Long.parseLong(r.get(0)), r.get(2)));
            }
        }
        return out;
    }

    private static Connection duck;

    /** One in-memory DuckDB for every Parquet file the campaign reads back. */
    private static synchronized Connection duckDb() throws java.sql.SQLException {
        if (duck == null) {
            duck = DriverManager.getConnection("jdbc:duckdb:");
        }
        return duck;
    }

    static String trim(String folder) {
        return folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }
}
