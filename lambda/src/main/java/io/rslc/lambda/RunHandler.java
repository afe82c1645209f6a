package io.rslc.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.rslc.cli.Main;
import io.rslc.internal.aws.DynamoDbUri;
import io.rslc.internal.aws.s3.S3Clients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * rslc as an AWS Lambda function (handler {@code io.rslc.lambda.RunHandler::handleRequest}, Java 21 runtime). A
 * {@code run} event runs {@code rslc run} with the function's configuration and a <b>time budget</b>: the
 * invocation's remaining time less {@value #DEFAULT_MARGIN_SECONDS} s (or the event's {@code budget_seconds} if
 * smaller). It starts no transaction it does not expect to commit in time and returns the JSON run report
 * (docs/report-json.md): {@code "complete": false} means invoke again; the journal makes each slice happen once
 * however many invocations a backfill takes. A {@code load} event loads a configuration CSV from S3 into the
 * DynamoDB table, all or nothing, keeping checkpoints (the original's loader Lambda; {@code rslc config load}).
 * Logs and the CloudWatch Embedded Metric Format lines go to stderr, that is to the function's log group.
 *
 * <p>Configuration, from the environment: {@code RSLC_CONFIG} (e.g. {@code dynamodb://rs_dlm_config?region=R}),
 * {@code RSLC_LEASE_TABLE}, {@code RSLC_SECRET_ID} or {@code RSLC_JDBC_URL}, {@code RSLC_WAREHOUSE}
 * ({@code redshift} by default), {@code RSLC_ROLE_ARN}, {@code RSLC_REGION}, {@code RSLC_MARGIN_SECONDS},
 * {@code RSLC_BATCH_ROWS} (PostgreSQL: rows per transaction).
 * {@code RSLC_SECRETS_ENDPOINT} and {@code RSLC_S3_ENDPOINT} point at local stand-ins (tests only).
 * A usage or configuration error (exit 2) or an internal error (exit 3) fails the invocation with its message, so
 * the state machine's Catch and the alarm see it; a failed table does not: the report says so.
 */
public final class RunHandler implements RequestStreamHandler {

    static final long DEFAULT_MARGIN_SECONDS = 60;
    /** Answers above this are cut down to fit Step Functions' 256 KB limit for a state's data. */
    static final int MAX_ANSWER_CHARS = 200_000;
    /** Lambda's longest invocation, assumed when no context tells the remaining time. */
    static final Duration MAX_INVOCATION = Duration.ofMinutes(15);

    private final Map<String, String> env;
    /** The last {@code rslc:} error line of the latest CLI call, for the invocation's error. */
    private String lastError = "";

    /** The handler Lambda instantiates: configured from the function's environment. */
    public RunHandler() {
        this(System.getenv());
    }

    RunHandler(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvent event = LambdaEvent.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        Duration remaining = context == null ? MAX_INVOCATION : Duration.ofMillis(context.getRemainingTimeInMillis());
        String result = switch (event.action()) {
            case "run" -> run(event, remaining);
            case "load" -> load(event);
            default -> throw new IllegalArgumentException("unknown action '" + event.action()
                    + "': expected run or load");
        };
        output.write(result.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /** Runs and returns the report's JSON. */
    String run(LambdaEvent event, Duration remaining) throws IOException {
        Duration budget = budget(event, remaining);
        Path report = Files.createTempFile("rslc-report-", ".json");
        try {
            List<String> args = new ArrayList<>(List.of("run", "--config", config(),
                    "--warehouse", env.getOrDefault("RSLC_WAREHOUSE", "redshift"),
                    "--log-format", "json", "--report", report.toString(), "--time-budget", budget.toString()));
            connection(args);
            option(args, "--role-arn", env.get("RSLC_ROLE_ARN"));
            option(args, "--region", env.get("RSLC_REGION"));
            option(args, "--s3-endpoint", env.get("RSLC_S3_ENDPOINT"));
            option(args, "--batch-rows", env.get("RSLC_BATCH_ROWS"));
            option(args, "--as-of", event.asOf());
            if (!event.only().isEmpty()) {
                option(args, "--only", String.join(",", event.only()));
            }
            int exit = cli(args);
            if (exit > 1 || Files.size(report) == 0) {
                throw new IllegalStateException("rslc run failed (exit " + exit + "): " + lastError);
            }
            return fitted(Files.readString(report, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /**
     * The report as the answer, within Step Functions' 256 KB for a state's data: a larger one (a backfill of
     * thousands of slices) is answered without its per-slice entries, each table saying how many it had; the
     * journal table holds every committed slice.
     */
    @SuppressWarnings("unchecked")
    static String fitted(String report) {
        if (report.length() <= MAX_ANSWER_CHARS) {
            return report;
        }
        Map<String, Object> r = (Map<String, Object>) Json.parse(report);
        for (Object t : (List<Object>) r.get("tables")) {
            Map<String, Object> table = (Map<String, Object>) t;
            table.put("slicesOmitted", new java.math.BigDecimal(((List<Object>) table.get("slices")).size()));
            table.put("slices", List.of());
        }
        r.put("note", "per-slice entries omitted to fit the answer in 256 KB; the journal table lists every slice");
        return Json.write(r) + "\n";
    }

    /** Loads the event's S3 object into the configuration table, all or nothing. */
    String load(LambdaEvent event) throws IOException {
        if (event.bucket() == null || event.key() == null) {
            throw new IllegalArgumentException("a load event needs 'bucket' and 'key' (the configuration CSV in S3)");
        }
        DynamoDbUri table = DynamoDbUri.parse(config());
        Path csv = Files.createTempFile("rslc-config-", ".csv");
        try (S3Client s3 = s3(table.region())) {
            Files.write(csv, s3.getObject(b -> b.bucket(event.bucket()).key(event.key()),
                    ResponseTransformer.toBytes()).asByteArray());
            List<String> args = new ArrayList<>(List.of("config", "load", "--csv", csv.toString(),
                    "--dynamodb-table", table.table()));
            option(args, "--region", table.region());
            option(args, "--endpoint", table.endpoint() == null ? null : table.endpoint().toString());
            int exit = cli(args);
            if (exit != 0) {
                throw new IllegalStateException("loading s3://" + event.bucket() + "/" + event.key() + " failed (exit "
                        + exit + "), nothing was changed: " + lastError);
            }
            return "{\"action\": \"load\", \"loaded\": true, \"source\": \"s3://" + event.bucket() + "/"
                    + event.key().replace("\"", "\\\"") + "\", \"table\": \"" + table.table() + "\"}\n";
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** The time this invocation may spend on the run. */
    Duration budget(LambdaEvent event, Duration remaining) {
        long margin = Long.parseLong(env.getOrDefault("RSLC_MARGIN_SECONDS", String.valueOf(DEFAULT_MARGIN_SECONDS)));
        Duration budget = remaining.minusSeconds(margin);
        if (event.budgetSeconds() != null) {
            Duration asked = Duration.ofMillis(Math.round(event.budgetSeconds() * 1000));
            budget = asked.compareTo(budget) < 0 ? asked : budget;
        }
        return budget.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : budget;
    }

    private String config() {
        String config = env.get("RSLC_CONFIG");
        if (config == null || config.isBlank()) {
            throw new IllegalStateException("RSLC_CONFIG is not set: the function needs its configuration source, "
                    + "e.g. dynamodb://rs_dlm_config?region=us-east-1");
        }
        String leases = env.get("RSLC_LEASE_TABLE");
        if (leases != null && !leases.isBlank() && config.startsWith("dynamodb://") && !config.contains("leases=")) {
            config += (config.contains("?") ? "&" : "?") + "leases=" + leases;
        }
        return config;
    }

    private void connection(List<String> args) {
        String url = env.get("RSLC_JDBC_URL");
        if (url != null && !url.isBlank()) {
            option(args, "--jdbc-url", url);
        } else {
            String secret = env.get("RSLC_SECRET_ID");
            if (secret == null || secret.isBlank()) {
                throw new IllegalStateException("set RSLC_SECRET_ID (the Redshift login's secret) or RSLC_JDBC_URL");
            }
            option(args, "--secret", secret);
            option(args, "--secrets-endpoint", env.get("RSLC_SECRETS_ENDPOINT"));
        }
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.add(name);
            args.add(value);
        }
    }

    private S3Client s3(String region) {
        String endpoint = env.get("RSLC_S3_ENDPOINT");
        String r = region != null ? region : env.getOrDefault("RSLC_REGION", "us-east-1");
        if (endpoint == null || endpoint.isBlank()) {
            return S3Clients.standard(r);
        }
        return S3Client.builder().region(Region.of(r)).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** Runs the CLI in this JVM; its output goes to the function's log (stderr), the last error line is kept. */
    private int cli(List<String> args) {
        StringWriter errors = new StringWriter();
        // both to stderr: the function's log either way, and main()'s stdout keeps only the result
        PrintWriter out = new PrintWriter(new Tee(System.err, null), true);
        PrintWriter err = new PrintWriter(new Tee(System.err, errors), true);
        int exit = Main.run(args.toArray(String[]::new), out, err);
        out.flush();
        err.flush();
        List<String> lines = errors.toString().lines().filter(l -> l.startsWith("rslc:")).toList();
        lastError = lines.isEmpty() ? "see the function's log" : lines.get(lines.size() - 1);
        return exit;
    }

    /** Writes to the log stream and, if given, to a copy the handler reads its error from. */
    private static final class Tee extends Writer {
        private final java.io.PrintStream log;
        private final StringWriter copy;

        Tee(java.io.PrintStream log, StringWriter copy) {
            this.log = log;
            this.copy = copy;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            String s = new String(buf, off, len);
            log.print(s);
            if (copy != null) {
                copy.write(s);
            }
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /**
     * Invokes the handler once outside Lambda: the event JSON on standard input, the result on standard output,
     * the configuration from the environment, 15 minutes assumed remaining. For trying a function's
     * configuration locally and for measuring the handler's cold start.
     */
    public static void main(String[] args) throws IOException {
        new RunHandler().handleRequest(System.in, System.out, null);
        System.out.println();
    }
}
