package io.rslc.cli;

import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Run and table metrics as CloudWatch Embedded Metric Format lines: one JSON object per line whose {@code _aws}
 * block tells CloudWatch Logs which members are metrics, so a log line becomes a metric without any SDK call
 * (the Lambda runner's stdout and stderr go to CloudWatch Logs). Namespace {@value #NAMESPACE}; per table with
 * the dimension {@code Table} ({@code schema.table}), per run without dimensions. {@code rslc run
 * --log-format json} writes them to stderr beside the JSON log events. See docs/deploy.md for the alarm and
 * dashboard that read them.
 */
final class EmfMetrics {

    static final String NAMESPACE = "rslc";

    private EmfMetrics() {
    }

    /** A listener that writes each table's line when the table finishes. */
    static RunListener writingTo(PrintWriter out, Clock clock) {
        return new RunListener() {
            @Override
            public void tableFinished(TableReport report) {
                out.println(table(report, clock.millis()));
                out.flush();
            }
        };
    }

    /** The table's line: rows archived and deleted, slices, bytes, failures (0 or 1) and seconds. */
    static String table(TableReport t, long timestampMillis) {
        return line(timestampMillis, "[[\"Table\"]]",
                "\"Table\":" + JsonWriter.quoted(t.rule().table().toString())
                        + ",\"Status\":" + JsonWriter.quoted(t.status().name().toLowerCase(Locale.ROOT)),
                new Metric("RowsArchived", "Count", t.rowsArchived()),
                new Metric("RowsDeleted", "Count", t.rowsDeleted()),
                new Metric("Slices", "Count", t.slices().size()),
                new Metric("Bytes", "Bytes", t.bytes()),
                new Metric("Failures", "Count", t.status() == TableReport.Status.FAILED ? 1 : 0),
                new Metric("DurationSeconds", "Seconds", seconds(t.duration())));
    }

    /** The run's line, without dimensions: totals, failed tables, invalid rules, completeness and seconds. */
    static String run(RunReport r, long timestampMillis) {
        long failed = r.tables().stream().filter(t -> t.status() == TableReport.Status.FAILED).count();
        long stopped = r.tables().stream().filter(t -> t.status() == TableReport.Status.STOPPED).count();
        long invalid = r.problems().stream().filter(p -> p.isError()).count();
        return line(timestampMillis, "[[]]",
                "\"RunId\":" + JsonWriter.quoted(r.runId()) + ",\"Complete\":" + r.complete()
                        + ",\"Succeeded\":" + r.succeeded(),
                new Metric("RowsArchived", "Count", r.rowsArchived()),
                new Metric("RowsDeleted", "Count", r.rowsDeleted()),
                new Metric("Slices", "Count", r.tables().stream().mapToLong(t -> t.slices().size()).sum()),
                new Metric("Bytes", "Bytes", r.tables().stream().mapToLong(TableReport::bytes).sum()),
                new Metric("FailedTables", "Count", failed),
                new Metric("StoppedTables", "Count", stopped),
                new Metric("InvalidRules", "Count", invalid),
                new Metric("DurationSeconds", "Seconds", seconds(Duration.between(r.startedAt(), r.finishedAt()))));
    }

    private record Metric(String name, String unit, Number value) {
    }

    private static String line(long timestampMillis, String dimensions, String properties, Metric... metrics) {
        StringBuilder defs = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Metric m : metrics) {
            defs.append(defs.isEmpty() ? "" : ",").append("{\"Name\":\"").append(m.name()).append("\",\"Unit\":\"")
                    .append(m.unit()).append("\"}");
            values.append(",\"").append(m.name()).append("\":").append(m.value());
        }
        return "{\"_aws\":{\"Timestamp\":" + timestampMillis + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
                + NAMESPACE + "\",\"Dimensions\":" + dimensions + ",\"Metrics\":[" + defs + "]}]},"
                + properties + values + "}";
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
