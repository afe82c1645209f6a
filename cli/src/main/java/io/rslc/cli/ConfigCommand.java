package io.rslc.cli;

import picocli.CommandLine.Command;

/** {@code rslc config}: manage the configuration in DynamoDB (load, export, validate). */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Load, export and validate rule configurations.")
final class ConfigCommand {
}
