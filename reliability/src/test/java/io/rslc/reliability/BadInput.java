package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.cli.TestDatabaseAccess;
import io.rslc.internal.aws.DynamoDbConfigTable;
import io.rslc.internal.aws.DynamoDbLocal;
import io.rslc.internal.aws.SecretsManagerStandIn;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bad-input corpus's machinery: one shared database with the table {@code s.t} (100 rows over ten days, all
 * due as of {@value #AS_OF}), a case's rules as CSV rows, DynamoDB items or a Secrets Manager secret, and the
 * checks every case gets: its exit code, the words of its message, no stack trace, and, for a refused input,
 * nothing deleted from {@code s.t} and no archive folder written.
 */
final class BadInput {

    static final String AS_OF = "2020-06-20";
    static final int ROWS = 100;
    /** A stack frame line, as {@code printStackTrace} writes it. */
    private static final Pattern FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    /** How a case calls rslc: its arguments, after setting up what it needs. */
    @FunctionalInterface
    interface Call {
        List<String> args(Fixture f) throws Exception;
    }

    /** What a case must leave behind, beyond its exit code and message. */
    @FunctionalInterface
    interface After {
        void check(Fixture f, Rslc.Result r) throws Exception;
    }

    /**
     * One bad input: its category and name, the call, the exit code and the words its output must hold (the row,
     * field and reason), whether it runs in a child JVM with {@code env}, and its documented effect.
     */
    record Case(String category, String name, Call call, int exit, List<String> says, Map<String, String> env,
                After after) {

        String id() {
            return category + "-" + name;
        }

        /** The same case run as a separate JVM with these environment variables. */
        Case inChild(Map<String, String> vars) {
            return new Case(category, name, call, exit, says, vars, after);
        }

        /** The same case with a documented effect instead of "nothing deleted" (for an exit of 0). */
        Case then(After check) {
            return new Case(category, name, call, exit, says, env, check);
        }
    }

    static Case of(String category, String name, int exit, Call call, String... says) {
        return new Case(category, name, call, exit, List.of(says), null, exit == 0 ? null : BadInput::nothingDeleted);
    }

    /** The database, DynamoDB Local and the Secrets Manager stand-in shared by the cases, and the case at hand. */
    static final class Fixture implements AutoCloseable {
        final Target target;
        final SecretsManagerStandIn secrets;
        Path dir;
        private int secretsMade;

        Fixture() throws Exception {
            target = Target.postgres();
            target.exec("CREATE SCHEMA s AUTHORIZATION " + Target.USER,
                    "CREATE TABLE s.t (id BIGINT PRIMARY KEY, d DATE, note TEXT)",
                    "INSERT INTO s.t SELECT g, DATE '2020-06-01' + (g % 10), 'n' || g FROM generate_series(1, " + ROWS + ") g",
                    "ALTER TABLE s.t OWNER TO " + Target.USER);
            secrets = new SecretsManagerStandIn();
        }

        /** The archive folder of the case at hand. */
        Path archive() {
            return dir.resolve("archive");
        }

        /** A valid rule for {@code s.t} (daily, 5 days kept, unload and delete, local folder) with fields replaced. */
        String row(String... fieldValues) {
            Map<String, String> v = fields(fieldValues);
            return String.join(",", RuleFields.ORIGINAL.stream().map(k -> csvQuote(v.get(k))).toList());
        }

        Map<String, String> fields(String... fieldValues) {
            Map<String, String> v = new LinkedHashMap<>();
            RuleFields.ORIGINAL.forEach(k -> v.put(k, ""));
            v.putAll(Map.of("schema_name", "s", "table_name", "t", "column_name", "d", "granularity_level", "daily",
                    "retention_period", "5", "s3_path", archive().toString(), "priority", "10",
                    "update_delete_flag", "2"));
            for (int i = 0; i < fieldValues.length; i += 2) {
                v.put(fieldValues[i], fieldValues[i + 1]);
            }
            return v;
        }

        private static String csvQuote(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        /** Writes {@code rules.csv} with the original's header and these lines. */
        Path csv(String... lines) throws Exception {
            return bytes((String.join(",", RuleFields.ORIGINAL) + "\n" + String.join("\n", lines) + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        Path bytes(byte[] content) throws Exception {
            Path file = dir.resolve("rules.csv");
            Files.write(file, content);
            return file;
        }

        /** {@code run --config CONFIG --as-of ...} with the database connection, then {@code more}. */
        List<String> run(Object config, String... more) throws Exception {
            return command("run", config, more);
        }

        List<String> command(String command, Object config, String... more) throws Exception {
            List<String> a = new ArrayList<>(List.of(command, "--config", config.toString()));
            if (!command.equals("restore") && !command.equals("verify")) {
                a.addAll(List.of("--as-of", AS_OF));
            }
            a.addAll(target.connection());
            a.addAll(List.of(more));
            return a;
        }

        /** A DynamoDB configuration table holding these items (each a map of field to value), as a source. */
        @SafeVarargs
        final String dynamo(Map<String, AttributeValue>... items) {
            String name = DynamoDbLocal.uniqueTable("bad");
            DynamoDbConfigTable t = new DynamoDbConfigTable(DynamoDbLocal.shared().client(), name);
            t.create();
            t.putAll(List.of(items));
            return DynamoDbLocal.shared().uri(name);
        }

        /** An item as the original's loader wrote it (flags as N, the rest S) for {@code s.t}, fields replaced. */
        Map<String, AttributeValue> item(String... fieldValues) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            fields(fieldValues).forEach((k, s) -> {
                if (s != null) {
                    item.put(k, RuleFields.NUMERIC_IN_DYNAMODB.contains(k) && s.matches("-?\\d+")
                            ? AttributeValue.fromN(s) : AttributeValue.fromS(s));
                }
            });
            return item;
        }

        /** Connection arguments through a secret holding {@code json} (in place of --jdbc-url and --password-env). */
        List<String> runWithSecret(String json) throws Exception {
            String id = "bad/" + (++secretsMade);
            secrets.put(id, json);
            return withSecret(id);
        }

        List<String> withSecret(String id) throws Exception {
            Path config = csv(row());
            return new ArrayList<>(List.of("run", "--config", config.toString(), "--as-of", AS_OF, "--secret", id,
                    "--secrets-endpoint", secrets.endpoint().toString(), "--region_name", "us-east-1"));
        }

        /** A secret's JSON for the shared database, with keys replaced ({@code null} removes one). */
        String secretJson(String... keyValues) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("engine", "postgres");
            v.put("host", "127.0.0.1");
            v.put("port", TestDatabaseAccess.port());
            v.put("dbname", target.database);
            v.put("username", Target.USER);
            v.put("password", Campaign.password());
            for (int i = 0; i < keyValues.length; i += 2) {
                if (keyValues[i + 1] == null) {
                    v.remove(keyValues[i]);
                } else {
                    v.put(keyValues[i], keyValues[i + 1]);
                }
            }
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void sql(String... statements) throws Exception {
            target.exec(statements);
        }

        long count(String sql) throws Exception {
            return target.count(sql);
        }

        @Override
        public void close() throws Exception {
            secrets.close();
            target.drop();
        }
    }

    /** Runs one case and checks it. */
    static Rslc.Result check(Case c, Fixture f) throws Exception {
        f.dir = Campaign.dir("bad-input", c.id());
        List<String> args = c.call().args(f);
        Rslc.Result r;
        if (c.env() == null) {
            r = Rslc.inProcess(f.dir, "rslc", args);
        } else {
            Rslc.Launch l = new Rslc.Launch(f.dir.resolve("child")).env(Target.env()).env(c.env());
            int exit = Rslc.await(l.start(args), 120);
            r = new Rslc.Result(exit, Rslc.read(f.dir.resolve("child/out.txt")), Rslc.read(f.dir.resolve("child/err.txt")));
        }
        String all = r.all();
        assertThat(r.exit()).as("exit code; output:\n" + all).isEqualTo(c.exit());
        for (String words : c.says()) {
            assertThat(all).as("the message names the row, field and reason").contains(words);
        }
        assertThat(FRAME.matcher(all).find()).as("no stack trace in:\n" + all).isFalse();
        assertThat(all).doesNotContain("internal error").doesNotContain("Exception in thread");
        if (c.after() != null) {
            c.after().check(f, r);
        }
        return r;
    }

    /** A refused input leaves {@code s.t} whole and writes no archive. */
    static void nothingDeleted(Fixture f, Rslc.Result r) throws Exception {
        assertThat(f.count("SELECT count(*) FROM s.t")).as("rows of s.t after a refused input").isEqualTo(ROWS);
        assertThat(f.archive()).as("no archive written").doesNotExist();
    }
}
