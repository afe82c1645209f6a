package io.rslc.cli;

import io.rslc.api.RuleSet;
import io.rslc.internal.store.RuleStores;
import io.rslc.spi.RuleStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc config validate}: checks a configuration and nothing else, for CI pipelines of config repos. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check a configuration (CSV file or DynamoDB table) and print every problem.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings are printed but allowed; a header without rows is a 'no rules' warning)",
                "1:some rules have errors", ExitCodes.USAGE, ExitCodes.INTERNAL})
final class ConfigValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "SOURCE",
            description = "A CSV file in the original's format, or dynamodb://TABLE?region=R[&endpoint=URL].")
    String config;

    @Override
    public Integer call() {
        LogSetup.configure(LogSetup.Format.text);
        RuleSet rules;
        try (RuleStore store = RuleStores.open(config)) {
            rules = store.load();
        }
        PrintWriter out = spec.commandLine().getOut();
        ConfigProblems.print(rules.problems(), out);
        out.println(rules.source() + ": " + rules.rules().size() + " valid rule(s), "
                + ConfigProblems.counts(rules.problems()));
        out.flush();
        return rules.hasErrors() ? 1 : 0;
    }
}
