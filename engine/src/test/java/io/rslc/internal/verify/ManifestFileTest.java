package io.rslc.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.internal.archive.ManifestFile;
import org.junit.jupiter.api.Test;

/** Manifests read back: Redshift's MANIFEST VERBOSE as the UNLOAD reference documents it, and broken ones. */
class ManifestFileTest {

    @Test
    void readsARedshiftVerboseManifest() {
        ManifestFile m = ManifestFile.parse("""
                {
                  "entries": [
                    {"url":"s3://b/t/rslc_slice=2020-03-21/rslc_gen=1/0000_part_00.parquet", "meta": { "content_length": 1073741824, "record_count": 8399906 }},
                    {"url":"s3://b/t/rslc_slice=2020-03-21/rslc_gen=1/0001_part_00.parquet", "meta": { "content_length": 25, "record_count": 1 }}
                  ],
                  "schema": {
                    "elements": [
                      {"name": "venueid", "type": { "base": "integer" } },
                      {"name": "venuename", "type": { "base": "character varying", "max_length": 100 } },
                      {"name": "price", "type": { "base": "numeric", "precision": 8, "scale": 2 } }
                    ]
                  },
                  "meta": { "content_length": 1073741849, "record_count": 8399907 },
                  "author": { "name": "Amazon Redshift", "version": "1.0.0" }
                }
                """);
        assertThat(m.entries()).hasSize(2);
        assertThat(m.entries().get(0).recordCount()).isEqualTo(8399906);
        assertThat(m.entries().get(0).contentLength()).isEqualTo(1073741824L);
        assertThat(m.recordCount()).isEqualTo(8399907);
        assertThat(m.columns()).extracting(ManifestFile.SchemaColumn::name).containsExactly("venueid", "venuename",
                "price");
        assertThat(m.columns().get(2).precision()).isEqualTo(8);
        assertThat(m.columns().get(0).precision()).isEqualTo(-1);
    }

    @Test
    void escapesInUrlsAreReadAndBrokenJsonIsRefused() {
        ManifestFile m = ManifestFile.parse("{\"entries\": [{\"url\": \"s3://b/a\\\"b\\u00e9\", \"meta\": {}}]}");
        assertThat(m.entries().get(0).url()).isEqualTo("s3://b/a\"bé");
        assertThat(m.entries().get(0).recordCount()).isEqualTo(-1);
        assertThat(m.recordCount()).isEqualTo(-1);
        assertThatThrownBy(() -> ManifestFile.parse("{\"entries\": [")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManifestFile.parse("{\"meta\": {}}")).hasMessageContaining("entries");
    }
}
