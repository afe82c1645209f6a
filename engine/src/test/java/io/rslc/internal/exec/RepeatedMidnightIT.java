package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TIMESTAMPTZ row in a repeated local midnight (America/Havana, 2023-11-05: clocks went from 01:00 back to 00:00)
 * has a local date one day later than the range predicate gives it ({@code DATE '2023-11-05'} is the later
 * midnight). Inside one batch that only moves it to the next day's folder; across a batch boundary it would be
 * archived under a slice the next batch owns, which cleans that folder: the row would be deleted and its file
 * lost. The batch must refuse instead.
 */
class RepeatedMidnightIT {

    static final ZoneId HAVANA = ZoneId.of("America/Havana");
    static final LocalDate AS_OF = LocalDate.of(2023, 11, 20);

    @TempDir
    Path tmp;

    JdbcDataSource ds;

    @BeforeEach
    void setUp() throws SQLException {
        ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, ts TIMESTAMPTZ)");
            st.execute("INSERT INTO s.t VALUES (1, TIMESTAMPTZ '2023-11-04 16:00:00+00'), "
                    + "(2, TIMESTAMPTZ '2023-11-05 04:30:00+00'), " // 00:30 -04, the first of the two midnights
                    + "(3, TIMESTAMPTZ '2023-11-05 17:00:00+00')");
        }
    }

    Rule rule() {
        return Rule.builder().table("s", "t").column("ts").retention(1).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
    }

    long count(String sql) throws SQLException {
        return TestPostgres.count(ds, sql);
    }

    RunReport run(long batchRows) {
        return Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule())).zone(HAVANA).batchRows(batchRows).load()
                .run(new PlanOptions(AS_OF, HAVANA, null, Set.of()));
    }

    @Test
    void aBatchBoundaryAtARepeatedMidnightIsRefusedWithNothingLost() throws SQLException {
        RunReport report = run(1); // one slice per batch: 2023-11-04, then 2023-11-05
        TableReport t = report.tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.error()).contains("outside the range").contains("--batch-rows 0");
        assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isZero();
    }

    @Test
    void oneBatchOverBothDaysArchivesAndDeletesEveryRow() throws SQLException {
        RunReport report = run(1_000);
        TableReport t = report.tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.OK);
        assertThat(t.rowsArchived()).isEqualTo(3);
        assertThat(t.rowsDeleted()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM s.t")).isZero();
        assertThat(count("SELECT sum(rows_archived) FROM rslc.slice_journal")).isEqualTo(3);
    }
}
