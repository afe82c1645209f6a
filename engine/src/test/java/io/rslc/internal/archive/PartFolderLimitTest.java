package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.internal.archive.format.PartFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partition column with a value per row is refused past {@link PartFileSet#MAX_FOLDERS_PER_SLICE} folders in one
 * slice (issue 16: one file per row ran 174 s in silence); the count is per slice, so a batch of many slices with a
 * few folders each is fine.
 */
class PartFolderLimitTest {

    /** Files that count rows and write nothing. */
    static final class CountingFile implements PartFile<String> {
        long rows;

        @Override
        public void write(String row) {
            rows++;
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public long bytes() {
            return rows;
        }

        @Override
        public long finish() {
            return rows;
        }

        @Override
        public void abort() {
        }
    }

    @Test
    void aSliceWithAFolderPerRowIsRefusedPastTheLimit() throws Exception {
        List<String> opened = new ArrayList<>();
        PartFileSet<String> set = new PartFileSet<>("rslc_slice=2020-03-21/rslc_gen=1/", ".csv", Long.MAX_VALUE, 4,
                key -> {
                    opened.add(key);
                    return new CountingFile();
                });
        for (int i = 0; i < PartFileSet.MAX_FOLDERS_PER_SLICE; i++) {
            set.write("id=" + i + "/", "row");
        }
        assertThatThrownBy(() -> set.write("id=overflow/", "row")).isInstanceOf(RslcException.class)
                .hasMessageContaining("partition_column id would write more than 10000 folders")
                .hasMessageContaining("nothing was deleted");
        assertThat(opened).hasSize(PartFileSet.MAX_FOLDERS_PER_SLICE);
    }

    @Test
    void theLimitCountsFoldersPerSliceNotPerBatch() throws Exception {
        List<String> opened = new ArrayList<>();
        PartFileSet<String> set = new PartFileSet<>("", ".csv", Long.MAX_VALUE, 4, key -> {
            opened.add(key);
            return new CountingFile();
        });
        int slices = PartFileSet.MAX_FOLDERS_PER_SLICE / 24 + 10;
        for (int s = 0; s < slices; s++) {
            for (int h = 0; h < 24; h++) {
                set.write("rslc_slice=" + s + "/rslc_gen=1/hour=" + h + "/", "row");
            }
        }
        assertThat(opened).as("every folder of the batch opened, past the per-slice limit in total, none refused")
                .hasSize(slices * 24).hasSizeGreaterThan(PartFileSet.MAX_FOLDERS_PER_SLICE);
    }
}
