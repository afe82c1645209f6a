package io.rslc.cli;

import io.rslc.api.Plan;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Problem;
import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.TablePlan;
import io.rslc.api.TransactionPlan;
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
                    r.retention(), r.granularity() == io.rslc.api.Granularity.DAILY ? "day(s)" : "month(s)",
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
            int n = 0;
            for (TransactionPlan tx : t.transactions()) {
                n++;
                if (tx.slices().size() == 1) {
                    out.printf("%n  transaction %d: slice %s%n", n, slice(tx.slices().get(0)));
                } else {
                    out.printf("%n  transaction %d: %d slices [%s, %s)%s%n", n, tx.slices().size(),
                            tx.slices().get(0).slice().start(), tx.slices().get(tx.slices().size() - 1).slice().end(),
                            tx.rows() >= 0 ? ", " + tx.rows() + " row(s)" : "");
                    for (SlicePlan s : tx.slices()) {
                        out.printf("    slice %s%n", slice(s));
                    }
                }
                for (PlannedStatement sql : tx.statements()) {
                    out.println(indent(sql.sql(), "    ") + ";");
                }
            }
            if (!t.maintenance().isEmpty()) {
                out.printf("%n  after the transactions, outside any%s:%n",
                        "redshift".equals(plan.warehouse()) ? " (each as svv_table_info calls for it)" : "");
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
        long failed = plan.tables().stream().filter(TablePlan::failed).count();
        out.printf("%n%d table(s) planned%s, %d configuration error(s)%n", plan.tables().size(),
                failed == 0 ? "" : ", " + failed + " of them cannot run as configured (ERROR above)", invalid);
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
            t.slices().forEach(s -> slice(w, s));
            w.endArray().name("transactions").beginArray();
            for (TransactionPlan tx : t.transactions()) {
                w.beginObject().name("slices").beginArray();
                tx.slices().forEach(s -> w.value(s.slice().start() == null ? null : s.slice().start().toString()));
                w.endArray().name("statements").beginArray();
                for (PlannedStatement st : tx.statements()) {
                    w.beginObject()
                            .field("role", st.role().name().toLowerCase(java.util.Locale.ROOT))
                            .field("sql", st.sql())
                            .endObject();
                }
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

    private static void slice(JsonWriter w, SlicePlan s) {
        w.beginObject()
                .field("start", s.slice().start() == null ? null : s.slice().start().toString())
                .field("end", s.slice().end().toString());
        if (s.rowsKnown()) {
            w.field("rows", s.rows());
        }
        w.field("generation", s.generation()).field("archive", s.archive()).endObject();
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

    private static String slice(SlicePlan s) {
        return s.slice() + (s.rowsKnown() ? ": " + s.rows() + " row(s)" : "")
                + (s.archive() == null ? "" : " -> " + s.archive().replace("\n", " "));
    }

    static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
