package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.internal.aws.DynamoDbLocal;
import io.rslc.internal.aws.SecretsManagerStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Lambda handler ({@code io.rslc.lambda.RunHandler}'s main: the event on stdin, the report on stdout) as a
 * child JVM, configured as a function is: its rules in DynamoDB Local ({@code rslc config load}), leases of
 * {@value #LEASE_SECONDS} s, the campaign user's login only in the Secrets Manager stand-in (the password is in no
 * URL, no argument and no variable of the child: the one this JVM has is removed), archives on s3proxy or local.
 */
final class LambdaRunner {

    static final String HANDLER = "io.rslc.lambda.RunHandler";
    /** The tables' lease: a SIGKILLed invocation's lease blocks the table this long. */
    static final int LEASE_SECONDS = 6;

    final Path dir;
    final Target target;
    final String table;
    final Map<String, String> env = new HashMap<>();

    private LambdaRunner(Path dir, Target target, String table) {
        this.dir = dir;
        this.target = target;
        this.table = table;
    }

    /** Loads the subject's rule into a new DynamoDB table and stores the login in {@code secrets}. */
    static LambdaRunner create(Path dir, Target target, Subject s, SecretsManagerStandIn secrets, int batchRows)
            throws Exception {
        String table = DynamoDbLocal.uniqueTable("lambda");
        Rslc.Result load = Rslc.inProcess(dir, "config-load", List.of("config", "load", "--csv", s.config.toString(),
                "--dynamodb-table", table, "--create-table", "--region", "us-east-1", "--endpoint",
                DynamoDbLocal.shared().endpoint().toString()));
        assertThat(load.exit()).as(load.all()).isZero();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)").matcher(target.rslcUrl);
        assertThat(m.matches()).as(target.rslcUrl).isTrue();
        String secretId = "campaign/" + target.database;
        secrets.put(secretId, "{\"engine\":\"postgres\",\"host\":\"" + m.group(1) + "\",\"port\":" + m.group(2)
                + ",\"dbname\":\"" + m.group(3) + "\",\"username\":\"" + Target.USER + "\",\"password\":"
                + new ObjectMapper().writeValueAsString(Campaign.password()) + "}");
        LambdaRunner l = new LambdaRunner(dir, target, table);
        l.env.putAll(Target.env());
        l.env.put("RSLC_CONFIG", l.configUri());
        l.env.put("RSLC_LEASE_TABLE", table + "_leases");
        l.env.put("RSLC_WAREHOUSE", "postgresql");
        l.env.put("RSLC_SECRET_ID", secretId);
        l.env.put("RSLC_SECRETS_ENDPOINT", secrets.endpoint().toString());
        l.env.put("RSLC_S3_ENDPOINT", target.s3Endpoint);
        l.env.put("RSLC_REGION", "us-east-1");
        l.env.put("RSLC_BATCH_ROWS", String.valueOf(batchRows));
        return l;
    }

    /** The configuration source, as the function's {@code RSLC_CONFIG}. */
    String configUri() {
        return DynamoDbLocal.shared().uri(table) + "&lease_seconds=" + LEASE_SECONDS;
    }

    /** A run event as of the campaign's day, with a time budget if given. */
    static String event(Double budgetSeconds) {
        return "{\"action\": \"run\", \"as_of\": \"" + Subject.AS_OF + "\""
                + (budgetSeconds == null ? "" : ", \"budget_seconds\": " + budgetSeconds) + "}";
    }

    /** One invocation's launch (not started), working in {@code dir/name}. */
    Rslc.Launch launch(String name, Double budgetSeconds) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Path event = d.resolve("event.json");
        Files.writeString(event, event(budgetSeconds));
        // the test classpath holds two logback-test.xml: logback would print its status to stdout, the answer's
        return new Rslc.Launch(d).jvm(target.jvmOptions()).env(env).mainClass(HANDLER).input(event)
                .jvm(List.of("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"))
                .unsetEnv(Campaign.PASSWORD_ENV);
    }

    /** Invokes the handler once, to its end; asserts exit 0 and returns the report. */
    JsonNode invoke(String name, Double budgetSeconds) throws Exception {
        Rslc.Launch l = launch(name, budgetSeconds);
        Process p = l.start(List.of());
        noPasswordIn(Path.of("/proc", Long.toString(p.pid()), "environ"));
        noPasswordIn(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        int exit = Rslc.await(p, 180);
        String out = Rslc.read(l.dir.resolve("out.txt"));
        assertThat(exit).as(name + ": " + out + Rslc.read(l.dir.resolve("err.txt"))).isZero();
        return new ObjectMapper().readTree(out);
    }

    /** The child's environment or command line, read while it runs: the password is not there. */
    private static void noPasswordIn(Path proc) throws Exception {
        byte[] content;
        try {
            content = Files.readAllBytes(proc);
        } catch (java.io.IOException e) {
            return; // the child already ended
        }
        assertThat(Check.indexOf(content, Campaign.password().getBytes(StandardCharsets.UTF_8)))
                .as("the password in the child's " + proc.getFileName()).isEqualTo(-1);
    }

    /** The table's status in a report ({@code ok}, {@code busy}, {@code stopped}, {@code failed}). */
    static String status(JsonNode report) {
        return report.get("tables").get(0).get("status").asText();
    }

    /** Rows the invocation committed (archived or deleted). */
    static long progress(JsonNode report) {
        return Math.max(report.get("rowsArchived").asLong(), report.get("rowsDeleted").asLong());
    }

    /** What re-invoking to the end took. */
    record Finish(int invocations, int busy, int incomplete, long leaseWaitMs) {
    }

    /**
     * Invokes until the report says {@code "complete": true} with the table done ({@code ok}), at most
     * {@code max} times. A table still under a killed invocation's lease is reported {@code busy} (and, as busy
     * tables are not unfinished work to the report, {@code "complete": true}): wait a little and invoke again.
     * {@code leaseWaitMs}: from {@code since} to the start of the first invocation that got the table. An
     * invocation that committed nothing within its budget gets a 1.5 times larger one next.
     */
    Finish untilComplete(String prefix, Double budgetSeconds, int max, long since) throws Exception {
        int busy = 0;
        int incomplete = 0;
        long leaseWait = -1;
        for (int i = 1; i <= max; i++) {
            long started = System.nanoTime();
            JsonNode r = invoke(prefix + "-" + i, budgetSeconds);
            String status = status(r);
            if (status.equals("busy")) {
                busy++;
                Thread.sleep(500);
                continue;
            }
            if (leaseWait < 0) {
                leaseWait = (started - since) / 1_000_000;
            }
            assertThat(status).as("invocation " + i + ": " + r).isIn("ok", "stopped");
            assertThat(r.get("succeeded").asBoolean()).as(r.toString()).isTrue();
            if (r.get("complete").asBoolean() && status.equals("ok")) {
                return new Finish(i, busy, incomplete, leaseWait);
            }
            assertThat(r.get("complete").asBoolean()).as("a stopped table means not complete: " + r).isFalse();
            incomplete++;
            if (progress(r) == 0) {
                // the budget went on the child's start (two shared cores): give the next invocation more
                budgetSeconds = Math.round(budgetSeconds * 15) / 10.0;
            }
        }
        throw new AssertionError("not complete after " + max + " invocations (" + busy + " busy)");
    }

    /**
     * Waits until no unexpired lease of s.t is left by a killed invocation (so the next invocation to be killed
     * gets the table rather than answering busy); returns the milliseconds waited.
     */
    long awaitLeaseFree() throws InterruptedException {
        long start = System.nanoTime();
        Map<String, AttributeValue> item;
        try {
            item = DynamoDbLocal.shared().client().getItem(b -> b.tableName(table + "_leases")
                    .key(Map.of("lease_key", AttributeValue.fromS("s.t")))).item();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return 0; // no lease was ever taken
        }
        if (item != null && item.containsKey("expires_at")) {
            long until = (Long.parseLong(item.get("expires_at").n()) + 1) * 1000;
            Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The checkpoint DynamoDB holds for s.t ("" if none). */
    String checkpoint() {
        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(b -> b.tableName(table)
                .key(Map.of("schema_name", AttributeValue.fromS("s"), "table_name", AttributeValue.fromS("t"))))
                .item();
        AttributeValue v = item.get("checkpoint");
        return v == null || v.s() == null ? "" : v.s();
    }
}
