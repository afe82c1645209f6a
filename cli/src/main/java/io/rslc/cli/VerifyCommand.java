package io.rslc.cli;

import io.rslc.api.TableName;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.verify.Finding;
import io.rslc.internal.verify.TableVerification;
import io.rslc.internal.verify.Verifier;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rslc verify}: proves the archive holds what the journal says was archived. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check every journaled slice's archive files against the journal and their manifests.",
        description = {"For each committed slice generation: the manifest is there, every file it lists is there "
                + "with its size, the rows counted in each file (Parquet footers; CSV and TEXT records, quoting "
                + "understood, decompressed) equal the manifest's, and the manifest's total equals the journal's. "
                + "Beside them: uncommitted generations and unlisted files (orphans) and files outside the layout.",
                "Read-only unless --clean-orphans; a table a run is working on is checked but never cleaned."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every archive matches its journal (orphans removed with --clean-orphans count as fixed)",
                "1:a mismatch, missing or unreadable file, orphan, or a table that could not be verified",
                "2:usage error or unreadable configuration",
                "3:internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WarehouseOptions options;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", converter = TableNames.SelectionConverter.class,
            description = "Verify only these tables (repeatable, or a.b,c.d; quote a part holding a dot or comma: s.\"a,b\").")
    List<TableNames.Selection> tables = List.of();

    @Option(names = "--from", paramLabel = "DATE", description = "First slice start to verify (default: the oldest).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last slice start to verify, inclusive (default: the newest).")
    LocalDate to;

    @Option(names = "--clean-orphans", description = "Remove uncommitted generations and unlisted files (printed "
            + "first), under the table's run lock; files outside the slice layout are only reported.")
    boolean cleanOrphans;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    PlanCommand.Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (WarehouseOptions.Opened o = options.open(TableNames.flatten(tables))) {
            Verifier verifier = new Verifier(o.dataSource(), o.warehouse(), o.session(), options.journalSchema,
                    ArchiveStores.using(List.of(options.archive.s3())));
            boolean text = format == PlanCommand.Format.text;
            List<TableVerification> result = verifier.verify(o.rules(), from, to, cleanOrphans,
                    f -> {
                        if (text) {
                            out.println("INFO: Removing " + f.problem().label() + " " + f.uri());
                            out.flush();
                        }
                    });
            if (text) {
                VerifyPrinter.text(result, out);
            } else {
                out.println(VerifyPrinter.json(result));
            }
            out.flush();
            return result.stream().allMatch(TableVerification::clean) ? 0 : 1;
        }
    }

    /** Prints verify results for people or as JSON (docs/verify-json in docs/archive-ops.md). */
    static final class VerifyPrinter {
        private VerifyPrinter() {
        }

        static void text(List<TableVerification> result, PrintWriter out) {
            int findings = 0;
            for (TableVerification t : result) {
                out.println("TABLE: " + t.table());
                if (t.error() != null) {
                    out.println("ERROR: cannot verify: " + t.error());
                    continue;
                }
                out.printf("INFO: Verified %d slice generation(s): %d row(s) in %d file(s), %d byte(s)%n",
                        t.slices(), t.rows(), t.files(), t.bytes());
                if (t.note() != null) {
                    out.println("WARNING: " + t.note());
                }
                for (Finding f : t.findings()) {
                    boolean removed = t.removed().contains(f.uri());
                    findings += removed ? 0 : 1;
                    out.printf("%s: %s%s %s: %s%s%n", removed ? "INFO" : "ERROR", f.problem().label(),
                            f.slice() == null ? "" : " slice " + f.slice() + " gen " + f.generation(), f.uri(),
                            f.detail(), removed ? " (removed)" : "");
                }
            }
            long bad = result.stream().filter(t -> !t.clean()).count();
            out.printf("verify: %d table(s), %d with problems, %d finding(s) left%n", result.size(), bad, findings);
        }

        static String json(List<TableVerification> result) {
            JsonWriter w = new JsonWriter().beginObject().field("clean",
                    result.stream().allMatch(TableVerification::clean)).name("tables").beginArray();
            for (TableVerification t : result) {
                w.beginObject().field("table", t.table().toString()).field("clean", t.clean())
                        .field("slices", t.slices()).field("rows", t.rows()).field("files", t.files())
                        .field("bytes", t.bytes());
                if (t.error() != null) {
                    w.field("error", t.error());
                }
                if (t.note() != null) {
                    w.field("note", t.note());
                }
                w.name("findings").beginArray();
                for (Finding f : t.findings()) {
                    w.beginObject().field("problem", f.problem().label());
                    if (f.slice() != null) {
                        w.field("slice", f.slice()).field("generation", f.generation());
                    }
                    w.field("uri", f.uri()).field("detail", f.detail())
                            .field("removed", t.removed().contains(f.uri())).endObject();
                }
                w.endArray().endObject();
            }
            return w.endArray().endObject().toString();
        }
    }
}
