package com.example.lifecycle;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The example's warehouse: an embedded PostgreSQL with a table of events and the rule that trims it. A real job
 * has neither; it brings its own DataSource and configuration. Nothing here uses rslc.
 */
public final class ExampleWarehouse implements AutoCloseable {

    /** The original's configuration columns, as {@code test_configuration.csv} has them. */
    static final String HEADER = "schema_name,table_name,column_name,granularity_level,retention_period,s3_path,"
            + "file_format,partition_column,header,delimiter,add_quotes,null_as,escape,compression,max_filesize,"
            + "parallel,unload_region,priority,update_delete_flag,checkpoint";

    private final EmbeddedPostgres postgres;
    private final Path folder;

    private ExampleWarehouse(EmbeddedPostgres postgres, Path folder) {
        this.postgres = postgres;
        this.folder = folder;
    }

    /** Starts a fresh embedded PostgreSQL whose data lives under {@code folder/db}. */
    public static ExampleWarehouse start(Path folder) throws IOException {
        Files.createDirectories(folder);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("db"))
                .setCleanDataDirectory(true)
                .start();
        return new ExampleWarehouse(pg, folder);
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /**
     * Creates {@code shop.events} with {@code rowsPerDay} rows on each of the last {@code days} days (today in
     * UTC included) and writes the rule: daily retention 90, Parquet into {@code folder/archive/events}, unload
     * and delete.
     *
     * @return the rules file
     */
    public Path createEventsTable(int days, int rowsPerDay) throws SQLException, IOException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS shop");
            st.execute("DROP TABLE IF EXISTS shop.events");
            st.execute("CREATE TABLE shop.events (id bigint PRIMARY KEY, created_on date NOT NULL, "
                    + "kind text NOT NULL, amount numeric(12,2))");
            st.execute("INSERT INTO shop.events SELECT d * 1000 + n, (now() AT TIME ZONE 'UTC')::date - d, "
                    + "CASE WHEN n % 3 = 0 THEN 'refund' ELSE 'sale' END, n * 1.25 "
                    + "FROM generate_series(0, " + (days - 1) + ") d, generate_series(1, " + rowsPerDay + ") n");
        }
        Path archive = folder.resolve("archive").resolve("events");
        Path rules = folder.resolve("rules.csv");
        Files.writeString(rules, HEADER + "\n"
                + "shop,events,created_on,daily,90," + archive + ",PARQUET,,,,,,,,,,,10,2,\n", StandardCharsets.UTF_8);
        return rules;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
