package io.rslc.cli;

import io.rslc.Rslc;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.TableName;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc plan}: prints what a run would do, offline. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        header = "Print the planned SQL per table, without touching any database or AWS service.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all rules valid (a file with a header and no rows too: a 'no rules' warning)",
                "1:some rules invalid, or some tables cannot run as configured (the rest are still planned)",
                ExitCodes.USAGE, ExitCodes.INTERNAL})
final class PlanCommand implements Callable<Integer> {

    enum Warehouse { redshift, postgresql }

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "SOURCE",
            description = "Configuration: a CSV file in the original's format, or dynamodb://TABLE?region=R.")
    String config;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Compute cutoffs as of this date (default: today in --zone).")
    LocalDate asOf;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", description = "Time zone of 'today' (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--since", paramLabel = "DATE", description = "Slice from this date instead of the checkpoint.")
    LocalDate since;

    @Option(names = "--only", paramLabel = "SCHEMA.TABLE", converter = TableNames.SelectionConverter.class,
            description = "Plan only these tables (repeatable, or a.b,c.d; quote a part holding a dot or comma: s.\"a,b\").")
    List<TableNames.Selection> only = List.of();

    @Option(names = "--role-arn", paramLabel = "ARN", description = "IAM role for UNLOAD (default: IAM_ROLE default).")
    String roleArn;

    @Option(names = "--region", paramLabel = "REGION", description = "Region for UNLOAD when a rule names none.")
    String region;

    @Option(names = "--warehouse", defaultValue = "redshift", description = "SQL to render: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Warehouse warehouse;

    @Option(names = "--format", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        LocalDate day = asOf != null ? asOf : LocalDate.now(Clock.system(zone == null ? ZoneOffset.UTC : zone));
        PlanOptions options = new PlanOptions(day, zone, since, new LinkedHashSet<>(TableNames.flatten(only)));
        Rslc.Configuration configuration = Rslc.configure().rules(config);
        if (warehouse == Warehouse.redshift) {
            configuration.redshift(roleArn, region);
        } else {
            configuration.postgresql();
        }
        Plan plan;
        try (Rslc rslc = configuration.load()) {
            plan = rslc.plan(options);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            PlanPrinter.json(plan, out);
        } else {
            PlanPrinter.text(plan, out);
        }
        if (plan.errors().stream().anyMatch(p -> p.field().equals("--only"))) {
            return 2;
        }
        return plan.clean() ? 0 : 1;
    }
}
