package io.rslc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rslc config}: manage the configuration in DynamoDB (load, export, validate). */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Load, export and validate rule configurations.",
        description = "Works on the original's DynamoDB table (partition key schema_name, sort key table_name) and "
                + "its CSV format, so the AWS sample's configuration keeps working unchanged.",
        subcommands = {ConfigLoadCommand.class, ConfigExportCommand.class, ConfigValidateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:no subcommand given (use load, export or validate; each lists its own codes)",
                ExitCodes.INTERNAL})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: use load, export or validate");
    }
}
