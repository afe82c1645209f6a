package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.internal.aws.DynamoDbConfigExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc config export}: the DynamoDB table back as the original's CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write the DynamoDB configuration table as the original's CSV.",
        description = {"Rows in run order: priority, then schema, then table. With --csv the file is exactly what the "
                + "original's format holds (UTF-8 BOM, LF, no final newline), so loading the sample and exporting it "
                + "gives the same bytes. On standard output the BOM is left out and a final newline added."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported", "1:some items could not be written as CSV (the rest were), or DynamoDB failed",
                "2:usage error, missing table, or unwritable file", ExitCodes.INTERNAL})
final class ConfigExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigDynamoDbOptions dynamo;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path csv;

    @Override
    public Integer call() {
        LogSetup.configure(LogSetup.Format.text);
        DynamoDbConfigExport.Export export;
        try (ConfigDynamoDbOptions.Opened db = dynamo.open()) {
            export = DynamoDbConfigExport.export(db.table());
        }
        PrintWriter out = spec.commandLine().getOut();
        ConfigProblems.print(export.problems(), spec.commandLine().getErr());
        if (csv == null) {
            String text = new String(export.csv(), StandardCharsets.UTF_8);
            out.println(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } else {
            write(export.csv());
            out.println("exported " + export.rows() + " rule(s) from DynamoDB table " + dynamo.table + " to " + csv);
        }
        out.flush();
        return ConfigProblems.errors(export.problems()) > 0 ? 1 : 0;
    }

    private void write(byte[] bytes) {
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(csv, bytes);
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "cannot write " + csv + ": " + e.getMessage(), e);
        }
    }
}
