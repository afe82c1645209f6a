package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.TableName;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.restore.RestoreReport;
import io.rslc.internal.restore.Restorer;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc restore}: brings archived slices back, exactly once. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Load archived slices back into a table, exactly once, counts checked against the journal.",
        description = {"Each committed slice generation is loaded in its own transaction with a row in the restore "
                + "journal (<journal-schema>.restore_journal); a count that differs from the journal's rolls it back. "
                + "Re-running after a failure or a kill restores only what is missing.",
                "PostgreSQL: the files are read by rslc (CSV, TEXT, PARQUET, any compression) and streamed with "
                + "COPY FROM STDIN. Redshift: COPY ... FROM each slice's manifest with the rule's format and the role.",
                "Into the source table itself (--into SAME.TABLE): the slices are held, so runs do not archive them "
                + "again, until --release."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every selected slice is restored (now or before)",
                "1:a slice could not be restored (those before it stay restored; re-run to continue)",
                "2:usage error or unreadable configuration",
                "3:internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)"})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WarehouseOptions options;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE", description = "The managed table whose archive to restore.")
    TableName table;

    @Option(names = "--into", paramLabel = "SCHEMA.TABLE",
            description = "Target table (default: <table>_restored, created with the source's columns if absent).")
    TableName into;

    @Option(names = "--from", paramLabel = "DATE", description = "First slice start to restore (default: the oldest).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last slice start to restore, inclusive (default: the newest).")
    LocalDate to;

    @Option(names = "--release", description = "Instead of restoring: let runs archive the slices in [--from, --to] "
            + "that were restored into the source table again.")
    boolean release;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (WarehouseOptions.Opened o = options.open(List.of(table))) {
            Rule rule = o.rules().get(0);
            Restorer restorer = new Restorer(o.dataSource(), o.warehouse(), o.session(), options.journalSchema,
                    ArchiveStores.using(List.of(options.archive.s3())), Clock.systemUTC());
            out.println("TABLE: " + table);
            if (release) {
                int n;
                try {
                    n = restorer.release(rule, from, to);
                } catch (SQLException e) {
                    throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot release the holds of " + table
                            + ": " + e.getMessage(), e);
                }
                out.printf("INFO: Released %d held slice generation(s) of %s: the next run archives their rows "
                        + "again%n", n, table);
                out.flush();
                return 0;
            }
            RestoreReport r;
            try {
                r = restorer.restore(rule, into, from, to, line -> {
                    out.println(line);
                    out.flush();
                });
            } catch (SQLException e) {
                out.println("ERROR: " + e.getMessage());
                out.flush();
                return 1;
            } catch (RslcException e) {
                if (e.code() == RslcException.ErrorCode.USAGE) {
                    throw e;
                }
                out.println("ERROR: " + e.getMessage());
                out.flush();
                return 1;
            }
            r.notes().forEach(n -> out.println("INFO: " + n));
            out.printf("restore: %d slice generation(s), %d row(s) into %s%s%s%n", r.slices(), r.rows(), r.target(),
                    r.created() ? " (created)" : "", r.skipped() > 0 ? "; " + r.skipped() + " restored before" : "");
            if (r.held()) {
                out.println("WARNING: the restored slices are held out of runs until `rslc restore --release --table "
                        + table + "`");
            }
            out.flush();
            return 0;
        }
    }
}
