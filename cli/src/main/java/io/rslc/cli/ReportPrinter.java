package io.rslc.cli;

import io.rslc.api.Problem;
import io.rslc.api.RunReport;
import io.rslc.api.SliceReport;
import io.rslc.api.TableReport;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints a run report: a summary table for people, or JSON (docs/report-json.md) for machines. */
final class ReportPrinter {

    private ReportPrinter() {
    }

    static void summary(RunReport report, PrintWriter out) {
        String fmt = "%-40s %-7s %8s %12s %12s %6s %12s %9s%n";
        out.println();
        out.printf(fmt, "table", "status", "slices", "archived", "deleted", "files", "bytes", "seconds");
        for (TableReport t : report.tables()) {
            out.printf(fmt, abbreviate(t.rule().table().toString(), 40), t.status(), t.slices().size(),
                    t.rowsArchived(), t.rowsDeleted(), t.files(), t.bytes(), seconds(t.duration()));
        }
        for (TableReport t : report.tables()) {
            if (t.error() != null) {
                out.printf("%s %s: %s%n", t.status(), t.rule().table(), withoutStatus(t));
            }
        }
        for (Problem p : report.problems()) {
            out.printf("%s: %s%n", p.isError() ? "ERROR" : "WARNING", p);
        }
        long failed = report.tables().stream().filter(t -> t.status() == TableReport.Status.FAILED).count();
        out.printf("run %s: %d table(s), %d failed, %d row(s) archived, %d row(s) deleted, %d invalid rule(s) in %s s%n",
                report.runId(), report.tables().size(), failed, report.rowsArchived(), report.rowsDeleted(),
                report.problems().stream().filter(Problem::isError).count(),
                seconds(Duration.between(report.startedAt(), report.finishedAt())));
        if (!report.complete()) {
            out.println("incomplete: the run stopped before it finished (time budget or interrupt); run again to "
                    + "continue where it stopped");
        }
        out.flush();
    }

    /** After an interrupt: what was done, what remains, in one line under the summary. */
    static void interrupted(RunReport report, PrintWriter out) {
        long stopped = report.tables().stream().filter(t -> t.status() == TableReport.Status.STOPPED).count();
        long notStarted = report.tables().stream().filter(t -> t.status() == TableReport.Status.STOPPED
                && t.slices().isEmpty()).count();
        long committed = report.tables().stream().mapToLong(t -> t.slices().size()).sum();
        out.printf("interrupted: %d slice(s) committed (%d row(s) archived, %d deleted), every one journaled; "
                        + "%d of %d table(s) left for the next run (%d not started); run again to continue%n",
                committed, report.rowsArchived(), report.rowsDeleted(), stopped, report.tables().size(), notStarted);
        out.flush();
    }

    static String json(RunReport report) {
        JsonWriter w = new JsonWriter().beginObject()
                .field("runId", report.runId())
                .field("asOf", report.asOf().toString())
                .field("warehouse", report.warehouse())
                .field("startedAt", report.startedAt().toString())
                .field("finishedAt", report.finishedAt().toString())
                .field("succeeded", report.succeeded())
                .field("complete", report.complete())
                .field("busy", report.tables().stream().filter(t -> t.status() == TableReport.Status.BUSY).count())
                .field("rowsArchived", report.rowsArchived())
                .field("rowsDeleted", report.rowsDeleted())
                .name("tables").beginArray();
        for (TableReport t : report.tables()) {
            w.beginObject()
                    .field("schema", t.rule().table().schema())
                    .field("table", t.rule().table().table())
                    .field("status", t.status().name().toLowerCase(java.util.Locale.ROOT))
                    .field("cutoff", t.cutoff() == null ? null : t.cutoff().toString())
                    .field("checkpointBefore", t.checkpointBefore() == null ? null : t.checkpointBefore().toString())
                    .field("checkpointAfter", t.checkpointAfter() == null ? null : t.checkpointAfter().toString())
                    .field("rowsArchived", t.rowsArchived())
                    .field("rowsDeleted", t.rowsDeleted())
                    .field("files", t.files())
                    .field("bytes", t.bytes())
                    .field("durationMillis", t.duration().toMillis())
                    .field("error", t.error())
                    .name("slices").beginArray();
            for (SliceReport s : t.slices()) {
                w.beginObject()
                        .field("start", s.slice().start().toString())
                        .field("end", s.slice().end().toString())
                        .field("generation", s.generation())
                        .field("rowsArchived", s.rowsArchived())
                        .field("rowsDeleted", s.rowsDeleted())
                        .field("files", s.files())
                        .field("bytes", s.bytes())
                        .field("archive", s.archive())
                        .field("attempts", s.attempts())
                        .field("durationMillis", s.duration().toMillis())
                        .endObject();
            }
            w.endArray().name("maintenance").beginArray();
            t.maintenance().forEach(w::value);
            w.endArray().name("notes").beginArray();
            t.notes().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray().name("errors").beginArray();
        report.problems().stream().filter(Problem::isError).forEach(p -> w.beginObject()
                .field("source", p.source()).field("line", p.line()).field("location", p.location())
                .field("field", p.field()).field("message", p.message()).endObject());
        return w.endArray().endObject().toString();
    }

    /** The reason without the status word it starts with ({@code busy: ...}), which the line already shows. */
    static String withoutStatus(TableReport t) {
        String prefix = t.status().name().toLowerCase(java.util.Locale.ROOT) + ": ";
        return t.error().startsWith(prefix) ? t.error().substring(prefix.length()) : t.error();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
