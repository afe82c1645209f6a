package io.rslc.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRuleStoreTest {

    @TempDir
    Path dir;

    @Test
    void checkpointCompareAndSetChangesOnlyThatField() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.copy(Path.of("../sample/test_configuration.csv"), file);
        byte[] before = Files.readAllBytes(file);
        CsvRuleStore store = CsvRuleStore.of(file);
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
