package io.rslc.internal.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.aws.AwsClients;
import io.rslc.internal.aws.glue.GlueCatalog.Result;
import io.rslc.internal.aws.glue.GlueCatalog.TableChange;
import io.rslc.internal.catalog.CatalogPartition;
import io.rslc.internal.catalog.CatalogTable;
import io.rslc.internal.catalog.ManifestColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/** {@link GlueCatalog} through the real SDK client against the Glue protocol stand-in. */
class GlueCatalogIT {

    static final List<ManifestColumn> SCHEMA = List.of(new ManifestColumn("id", "bigint", 0, 0),
            new ManifestColumn("d", "date", 0, 0), new ManifestColumn("amt", "numeric", 12, 2));

    GlueStandIn glue;
    GlueClient client;
    GlueCatalog catalog;

    @BeforeEach
    void start() throws IOException {
        glue = new GlueStandIn(7);
        client = AwsClients.glue("us-east-1", glue.endpoint());
        catalog = new GlueCatalog(client);
    }

    @AfterEach
    void stop() {
        client.close();
        glue.close();
    }

    static CatalogTable table(FileFormat format, Compression compression) {
        Rule rule = Rule.builder().table("s", "a").column("d").unload(UnloadOptions.builder().format(format)
                .compression(compression).header(format != FileFormat.PARQUET)
                .location(ArchiveLocation.s3("s3://bucket/a")).build()).build();
        return CatalogTable.of("archive", "s_a", rule, SCHEMA);
    }

    static List<CatalogPartition> partitions(int generations) {
        List<CatalogPartition> out = new ArrayList<>();
        for (int g = 1; g <= generations; g++) {
            out.add(new CatalogPartition(List.of("2020-06-10", Integer.toString(g)),
                    "s3://bucket/a/rslc_slice=2020-06-10/rslc_gen=" + g + "/"));
        }
        return out;
    }

    @Test
    void firstSyncCreatesTheDatabaseTheTableAndEveryPartition() {
        Result r = catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(130));

        assertThat(r).isEqualTo(new Result(true, TableChange.CREATED, 130, 0, 0, 0));
        ObjectNode t = glue.table("archive", "s_a");
        assertThat(t.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
        assertThat(t.path("Parameters").path("EXTERNAL").asText()).isEqualTo("TRUE");
        assertThat(t.path("Parameters").path("rslc.source").asText()).isEqualTo("s.a");
        assertThat(t.path("Parameters").path("classification").asText()).isEqualTo("parquet");
        assertThat(t.path("PartitionKeys").toString())
                .isEqualTo("[{\"Name\":\"rslc_slice\",\"Type\":\"string\"},{\"Name\":\"rslc_gen\",\"Type\":\"int\"}]");
        var sd = t.path("StorageDescriptor");
        assertThat(sd.path("Location").asText()).isEqualTo("s3://bucket/a/");
        assertThat(sd.path("Columns").toString()).isEqualTo("[{\"Name\":\"id\",\"Type\":\"bigint\"},"
                + "{\"Name\":\"d\",\"Type\":\"date\"},{\"Name\":\"amt\",\"Type\":\"decimal(12,2)\"}]");
        assertThat(sd.path("SerdeInfo").path("SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        // 130 partitions need two BatchCreatePartition calls (Glue takes 100 at most)
        assertThat(glue.calls("BatchCreatePartition")).isEqualTo(2);
        Map<List<String>, ObjectNode> stored = glue.partitions("archive", "s_a");
        assertThat(stored).hasSize(130);
        ObjectNode p7 = stored.get(List.of("2020-06-10", "7"));
        assertThat(p7.path("StorageDescriptor").path("Location").asText())
                .isEqualTo("s3://bucket/a/rslc_slice=2020-06-10/rslc_gen=7/");
        assertThat(p7.path("StorageDescriptor").path("Columns")).isEqualTo(sd.path("Columns"));
    }

    @Test
    void syncingAgainChangesNothing() {
        catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(30));
        int creates = glue.calls("BatchCreatePartition");

        Result again = catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(30));

        assertThat(again).isEqualTo(new Result(false, TableChange.UNCHANGED, 0, 0, 0, 30));
        assertThat(glue.calls("UpdateTable")).isZero();
        assertThat(glue.calls("BatchCreatePartition")).isEqualTo(creates);
        assertThat(glue.calls("BatchUpdatePartition") + glue.calls("BatchDeletePartition")).isZero();
        assertThat(glue.calls("GetPartitions")).isEqualTo(5); // 30 partitions in pages of 7: every page read
    }

