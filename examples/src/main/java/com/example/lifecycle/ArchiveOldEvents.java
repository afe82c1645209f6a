package com.example.lifecycle;

import io.rslc.Rslc;
import io.rslc.api.Plan;
import io.rslc.api.RunReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * rslc embedded in a Java job, as a user writes it: only {@code io.rslc}, {@code io.rslc.api} and
 * {@code io.rslc.spi}. It prints the exact statements a run will send, then runs: rows older than each rule's
 * cutoff are archived to the folder the rule names and deleted, one journaled transaction at a time.
 * README.md's library snippet is the block between the {@code README} markers (a test keeps them equal).
 */
public final class ArchiveOldEvents {

    private ArchiveOldEvents() {
    }

    /**
     * Plans, prints and runs every rule of {@code rules} against {@code warehouse}.
     *
     * @param warehouse the PostgreSQL database holding the tables
     * @param rules     a CSV in the original's configuration format
     * @param out       where the plan and the outcome are printed
     * @return the run's report; {@link RunReport#succeeded()} is false if a rule was invalid or a table failed
     */
    public static RunReport archive(DataSource warehouse, Path rules, PrintStream out) {
        // README:begin
        try (Rslc rslc = Rslc.configure()
                .dataSource(warehouse)                    // any javax.sql.DataSource
                .postgresql()                             // or .redshift(roleArn, region): UNLOAD to S3
                .rules(rules.toString())                  // the original's CSV, or dynamodb://... with rslc-engine-aws
                .load()) {
            Plan plan = rslc.dryRun(rslc.today());        // the exact statements the run will send
            for (TablePlan table : plan.tables()) {
                out.printf("TABLE: %s, %,d row(s) due before %s%n", table.rule().table(), table.rows(),
                        table.cutoff().date());
                table.transactions().forEach(tx -> tx.sql().forEach(sql -> out.println("  " + sql + ";")));
            }
            RunReport report = rslc.run();                // archive, verify, delete, journal; then VACUUM
            for (TableReport table : report.tables()) {
                out.printf("TABLE: %s %s: %,d row(s) archived, %,d deleted, %d file(s)%n", table.rule().table(),
                        table.status(), table.rowsArchived(), table.rowsDeleted(), table.files());
            }
            return report;
        }
        // README:end
    }

    /**
     * Runs the example on a throwaway embedded PostgreSQL: {@code shop.events} with 200 days of rows, a rule
     * keeping 90 days, archives under {@code <folder>/archive}. Exit code 0 if the run succeeded.
     *
     * @param args an optional working folder (default {@code target/example})
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/example").toAbsolutePath();
        try (ExampleWarehouse db = ExampleWarehouse.start(folder)) {
            Path rules = db.createEventsTable(200, 50);
            RunReport report = archive(db.dataSource(), rules, System.out);
            System.exit(report.succeeded() ? 0 : 1);
        }
    }
}
