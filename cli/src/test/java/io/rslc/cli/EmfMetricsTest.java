package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Granularity;
import io.rslc.api.Problem;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.Slice;
import io.rslc.api.SliceReport;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The metric lines follow the Embedded Metric Format's rules: one JSON object on one line; an {@code _aws} object
 * with only {@code Timestamp} (epoch milliseconds) and {@code CloudWatchMetrics}; each directive a 1-255 character
 * namespace, dimension sets of at most 30 keys each present in the root as a string, and metric definitions whose
 * names are present in the root as numbers, with CloudWatch's units.
 */
class EmfMetricsTest {

    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    final ObjectMapper json = new ObjectMapper();

    static TableReport table(String name, TableReport.Status status, long rows) {
        Rule rule = Rule.builder().table("s", name).column("d").retention(1)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(Path.of("/tmp/a"))).build()).build();
        List<SliceReport> slices = rows == 0 ? List.of() : List.of(new SliceReport(
                Slice.containing(Granularity.DAILY, LocalDate.of(2020, 6, 1)), 1, rows, rows, 1, 4096,
                "/tmp/a/x/", 1, Duration.ofMillis(250)));
        return new TableReport(rule, status, LocalDate.of(2020, 6, 19), slices, List.of(), null, null,
                Duration.ofMillis(1500), status == TableReport.Status.OK ? null : "boom \"quoted\"\nline", List.of());
    }

    @Test
    void aTableLineIsAValidEmfDocumentWithTheTableDimension() throws Exception {
        String line = EmfMetrics.table(table("Sales \"EU\"", TableReport.Status.FAILED, 42), 1_700_000_000_123L);
        JsonNode root = validate(line);
        assertThat(root.get("_aws").get("Timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(root.get("Table").asText()).isEqualTo("s.Sales \"EU\"");
        assertThat(root.get("RowsArchived").asLong()).isEqualTo(42);
        assertThat(root.get("Failures").asInt()).isEqualTo(1);
        assertThat(root.get("DurationSeconds").asDouble()).isEqualTo(1.5);
        assertThat(root.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString())
                .isEqualTo("[[\"Table\"]]");
    }

    @Test
    void aRunLineHasNoDimensionsAndCountsFailedAndStoppedTables() throws Exception {
        RunReport report = new RunReport("r-1", LocalDate.of(2020, 6, 20), "postgresql",
                Instant.parse("2020-06-20T02:00:00Z"), Instant.parse("2020-06-20T02:00:03.5Z"),
                List.of(table("a", TableReport.Status.OK, 10), table("b", TableReport.Status.FAILED, 0),
                        table("c", TableReport.Status.STOPPED, 5)),
                List.of(new Problem(Problem.Severity.ERROR, "rules.csv", "line 3", 3, "granularity_level", "bad")));
        JsonNode root = validate(EmfMetrics.run(report, 1L));
        assertThat(root.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(root.get("FailedTables").asInt()).isEqualTo(1);
        assertThat(root.get("StoppedTables").asInt()).isEqualTo(1);
        assertThat(root.get("InvalidRules").asInt()).isEqualTo(1);
        assertThat(root.get("RowsDeleted").asLong()).isEqualTo(15);
        assertThat(root.get("Complete").asBoolean()).isFalse();
        assertThat(root.get("DurationSeconds").asDouble()).isEqualTo(3.5);
    }

    JsonNode validate(String line) throws Exception {
        assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
        JsonNode root = json.readTree(line);
        JsonNode aws = root.get("_aws");
        assertThat(aws).isNotNull();
        Set<String> awsMembers = new HashSet<>();
        aws.fieldNames().forEachRemaining(awsMembers::add);
        assertThat(awsMembers).containsExactlyInAnyOrder("Timestamp", "CloudWatchMetrics");
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.get("CloudWatchMetrics").isArray()).isTrue();
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            String ns = directive.get("Namespace").asText();
            assertThat(ns).isEqualTo(EmfMetrics.NAMESPACE).hasSizeBetween(1, 255);
            for (JsonNode set : directive.get("Dimensions")) {
                assertThat(set.size()).isLessThanOrEqualTo(30);
                for (JsonNode key : set) {
                    JsonNode v = root.get(key.asText());
                    assertThat(v != null && v.isTextual()).as("dimension %s is a string member", key).isTrue();
                }
            }
            assertThat(directive.get("Metrics").size()).isBetween(1, 100);
            for (Iterator<JsonNode> it = directive.get("Metrics").elements(); it.hasNext(); ) {
                JsonNode m = it.next();
                String name = m.get("Name").asText();
                assertThat(name).hasSizeBetween(1, 1024);
                assertThat(m.get("Unit").asText()).isIn(UNITS);
                JsonNode v = root.get(name);
                assertThat(v != null && v.isNumber()).as("metric %s is a number member", name).isTrue();
            }
        }
        return root;
    }
}
