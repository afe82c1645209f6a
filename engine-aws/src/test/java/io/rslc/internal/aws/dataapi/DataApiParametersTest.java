package io.rslc.internal.aws.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

/** JDBC placeholders as Data API parameters ({@link SqlParameters}). */
class DataApiParametersTest {

    @Test
    void placeholdersBecomeNamedParametersAndQuotedOrCommentedQuestionMarksStayText() throws SQLException {
        String sql = "SELECT '?', 'it''s ?', 'back\\' ?', \"col?\" -- why?\n, /* ? */ x FROM t WHERE a = ? AND b = ?";
        List<SqlParameter> named = new ArrayList<>();

        String bound = SqlParameters.bind(sql, Map.of(1, "O'Brien ?", 2, 42L), named);

        assertThat(bound).isEqualTo("SELECT '?', 'it''s ?', 'back\\' ?', \"col?\" -- why?\n, /* ? */ x FROM t "
                + "WHERE a = :p1 AND b = :p2");
        assertThat(named).extracting(SqlParameter::name, SqlParameter::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", "O'Brien ?"),
                        org.assertj.core.groups.Tuple.tuple("p2", "42"));
    }

    @Test
    void nullAndEmptyStringAreWrittenAsSqlBecauseAParameterValueNeedsOneCharacter() throws SQLException {
        Map<Integer, Object> values = new HashMap<>();
        values.put(1, null);
        values.put(2, "");
        values.put(3, Date.valueOf(LocalDate.of(2020, 3, 21)));
        values.put(4, Timestamp.valueOf(LocalDateTime.of(2020, 3, 21, 10, 15, 30)));
        values.put(5, true);
        List<SqlParameter> named = new ArrayList<>();

        String bound = SqlParameters.bind("INSERT INTO j VALUES (?, ?, ?, ?, ?)", values, named);

        assertThat(bound).isEqualTo("INSERT INTO j VALUES (NULL, '', :p3, :p4, :p5)");
        assertThat(named).extracting(SqlParameter::value).containsExactly("2020-03-21", "2020-03-21 10:15:30.0", "true");
    }

    @Test
    void aMissingOrExtraValueIsAnError() {
        assertThatThrownBy(() -> SqlParameters.bind("SELECT ?, ?", Map.of(1, "a"), new ArrayList<>()))
                .isInstanceOf(SQLException.class).hasMessage("no value set for parameter 2");
        assertThatThrownBy(() -> SqlParameters.bind("SELECT ?", Map.of(1, "a", 2, "b"), new ArrayList<>()))
                .isInstanceOf(SQLException.class).hasMessage("2 parameter value(s) set for 1 placeholder(s)");
    }
}
