package io.rslc.cli;

import io.rslc.internal.status.TableStatus;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Prints {@code rslc status}: a table with a timeline per table, the slice view, or JSON (docs/operations.md). */
final class StatusPrinter {

    static final int TIMELINE = 48;

    private StatusPrinter() {
    }

    static void text(LocalDate asOf, List<TableStatus> result, boolean detailed, PrintWriter out) {
        String fmt = "%-32s %-8s %-10s %-10s %22s %18s %-22s %s%n";
        out.printf(fmt, "table", "rule", "cutoff", "oldest", "archived slices/rows", "due slices/rows", "last run",
                "next due");
        for (TableStatus t : result) {
            TableStatus.Archived a = t.archived();
            String rule = (t.rule().granularity().configValue().startsWith("d") ? "d" : "m") + t.rule().retention()
                    + " " + t.rule().mode().name().toLowerCase(java.util.Locale.ROOT).replace("unload_and_delete",
                    "both").replace("unload_only", "unload").replace("delete_only", "delete");
            String last = t.lastRun() == null ? "-" : t.lastRun().status() + " " + t.lastRun().finishedAt()
                    .truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "Z")
                    + (t.failuresSince() > 0 ? " (" + t.failuresSince() + " failed)" : "");
            out.printf(fmt, abbreviate(t.rule().table().toString(), 32), abbreviate(rule, 8), t.cutoff().date(),
                    t.oldestHot() == null ? "-" : t.oldestHot(), a.slices() + " / " + a.rows(),
                    t.dueSlices() + " / " + t.dueRows(), last, t.nextSlice().key() + " on " + t.nextDueOn());
            out.println("  " + timeline(asOf, t));
            if (t.error() != null) {
                out.println("  ERROR: " + t.error());
            }
            if (t.lastRun() != null && t.lastRun().message() != null) {
                out.println("  last run: " + t.lastRun().message());
            }
        }
        if (detailed) {
            for (TableStatus t : result) {
                out.println();
                out.println("TABLE: " + t.rule().table() + "  (checkpoint " + (t.checkpoint() == null ? "-"
                        : t.checkpoint()) + ", " + t.archived().generations() + " generation(s), "
                        + t.archived().files() + " file(s), " + t.archived().bytes() + " byte(s))");
                String sf = "  %-12s %-9s %4s %12s %6s %12s  %s%n";
                out.printf(sf, "slice", "state", "gens", "rows", "files", "bytes", "archive");
                for (TableStatus.SliceStatus s : t.slices()) {
                    out.printf(sf, s.slice().key(), s.state(), s.generations(), s.rows(), s.files(), s.bytes(),
                            s.archive() == null ? "" : s.archive());
                }
            }
        }
    }

    /**
     * {@code [####!!!!....] archived 2020-01-01..2020-03-20 | due ..2020-03-22 | hot 2020-03-22..}: one character
     * per step from the oldest archived or hot date to today.
     */
    static String timeline(LocalDate asOf, TableStatus t) {
        TableStatus.Archived a = t.archived();
        LocalDate start = a.first() != null ? a.first().start() : t.oldestHot();
        if (start == null || !start.isBefore(asOf)) {
            return "[" + ".".repeat(TIMELINE) + "] nothing archived, no rows before today";
        }
        long days = ChronoUnit.DAYS.between(start, asOf);
        LocalDate archivedEnd = a.last() == null ? null : a.last().end();
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < TIMELINE; i++) {
            LocalDate d = start.plusDays(days * i / TIMELINE);
            boolean due = t.dueRows() > 0 && t.oldestHot() != null && !d.isBefore(t.oldestHot())
                    && d.isBefore(t.cutoff().date());
            bar.append(due ? '!' : archivedEnd != null && d.isBefore(archivedEnd) ? '#'
                    : d.isBefore(t.cutoff().date()) ? ' ' : '.');
        }
        bar.append("] ");
        if (a.first() != null) {
            bar.append("archived ").append(a.first().start()).append("..").append(archivedEnd.minusDays(1)).append(" | ");
        }
        if (t.dueRows() > 0) {
            bar.append("due ").append(t.dueRows()).append(" row(s) before ").append(t.cutoff().date()).append(" | ");
        }
        return bar.append("hot ").append(t.cutoff().date()).append("..").toString();
    }

    static String json(LocalDate asOf, List<TableStatus> result) {
        JsonWriter w = new JsonWriter().beginObject().field("asOf", asOf.toString()).name("tables").beginArray();
        for (TableStatus t : result) {
            TableStatus.Archived a = t.archived();
            w.beginObject().field("table", t.rule().table().toString())
                    .field("granularity", t.rule().granularity().configValue())
                    .field("retention", t.rule().retention())
                    .field("cutoff", t.cutoff().date().toString());
            optional(w, "oldestHot", t.oldestHot());
            optional(w, "checkpoint", t.checkpoint());
            w.name("archived").beginObject().field("slices", a.slices()).field("generations", a.generations())
                    .field("rows", a.rows()).field("rowsDeleted", a.deleted()).field("files", a.files())
                    .field("bytes", a.bytes());
            optional(w, "firstSlice", a.first() == null ? null : a.first().key());
            optional(w, "lastSlice", a.last() == null ? null : a.last().key());
            optional(w, "lastCommit", a.lastCommit());
            w.endObject();
            w.name("due").beginObject().field("slices", t.dueSlices()).field("rows", t.dueRows()).endObject();
            if (t.lastRun() != null) {
                w.name("lastRun").beginObject().field("runId", t.lastRun().runId())
                        .field("status", t.lastRun().status())
                        .field("finishedAt", t.lastRun().finishedAt().toString())
                        .field("slices", t.lastRun().slices()).field("rowsArchived", t.lastRun().rowsArchived());
                optional(w, "message", t.lastRun().message());
                w.endObject();
            }
            w.field("failuresSince", t.failuresSince())
                    .field("nextSlice", t.nextSlice().key()).field("nextDueOn", t.nextDueOn().toString());
            optional(w, "error", t.error());
            if (!t.slices().isEmpty()) {
                w.name("slices").beginArray();
                for (TableStatus.SliceStatus s : t.slices()) {
                    w.beginObject().field("slice", s.slice().key()).field("state", s.state())
                            .field("generations", s.generations()).field("rows", s.rows()).field("files", s.files())
                            .field("bytes", s.bytes());
                    optional(w, "archive", s.archive());
                    optional(w, "committedAt", s.committedAt());
                    w.endObject();
                }
                w.endArray();
            }
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }

    private static void optional(JsonWriter w, String name, Object v) {
        if (v != null) {
            w.field(name, v.toString());
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "~";
    }
}
