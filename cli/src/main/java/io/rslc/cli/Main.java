package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import io.rslc.internal.config.Printable;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rslc} command: a thin layer over the engine. Each subcommand is its own class; this one wires
 * converters, exit codes and error printing (one line, no stack trace, unless {@code RSLC_DEBUG=1}).
 */
@Command(name = "rslc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Configuration-driven data lifecycle for Amazon Redshift and PostgreSQL.",
        description = "Archives old rows to files (S3 or local), deletes them, then VACUUMs and ANALYZEs, "
                + "table by table, from the same configuration the AWS sample used.",
        subcommands = {PlanCommand.class, RunCommand.class, StatusCommand.class, VerifyCommand.class,
                RestoreCommand.class, CatalogCommand.class, DemoCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every rule was valid and every table succeeded",
                "1:some rules were invalid or some tables failed (the others still ran)",
                ExitCodes.USAGE, ExitCodes.INTERNAL, ExitCodes.INTERRUPTED})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(LocalDate.class, Main::date);
        cl.registerConverter(ZoneId.class, Main::zone);
        cl.registerConverter(java.net.URI.class, Main::uri);
        cl.setParameterExceptionHandler(Main::usage);
        cl.registerConverter(TableName.class, new TableNames.OneConverter());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * A mistake on the command line: one line naming the option and the value, and where to read the usage (the
     * whole usage printed after it would bury the line).
     */
    private static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("rslc: error: " + Printable.escape(String.valueOf(e.getMessage())) + " (see: "
                + cl.getCommandSpec().qualifiedName() + " --help)");
        debug(e, err);
        return RslcException.ErrorCode.USAGE.exitCode();
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + Printable.escape(value) + "' is not a date "
                    + "YYYY-MM-DD" + (value.matches("\\d{4}-\\d{2}-\\d{2}") ? " (no such day)" : ""));
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new CommandLine.TypeConversionException("'" + Printable.escape(value) + "' is not a time zone "
                    + "(a region such as Europe/Paris, or UTC, or an offset such as +02:00)");
        }
    }

    private static java.net.URI uri(String value) {
        try {
            return new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new CommandLine.TypeConversionException("'" + Printable.escape(value) + "' is not a URI ("
                    + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof RslcException r) {
            err.println("rslc: error: " + Printable.escape(String.valueOf(r.getMessage())));
            debug(e, err);
            return r.code().exitCode();
        }
        err.println("rslc: internal error: " + e.getClass().getSimpleName() + ": "
                + Printable.escape(String.valueOf(e.getMessage()))
                + " (this is a bug; run with RSLC_DEBUG=1 for the stack trace)");
        debug(e, err);
        return RslcException.ErrorCode.INTERNAL.exitCode();
    }

    private static void debug(Exception e, PrintWriter err) {
        if ("1".equals(System.getenv("RSLC_DEBUG"))) {
            e.printStackTrace(err);
        }
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rslc " + (v == null ? "dev" : v)};
        }
    }
}