    @Test
    void onlyMissingPartitionsAreAddedAndUnjournaledOnesRemoved() {
        catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(60));
        List<CatalogPartition> now = new ArrayList<>(partitions(60).subList(30, 60)); // 1-30 no longer journaled
        now.add(new CatalogPartition(List.of("2020-06-11", "1"), "s3://bucket/a/rslc_slice=2020-06-11/rslc_gen=1/"));

        Result r = catalog.sync(table(FileFormat.PARQUET, Compression.NONE), now);

        assertThat(r).isEqualTo(new Result(false, TableChange.UNCHANGED, 1, 0, 30, 30));
        assertThat(glue.calls("BatchDeletePartition")).isEqualTo(2); // 30 removals: 25 per call at most
        assertThat(GlueStandIn.locations(glue.partitions("archive", "s_a")))
                .containsOnlyKeys(now.stream().map(CatalogPartition::values).toList())
                .containsEntry(List.of("2020-06-11", "1"), "s3://bucket/a/rslc_slice=2020-06-11/rslc_gen=1/");
    }

    @Test
    void aChangedFormatUpdatesTheTableAndEveryPartitionAndKeepsTheUsersProperties() {
        catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(3));
        glue.table("archive", "s_a").with("Parameters").put("projection.enabled", "false");

        Result r = catalog.sync(table(FileFormat.CSV, Compression.GZIP), partitions(3));

        assertThat(r).isEqualTo(new Result(false, TableChange.UPDATED, 0, 3, 0, 0));
        ObjectNode t = glue.table("archive", "s_a");
        assertThat(t.path("Parameters").path("projection.enabled").asText()).isEqualTo("false");
        assertThat(t.path("Parameters").path("classification").asText()).isEqualTo("csv");
        assertThat(t.path("Parameters").path("compressionType").asText()).isEqualTo("gzip");
        assertThat(t.path("Parameters").path("skip.header.line.count").asText()).isEqualTo("1");
        assertThat(t.path("StorageDescriptor").path("Compressed").asBoolean()).isTrue();
        assertThat(glue.partitions("archive", "s_a").get(List.of("2020-06-10", "2")).path("StorageDescriptor")
                .path("SerdeInfo").path("SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");

        // and back: the header and compression properties rslc set before are gone, the user's stays
        catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(3));
        assertThat(glue.table("archive", "s_a").path("Parameters").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("EXTERNAL", "classification", "rslc.source", "projection.enabled");
    }

    @Test
    void aTableRslcDidNotRegisterIsNeverTouched() throws IOException {
        ObjectNode foreign = (ObjectNode) new ObjectMapper().readTree("{\"Name\": \"s_a\", \"Parameters\": "
                + "{\"classification\": \"json\"}, \"StorageDescriptor\": {\"Location\": \"s3://other/\"}}");
        glue.putTable("archive", foreign);

        assertThatThrownBy(() -> catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(2)))
                .isInstanceOf(RslcException.class)
                .hasMessage("Glue table archive.s_a exists and is not the archive of s.a (it was not registered by "
                        + "rslc catalog): choose another --table-prefix, or drop it")
                .extracting(e -> ((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.USAGE);
        assertThat(glue.table("archive", "s_a").path("StorageDescriptor").path("Location").asText())
                .isEqualTo("s3://other/");
        assertThat(glue.calls("UpdateTable") + glue.calls("BatchCreatePartition")).isZero();
    }

    @Test
    void glueRefusalsAreOneLineAwsErrors() {
        glue.deny("CreateTable");
        assertThatThrownBy(() -> catalog.sync(table(FileFormat.PARQUET, Compression.NONE), partitions(1)))
                .isInstanceOf(RslcException.class)
                .hasMessageStartingWith("cannot register the archive of s.a as Glue table archive.s_a: "
                        + "AccessDeniedException: User: arn:aws:iam::123456789012:user/test is not authorized to "
                        + "perform: glue:CreateTable")
                .extracting(e -> ((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.AWS);
        assertThat(glue.calls("CreateTable")).isEqualTo(1); // a refusal is not retried
    }
}
