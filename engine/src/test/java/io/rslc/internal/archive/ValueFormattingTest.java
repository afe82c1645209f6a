package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.archive.HivePartition;
import io.rslc.internal.archive.Manifest;
import io.rslc.internal.archive.format.ColumnType;
import io.rslc.internal.archive.format.ParquetSchema;
import io.rslc.internal.archive.format.ValueText;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Value spelling, Hive folder escaping, type mapping and JSON strings, checked value by value. */
class ValueFormattingTest {

    @Test
    void timestampsShowTheFractionOnlyAsFarAsNeeded() {
        LocalDateTime t = LocalDateTime.of(2020, 3, 21, 10, 0);
        assertThat(ValueText.text(t)).isEqualTo("2020-03-21 10:00:00");
        assertThat(ValueText.text(t.withNano(500_000_000))).isEqualTo("2020-03-21 10:00:00.5");
        assertThat(ValueText.text(t.withNano(123_456_000))).isEqualTo("2020-03-21 10:00:00.123456");
        assertThat(ValueText.text(t.withNano(10_000))).isEqualTo("2020-03-21 10:00:00.00001");
        assertThat(ValueText.text(OffsetDateTime.of(t, ZoneOffset.ofHours(-5)))).isEqualTo("2020-03-21 15:00:00+00");
        assertThat(ValueText.text(LocalDate.of(7, 1, 2))).isEqualTo("0007-01-02");
    }

    @Test
    void numbersAreShortestAndPlainWhereReasonable() {
        assertThat(ValueText.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ValueText.text(new BigDecimal("0.00"))).isEqualTo("0.00");
        assertThat(ValueText.text(123.456)).isEqualTo("123.456");
        assertThat(ValueText.text(1e20)).isEqualTo("100000000000000000000");
        assertThat(ValueText.text(1e21)).isEqualTo("1e+21");
        assertThat(ValueText.text(-1.25e-7)).isEqualTo("-1.25e-07");
        assertThat(ValueText.text(1e-6)).isEqualTo("0.000001");
        assertThat(ValueText.text(100.0)).isEqualTo("100");
        assertThat(ValueText.text(-0.0)).isEqualTo("-0");
        assertThat(ValueText.text(Double.NaN)).isEqualTo("NaN");
        assertThat(ValueText.text(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(ValueText.text(0.1f)).isEqualTo("0.1");
        assertThat(ValueText.text(1f / 3)).isEqualTo("0.33333334");
        assertThat(ValueText.text(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
    }

    @Test
    void booleansAreTAndFInFilesButTrueAndFalseInFolders() {
        assertThat(ValueText.text(true)).isEqualTo("t");
        assertThat(ValueText.text(false)).isEqualTo("f");
        assertThat(HivePartition.folder("flag", true)).isEqualTo("flag=true/");
    }

    @Test
    void partitionFoldersEscapeLikeHive() {
        assertThat(HivePartition.folder("t", "a/b=c%d:e")).isEqualTo("t=a%2Fb%3Dc%25d%3Ae/");
        assertThat(HivePartition.folder("t", "line\nbreak #1 ünï")).isEqualTo("t=line%0Abreak %231 ünï/");
        assertThat(HivePartition.folder("t", "")).isEqualTo("t=__HIVE_DEFAULT_PARTITION__/");
        assertThat(HivePartition.folder("t", null)).isEqualTo("t=__HIVE_DEFAULT_PARTITION__/");
        assertThat(HivePartition.folder("a=b", LocalDate.of(2020, 3, 21))).isEqualTo("a%3Db=2020-03-21/");
        assertThat(HivePartition.folder("ts", LocalDateTime.of(2020, 3, 21, 10, 0)))
                .isEqualTo("ts=2020-03-21 10%3A00%3A00/");
    }

    @Test
    void jdbcTypesMapByCodeAndDriverTypeName() {
        assertThat(ColumnType.of(Types.TIMESTAMP, "timestamptz", "java.sql.Timestamp")).isEqualTo(ColumnType.TIMESTAMPTZ);
        assertThat(ColumnType.of(Types.TIMESTAMP, "timestamp", "java.sql.Timestamp")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ColumnType.of(Types.BIT, "bool", "java.lang.Boolean")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(ColumnType.of(Types.BIT, "bit", "java.lang.Boolean")).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of(Types.FLOAT, "FLOAT", "java.lang.Float")).isEqualTo(ColumnType.REAL);
        assertThat(ColumnType.of(Types.DOUBLE, "float8", "java.lang.Double")).isEqualTo(ColumnType.DOUBLE);
        assertThat(ColumnType.of(Types.NUMERIC, "numeric", "java.math.BigDecimal")).isEqualTo(ColumnType.DECIMAL);
        assertThat(ColumnType.of(Types.TINYINT, "TINYINT", null)).isEqualTo(ColumnType.SMALLINT);
        assertThat(ColumnType.of(Types.OTHER, "uuid", "java.util.UUID")).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of(Types.TIME, "time", "java.sql.Time")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void wideDecimalsGetTheFewestBytesThatHoldThem() {
        assertThat(ParquetSchema.decimalBytes(9)).isEqualTo(4);
        assertThat(ParquetSchema.decimalBytes(18)).isEqualTo(8);
        assertThat(ParquetSchema.decimalBytes(19)).isEqualTo(9);
        assertThat(ParquetSchema.decimalBytes(38)).isEqualTo(16);
    }

    @Test
    void manifestStringsAreEscapedJson() {
        StringBuilder sb = new StringBuilder();
        Manifest.string("a\"b\\c\nd\u0001é\u2028", sb);
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\nd\\u0001é\\u2028\"");
    }
}
