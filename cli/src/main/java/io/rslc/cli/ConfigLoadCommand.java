package io.rslc.cli;

import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import io.rslc.internal.aws.DynamoDbConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc config load}: the original's loader Lambda, made safe (validate all first, keep checkpoints). */
@Command(name = "load", mixinStandardHelpOptions = true,
        header = "Load a configuration CSV into the DynamoDB table.",
        description = {"Validates every row first and writes nothing if any row has an error. Keeps the checkpoints "
                + "already stored (--reset-checkpoints to take the file's), reports items the file does not list "
                + "(--prune to delete them). Items keep the original loader's attribute types."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:loaded", "1:the file has errors (nothing written) or DynamoDB failed",
                "2:usage error, unreadable file, or missing table without --create-table", ExitCodes.INTERNAL})
final class ConfigLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The configuration CSV.")
    Path csv;

    @Mixin
    ConfigDynamoDbOptions dynamo;

    @Option(names = "--create-table", description = "Create the table if missing (on-demand billing, the original's key).")
    boolean createTable;

    @Option(names = "--reset-checkpoints", description = "Overwrite stored checkpoints with the file's values.")
    boolean resetCheckpoints;

    @Option(names = "--prune", description = "Delete items the file does not list.")
    boolean prune;

    @Override
    public Integer call() {
        LogSetup.configure(LogSetup.Format.text);
        byte[] content = read(csv);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        dynamo.uri(); // option mistakes first: usage errors before anything else
        List<Problem> problems = DynamoDbConfigLoader.validate(csv.toString(), content);
        if (ConfigProblems.errors(problems) > 0) {
            return rejected(problems, err);
        }
        DynamoDbConfigLoader.Result r;
        try (ConfigDynamoDbOptions.Opened db = dynamo.open()) {
            r = DynamoDbConfigLoader.builder(db.table()).createTable(createTable).resetCheckpoints(resetCheckpoints)
                    .prune(prune).build().load(csv.toString(), content);
        }
        if (r.hasErrors()) {
            return rejected(r.problems(), err);
        }
        ConfigProblems.print(r.problems(), err);
        for (DynamoDbConfigLoader.KeptCheckpoint k : r.keptCheckpoints()) {
            out.println("kept the stored checkpoint of " + k.table() + ": '" + k.stored() + "' (the file has '"
                    + k.inFile() + "'; --reset-checkpoints takes the file's)");
        }
        if (!r.notInFile().isEmpty()) {
            String names = r.notInFile().stream().map(TableName::toString).collect(Collectors.joining(", "));
            out.println(r.pruned() ? "deleted " + r.notInFile().size() + " item(s) not in the file: " + names
                    : r.notInFile().size() + " item(s) in the table are not in the file (kept; --prune deletes them): "
                    + names);
        }
        out.println("loaded " + r.rowsWritten() + " rule(s) from " + csv + " into DynamoDB table " + dynamo.table
                + (r.tableCreated() ? " (table created)" : ""));
        out.flush();
        return 0;
    }

    private int rejected(List<Problem> problems, PrintWriter err) {
        ConfigProblems.print(problems, err);
        err.println("nothing was written to DynamoDB table " + dynamo.table + ": " + csv + " has "
                + ConfigProblems.counts(problems) + "; fix every error and load again");
        err.flush();
        return 1;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "config file not found: " + file);
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
