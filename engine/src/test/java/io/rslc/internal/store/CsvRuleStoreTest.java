package io.rslc.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRuleStoreTest {

    static final String HEADER = String.join(",", io.rslc.internal.config.RuleFields.ORIGINAL);

    @TempDir
    Path dir;

    @Test
    void checkpointCompareAndSetChangesOnlyThatField() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.copy(Path.of("../sample/test_configuration.csv"), file);
        byte[] before = Files.readAllBytes(file);
        CsvRuleStore store = CsvRuleStore.withCheckpoints(file);
        TableName t2 = new TableName("test", "ret_test_2");

        assertThat(store.compareAndSetCheckpoint(t2, LocalDate.of(2000, 1, 1), LocalDate.of(2020, 3, 21))).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        assertThat(store.compareAndSetCheckpoint(t2, null, LocalDate.of(2020, 3, 21))).isTrue();
        String after = Files.readString(file);
        assertThat(after).isEqualTo(new String(before, "UTF-8").replace(
                "ret_test_2,PARQUET,load_date,,,,,,,1 gb,,,10,2,",
                "ret_test_2,PARQUET,load_date,,,,,,,1 gb,,,10,2,2020-03-21"));
        assertThat(store.load().rules().get(1).checkpoint()).isEqualTo(LocalDate.of(2020, 3, 21));

        assertThat(store.compareAndSetCheckpoint(t2, null, LocalDate.of(2020, 3, 22))).isFalse();
        assertThat(store.compareAndSetCheckpoint(t2, LocalDate.of(2020, 3, 21), LocalDate.of(2020, 3, 22))).isTrue();
        assertThat(store.compareAndSetCheckpoint(new TableName("test", "missing"), null, LocalDate.now())).isFalse();
    }

    /** Issue 16: a configuration kept in git is never modified by a run unless asked. */
    @Test
    void byDefaultTheFileIsNeverWritten() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, HEADER + "\ns,t,d,daily,5,s3://bucket/t,,,,,,,,,,,,10,2,\n");
        byte[] before = Files.readAllBytes(file);
        CsvRuleStore store = CsvRuleStore.of(file);
        assertThat(store.storesCheckpoints()).isFalse();
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "t"), null, LocalDate.of(2020, 3, 21))).isTrue();
        store.checkWritable();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no lock, no temporary file
        }
    }

    /** When asked, every byte but the checkpoint's stays: no BOM added, CRLF, quotes and the last newline kept. */
    @Test
    void writtenCheckpointsKeepEveryOtherByte() throws Exception {
        Path file = dir.resolve("c.csv");
        String original = HEADER + "\r\n"
                + "\"s\",t,d,daily,5,\"s3://bucket/a,b\",,,,,,,,,,,,10,2,\"2020-01-01\"\r\n"
                + "s,u,d,daily,5,s3://bucket/u,,,,,,,,,,,,10,2,\r\n";
        Files.writeString(file, original);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        CsvRuleStore store = CsvRuleStore.withCheckpoints(file);
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "t"), LocalDate.of(2020, 1, 1),
                LocalDate.of(2020, 3, 21))).isTrue();
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "u"), null, LocalDate.of(2020, 3, 22))).isTrue();
        assertThat(Files.readString(file)).isEqualTo(original
                .replace("\"2020-01-01\"", "2020-03-21")
                .replace("s3://bucket/u,,,,,,,,,,,,10,2,\r\n",
                        "s3://bucket/u,,,,,,,,,,,,10,2,2020-03-22\r\n"));
        assertThat(Files.readAllBytes(file)[0]).isEqualTo((byte) 's');
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void aReadOnlyFileOrOneWithoutACheckpointColumnIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, HEADER + "\ns,t,d,daily,5,s3://bucket/t,,,,,,,,,,,,10,2,");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        CsvRuleStore store = CsvRuleStore.withCheckpoints(file);
        assertThatThrownBy(store::checkWritable).isInstanceOf(RslcException.class)
                .hasMessage("cannot write checkpoints to " + file + ": the file is read-only; make it writable or run "
                        + "without --write-checkpoints (the journal keeps the progress)");
        assertThatThrownBy(() -> store.compareAndSetCheckpoint(new TableName("s", "t"), null, LocalDate.now()))
                .hasMessageContaining("the file is read-only");
        assertThat(Files.readString(file)).endsWith(",10,2,");

        Path noColumn = dir.resolve("n.csv");
        Files.writeString(noColumn, HEADER.replace(",checkpoint", "") + "\ns,t,d,daily,5,s3://bucket/t,,,,,,,,,,,,10,2");
        assertThatThrownBy(CsvRuleStore.withCheckpoints(noColumn)::checkWritable)
                .hasMessageContaining("its header has no checkpoint column");
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThatThrownBy(() -> CsvRuleStore.of(dir.resolve("nope.csv")).load())
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("config file not found")
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.USAGE));
    }

    @Test
    void unknownSchemesAreRejected() {
        assertThatThrownBy(() -> RuleStores.open("ftp://x/y.csv")).hasMessageContaining("unsupported config source");
    }
}
