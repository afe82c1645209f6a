package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PostgreSQL dates no slice can hold ({@code -infinity}, BC) are below every cutoff. They must neither stop the
 * table nor be deleted unarchived: the other rows go through, those stay, and the report says so.
 */
class UnsliceableDatesIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 1);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DATE, DAILY", "TIMESTAMP, DAILY", "TIMESTAMPTZ, DAILY", "DATE, MONTHLY", "TIMESTAMP, MONTHLY",
        "TIMESTAMPTZ, MONTHLY"})
    void infiniteAndBcDatesStayAndEverythingElseIsArchived(String type, Granularity granularity) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, d " + type + ")");
            st.execute("INSERT INTO s.t VALUES (1, '-infinity'), (2, '0044-03-15 BC'), (3, '2020-01-10'), "
                    + "(4, '2020-02-20'), (5, 'infinity'), (6, '2020-05-31')");
        }
        Rule rule = Rule.builder().table("s", "t").column("d").granularity(granularity).retention(2)
                .mode(Mode.UNLOAD_AND_DELETE).unload(UnloadOptions.builder().format(FileFormat.PARQUET)
                        .location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();

        RunReport report = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule)).load()
                .run(new PlanOptions(AS_OF, ZoneId.of("UTC"), null, Set.of()));

        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.rowsArchived()).isEqualTo(2).isEqualTo(t.rowsDeleted());
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.t WHERE id IN (1, 2, 5, 6)")).isEqualTo(4);
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.t")).isEqualTo(4);
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("WARNING: d: 2 row(s) below the cutoff hold")
                .contains("-infinity").contains("BC").contains("left in place"));
    }

    /** Issue 16: NULL dates are never due; the dry run and the run count them and say so, and leave them. */
    @org.junit.jupiter.api.Test
    void nullDatesAreCountedAndWarnedAboutInTheDryRunAndTheRun() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, d DATE)");
            st.execute("INSERT INTO s.t VALUES (1, NULL), (2, NULL), (3, '2020-01-10'), (4, NULL), (5, '2020-05-31')");
            st.execute("CREATE TABLE s.n (id INT, d DATE NOT NULL)");
            st.execute("INSERT INTO s.n VALUES (1, '2020-01-10')");
        }
        Rule rule = Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
        Rule notNull = Rule.builder().table("s", "n").column("d").retention(2).mode(Mode.DELETE_ONLY).build();
        Rule deleteOnly = Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.DELETE_ONLY).build();
        Rslc rslc = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule, notNull)).load();
        PlanOptions options = new PlanOptions(AS_OF, ZoneId.of("UTC"), null, Set.of());
        String expected = "3 row(s) have NULL d and are never archived: no cutoff applies to them (give them a date, "
                + "or remove them yourself)";

        assertThat(rslc.dryRun(options).tables()).satisfiesExactly( // run order: s.n, then s.t
                t -> assertThat(t.warnings()).as("a NOT NULL column is not counted").isEmpty(),
                t -> assertThat(t.warnings()).extracting(io.rslc.api.Problem::message).containsExactly(expected));
        RunReport report = rslc.run(options);
        assertThat(report.tables().get(1).notes()).contains("WARNING: d: " + expected);
        assertThat(report.tables().get(1).rowsDeleted()).isEqualTo(1);
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.t WHERE d IS NULL")).isEqualTo(3);

        assertThat(Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(deleteOnly)).load().dryRun(options).tables().get(0).warnings())
                .extracting(io.rslc.api.Problem::message).singleElement().asString()
                .startsWith("3 row(s) have NULL d and are never deleted");
    }

    /** Issue 16: a checkpoint after today is a warning in the offline plan and in the live one. */
    @org.junit.jupiter.api.Test
    void aCheckpointInTheFutureIsAWarning() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, d DATE NOT NULL)");
        }
        Rule rule = Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.UNLOAD_ONLY)
                .checkpoint(LocalDate.of(2030, 5, 31))
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
        Rslc rslc = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule)).load();
        PlanOptions options = new PlanOptions(AS_OF, ZoneId.of("UTC"), null, Set.of());
        String expected = "api, checkpoint: is 2030-05-31, in the future (today is 2020-06-01): a mistyped date? This "
                + "unload-only rule archives nothing until after it; fix or clear it";
        assertThat(rslc.plan(options).tables().get(0).warnings()).extracting(Object::toString).containsExactly(expected);
        assertThat(rslc.dryRun(options).tables().get(0).warnings()).extracting(Object::toString)
                .containsExactly(expected);
    }
}
