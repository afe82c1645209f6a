package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every string a rule or the command line gives rslc, tried as an SQL injection end to end: identifiers (schema,
 * table, date column, partition column), the literals of UNLOAD and the PostgreSQL path (s3_path, delimiter,
 * null_as, extension, kms_key_id, unload_region, {@code --role-arn}), on PostgreSQL and the Redshift stand-in
 * (where the query sits inside UNLOAD's string literal, and literals escape backslashes). A canary table the
 * login could drop must survive; the database must never see malformed SQL (no syntax error); and the value is
 * either refused with a line naming the field, nothing deleted, or honoured: every due row archived once, every
 * kept row in place, {@code rslc verify} clean.
 */
@Tag("campaign")
class InjectionCampaignIT {

    static final String DROP = "DROP TABLE public.canary; --";

    /** One instance: a field (a rule field, an identifier, or an option) and the value tried. */
    record Spec(boolean quick, Target.Kind kind, String field, String value, Format format) {

        String id() {
            return (kind == Target.Kind.REDSHIFT ? "redshift-" : "pg-") + field;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStringIsQuotedOrRefused() {
        return specs().stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> run(s)));
    }

    static List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        for (Target.Kind kind : Target.Kind.values()) {
            boolean rs = kind == Target.Kind.REDSHIFT;
            out.add(new Spec(false, kind, "schema_name", "s'); " + DROP, Format.CSV));
            out.add(new Spec(false, kind, "table_name", "t\"; " + DROP, Format.CSV));
            out.add(new Spec(!rs, kind, "column_name", "d$$'); " + DROP + " \\", Format.TEXT));
            out.add(new Spec(false, kind, "partition_column", "p'\"); " + DROP, Format.CSV));
            out.add(new Spec(false, kind, "s3_path", "it's'); " + DROP, Format.CSV));
            out.add(new Spec(false, kind, "delimiter", "'", Format.TEXT));
            out.add(new Spec(false, kind, "delimiter-backslash", "\\", Format.CSV));
            out.add(new Spec(rs, kind, "null_as", "N\\'); " + DROP, Format.TEXT));
            out.add(new Spec(false, kind, "extension", "csv'); " + DROP, Format.CSV));
            out.add(new Spec(false, kind, "unload_region", "us-east-1'); " + DROP, Format.CSV));
            if (rs) {
                out.add(new Spec(false, kind, "kms_key_id", "alias/k\\'); " + DROP, Format.CSV));
                out.add(new Spec(false, kind, "role-arn", "arn:aws:iam::123456789012:role/x\\'); " + DROP, Format.CSV));
            }
        }
        return out;
    }

    static void run(Spec spec) throws Exception {
        Path dir = Campaign.dir("injection", spec.id());
        boolean rs = spec.kind() == Target.Kind.REDSHIFT;
        Target target = rs ? Target.redshift() : Target.postgres();
        try {
            target.exec("CREATE TABLE public.canary (x int)", "INSERT INTO public.canary VALUES (1)");
            if (!rs) {
                target.exec("ALTER TABLE public.canary OWNER TO " + Target.USER); // the login could drop it
            }
            String field = spec.field();
            boolean s3 = rs || field.equals("s3_path") || field.equals("unload_region");
            String location = s3 ? "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime() + "/"
                    + (field.equals("s3_path") ? spec.value() + "/" : "") + "t" : dir.resolve("archive").toString();
            String date = field.equals("column_name") || field.equals("partition_column") ? spec.value() : "d";
            Subject s = new Subject(target, dir, field.equals("schema_name") ? spec.value() : "s",
                    field.equals("table_name") ? spec.value() : "t", date, Mode.BOTH, spec.format(), location, 50);
            switch (field) {
                case "partition_column" -> s.fields.put("partition_column", date);
                case "delimiter", "delimiter-backslash" -> s.fields.put("delimiter", spec.value());
                case "null_as", "extension", "unload_region" -> s.fields.put(field, spec.value());
                case "kms_key_id" -> {
                    s.fields.put("encrypted", "1");
                    s.fields.put("kms_key_id", spec.value());
                }
                default -> {
                }
            }
            s.create();
            List<String> args = new ArrayList<>(s.runArgs());
            if (field.equals("role-arn")) {
                args.set(args.indexOf(Target.ROLE_ARN), spec.value());
            }
            Rslc.Result r = Rslc.inProcess(dir, "run", args);
            assertThat(target.count("SELECT count(*) FROM public.canary")).as("the canary table").isEqualTo(1);
            assertThat(r.all()).as("the database never saw malformed SQL")
                    .doesNotContainIgnoringCase("syntax error").doesNotContain("42601").doesNotContain("Exception");
            long total = (long) s.rowsPerDay * Subject.DAYS;
            String outcome;
            if (r.exit() == 0) {
                assertThat(target.count("SELECT count(*) FROM " + s.qualified())).as("kept rows")
                        .isEqualTo(total - s.due.size());
                assertThat(target.count("SELECT sum(rows_archived) FROM rslc.slice_journal")).isEqualTo(s.due.size());
                List<String> verifyArgs = s.args("verify");
                if (field.equals("role-arn")) {
                    verifyArgs.set(verifyArgs.indexOf(Target.ROLE_ARN), spec.value());
                }
                Rslc.Result verify = Rslc.inProcess(dir, "verify", verifyArgs);
                assertThat(verify.exit()).as("verify: " + verify.all()).isZero();
                outcome = "honoured: every due row archived once, verify clean";
            } else {
                String name = field.replace("delimiter-backslash", "delimiter").replace("role-arn", "--role-arn");
                assertThat(r.exit()).as(r.all()).isIn(1, 2);
                assertThat(r.all()).as("the refusal names the field").contains(name);
                assertThat(target.count("SELECT count(*) FROM " + s.qualified())).as("nothing deleted").isEqualTo(total);
                outcome = "refused naming the field, nothing deleted";
            }
            Campaign.record("injection through every string (" + (rs ? "Redshift stand-in" : "PostgreSQL") + ")", 0,
                    new Check.Counts(total, 0, 0), outcome);
        } finally {
            target.drop();
        }
    }
}
