package io.rslc.internal.aws.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.Field;

/** The Data API's typed fields read through JDBC getters ({@link DataApiResultSet}, {@link JdbcSubset}). */
class DataApiResultSetTest {

    static ResultSet of(List<List<Field>> rows) {
        return DataApiResultSet.of(new DataApiSession.Rows(List.of(
                ColumnMetadata.builder().name("a").typeName("int8").build(),
                ColumnMetadata.builder().name("b").label("bee").typeName("date").build()), rows));
    }

    @Test
    void typedFieldsReadAsTheJdbcGettersPromise() throws SQLException {
        ResultSet rs = of(List.of(List.of(
                Field.builder().longValue(123L).build(),
                Field.builder().stringValue("2020-03-21").build(),
                Field.builder().stringValue("2020-03-21 10:15:30.25").build(),
                Field.builder().stringValue("2020-03-21 10:15:30+02").build(),
                Field.builder().stringValue("12345678901.50").build(),
                Field.builder().doubleValue(47.4).build(),
                Field.builder().booleanValue(true).build(),
                Field.builder().isNull(true).build())));

        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(123L);
        assertThat(rs.getInt(1)).isEqualTo(123);
        assertThat(rs.getString(1)).isEqualTo("123");
        assertThat(rs.getDate(2)).isEqualTo(Date.valueOf(LocalDate.of(2020, 3, 21)));
        assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2020, 3, 21));
        assertThat(rs.getTimestamp(3)).isEqualTo(Timestamp.valueOf(LocalDateTime.of(2020, 3, 21, 10, 15, 30,
                250_000_000)));
        assertThat(rs.getTimestamp(4).toInstant()).isEqualTo(Instant.parse("2020-03-21T08:15:30Z"));
        assertThat(rs.getBigDecimal(5)).isEqualByComparingTo(new BigDecimal("12345678901.50"));
        assertThat(rs.getDouble(6)).isEqualTo(47.4);
        assertThat(rs.getBoolean(7)).isTrue();
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.getLong(8)).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getString(8)).isNull();
        assertThat(rs.next()).isFalse();
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("bee");
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("a");
    }

    @Test
    void whatRslcDoesNotCallFailsLoudlyNamingIt() throws SQLException {
        ResultSet rs = of(List.of(List.of(Field.builder().longValue(1L).build())));
        rs.next();

        assertThatThrownBy(() -> rs.getArray(1)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("ResultSet.getArray is not supported over the Redshift Data API (rslc implements only "
                        + "what it calls)");
        assertThatThrownBy(() -> rs.getLong(2)).isInstanceOf(SQLException.class).hasMessage("no column 2 (the row has 1)");
        assertThatThrownBy(() -> of(List.of(List.of(Field.builder().stringValue("x").build()))).getLong(1))
                .isInstanceOf(SQLException.class).hasMessage("no current row");
    }
}
