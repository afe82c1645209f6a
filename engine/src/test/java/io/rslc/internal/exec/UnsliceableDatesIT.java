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
}
