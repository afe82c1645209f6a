package io.rslc.cli;

import io.rslc.api.TableName;
import io.rslc.internal.status.StatusReader;
import io.rslc.internal.status.TableStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc status}: where each table stands (Flyway's {@code info}). */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show where each table stands: archived, due now, hot, last run, next slice due.",
        description = {"Reads the rules, the journal, the run log and the warehouse (the oldest row and a live "
                + "plan of what is due); changes nothing and takes no lock.",
                "Timeline: '#' archived, '!' due now, '.' kept hot, from the oldest archived or hot date to today."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every table could be read and none failed its last run",
                "1:a table could not be read, or its last run failed",
                "2:usage error or unreadable configuration",
                "3:internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WarehouseOptions options;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", converter = TableNames.SelectionConverter.class,
            description = "Only these tables; with one table, the slice-by-slice view (repeatable, or a.b,c.d; quote a part holding a dot or comma: s.\"a,b\").")
    List<TableNames.Selection> tables = List.of();

    @Option(names = "--as-of", paramLabel = "DATE", description = "Compute cutoffs as of this date (default: today in --zone).")
    LocalDate asOf;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    PlanCommand.Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (WarehouseOptions.Opened o = options.open(TableNames.flatten(tables))) {
            LocalDate day = asOf != null ? asOf : LocalDate.now(Clock.system(options.zone));
            boolean detailed = TableNames.flatten(tables).size() == 1 || format == PlanCommand.Format.json && !tables.isEmpty();
            List<TableStatus> result = new StatusReader(o.dataSource(), o.warehouse(), o.store(), o.session(),
                    options.journalSchema).read(o.ruleSet(), o.rules(), day, detailed);
            if (format == PlanCommand.Format.json) {
                out.println(StatusPrinter.json(day, result));
            } else {
                StatusPrinter.text(day, result, detailed, out);
            }
            out.flush();
            boolean bad = result.stream().anyMatch(t -> t.error() != null
                    || t.lastRun() != null && "failed".equals(t.lastRun().status()));
            return bad ? 1 : 0;
        }
    }
}
