package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableName;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with a deadline starts no transaction it cannot finish: a deadline already past stops every table before
 * anything changes (reported {@code stopped}, {@code complete() == false}, not a failure), and the next run does
 * the work, each row archived once.
 */
class TimeBudgetIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);

    @TempDir
    Path tmp;

    @Test
    void aPastDeadlineStopsEveryTableAndTheNextRunFinishes() throws Exception {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            for (String t : new String[] {"a", "b"}) {
                st.execute("CREATE TABLE s." + t + " (id BIGINT, d DATE, ts TIMESTAMP, amount NUMERIC(12,2), note TEXT, "
                        + "flag BOOLEAN)"); // the columns ArchiveRows.text reads back
                st.execute("INSERT INTO s." + t + " SELECT g, DATE '2020-06-01' + (g % 10), NULL, g, 'n' || g, true "
                        + "FROM generate_series(1, 100) g");
            }
        }
        MemoryRuleStore store = new MemoryRuleStore(rule("a", 1), rule("b", 2));
        Rslc rslc = Rslc.configure().dataSource(ds).postgresql().ruleStore(store).batchRows(0).load();
        PlanOptions options = new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());

        RunReport stopped = rslc.run(options, Instant.now().minusSeconds(1));
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.succeeded()).isTrue();
        assertThat(stopped.tables()).extracting(TableReport::status)
                .containsExactly(TableReport.Status.STOPPED, TableReport.Status.STOPPED);
        assertThat(stopped.tables().get(0).error()).startsWith("stopped: the time budget");
        assertThat(stopped.rowsDeleted()).isZero();
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.a")).isEqualTo(100);
        assertThat(store.checkpoint(new TableName("s", "a"))).isNull();

        RunReport rest = rslc.run(options, Instant.now().plusSeconds(3600));
        assertThat(rest.complete()).isTrue();
        assertThat(rest.tables()).extracting(TableReport::status)
                .containsExactly(TableReport.Status.OK, TableReport.Status.OK);
        assertThat(rest.rowsDeleted()).isEqualTo(200);
        assertThat(rest.tables().get(0).maintenance()).isNotEmpty();
        assertThat(ArchiveRows.text(tmp.resolve("a"))).hasSize(100).doesNotHaveDuplicates();
        assertThat(store.checkpoint(new TableName("s", "a"))).isEqualTo(LocalDate.of(2020, 6, 10));
    }

    Rule rule(String table, int priority) {
        return Rule.builder().table("s", table).column("d").retention(1).priority(priority)
                .mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve(table))).build()).build();
    }
}
