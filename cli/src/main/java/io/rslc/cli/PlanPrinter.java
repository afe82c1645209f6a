package io.rslc.cli;

import io.rslc.config.Problem;
import io.rslc.config.Rule;
import io.rslc.plan.Plan;
import io.rslc.plan.SlicePlan;
import io.rslc.plan.TablePlan;
import java.io.PrintWriter;

/**
 * Prints a {@link Plan} for people (text) or machines (JSON; the contract is in docs/plan-json.md).
 */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void text(Plan plan, PrintWriter out) {
        out.printf("rslc plan as of %s (%s), warehouse %s, config %s%n", plan.asOf(), plan.zone(), plan.warehouse(),
                plan.source());
        for (TablePlan t : plan.tables()) {
            Rule r = t.rule();
            out.println();
            out.printf("TABLE: %s%n", r.table());
            out.printf("  priority %d, %s %d %s, %s, column %s%s%n", r.priority(), r.granularity().configValue(),
                    r.retention(), r.granularity() == io.rslc.config.Granularity.DAILY ? "day(s)" : "month(s)",
                    Describe.mode(r.mode()), r.column(),
                    r.mode().archives() ? ", " + r.unload().format() + " to " + r.unload().location() : "");
            out.printf("  cutoff: %s (rows with %s < %s are due)%n", t.cutoff().date(), r.column(), t.cutoff().date());
            out.printf("  checkpoint: %s%n", r.checkpoint() == null ? "none" : r.checkpoint());
            for (Problem w : t.warnings()) {
                out.printf("  WARNING: %s: %s%n", w.field(), w.message());
            }
            if (t.failed()) {
                out.printf("  ERROR: %s%n", t.error());
                continue;
            }
            if (!t.note().isEmpty()) {
                out.printf("  note: %s%n", t.note());
            }
            for (SlicePlan s : t.slices()) {
                out.printf("%n  slice %s%s%n", s.slice(), s.rowsKnown() ? ": " + s.rows() + " row(s)" : "");
                for (String sql : s.statements()) {
                    out.println(indent(sql, "    ") + ";");
                }
            }
            if (!t.maintenance().isEmpty()) {
                out.printf("%n  after the slices, outside a transaction:%n");
                for (String sql : t.maintenance()) {
                    out.println(indent(sql, "    ") + ";");
                }
            }
        }
        if (!plan.problems().isEmpty()) {
            out.println();
            for (Problem p : plan.problems()) {
                out.printf("%s: %s%n", p.isError() ? "ERROR" : "WARNING", p);
            }
        }
        long invalid = plan.errors().size();
        out.printf("%n%d table(s) planned, %d configuration error(s)%n", plan.tables().size(), invalid);
        out.flush();
    }

    static void json(Plan plan, PrintWriter out) {
        JsonWriter w = new JsonWriter().beginObject()
                .field("asOf", plan.asOf().toString())
                .field("zone", plan.zone().getId())
                .field("warehouse", plan.warehouse())
                .field("source", plan.source())
                .name("tables").beginArray();
        for (TablePlan t : plan.tables()) {
            Rule r = t.rule();
            w.beginObject()
                    .field("schema", r.table().schema())
                    .field("table", r.table().table())
                    .field("column", r.column())
                    .field("granularity", r.granularity().configValue())
                    .field("retention", r.retention())
                    .field("mode", Describe.modeKey(r.mode()))
                    .field("priority", r.priority())
                    .field("checkpoint", r.checkpoint() == null ? null : r.checkpoint().toString())
                    .field("cutoff", t.cutoff().date().toString())
                    .field("note", t.note())
                    .field("error", t.error())
                    .name("slices").beginArray();
            for (SlicePlan s : t.slices()) {
                w.beginObject()
                        .field("start", s.slice().start() == null ? null : s.slice().start().toString())
                        .field("end", s.slice().end().toString());
                if (s.rowsKnown()) {
                    w.field("rows", s.rows());
                }
                w.field("archive", s.archive()).name("statements").beginArray();
                s.statements().forEach(w::value);
                w.endArray().endObject();
            }
            w.endArray().name("maintenance").beginArray();
            t.maintenance().forEach(w::value);
            w.endArray().name("warnings").beginArray();
            t.warnings().forEach(p -> problem(w, p));
            w.endArray().endObject();
        }
        w.endArray().name("errors").beginArray();
        plan.errors().forEach(p -> problem(w, p));
        w.endArray().name("warnings").beginArray();
        plan.problems().stream().filter(p -> !p.isError()).forEach(p -> problem(w, p));
        w.endArray().endObject();
        out.println(w);
        out.flush();
    }

    private static void problem(JsonWriter w, Problem p) {
        w.beginObject()
                .field("source", p.source())
                .field("line", p.line())
                .field("location", p.location())
                .field("field", p.field())
                .field("message", p.message())
                .endObject();
    }

    static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
