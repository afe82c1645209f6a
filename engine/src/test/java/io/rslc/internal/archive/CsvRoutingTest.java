package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.copy.CsvDateField;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a row PostgreSQL encoded as CSV is routed to its slice: the date column's field is found past quoted fields
 * (delimiters, doubled quotes and line breaks inside quotes), and its text must be an ISO date or timestamp of years
 * 1..9999; anything else stops the batch instead of filing a row under a wrong date.
 */
class CsvRoutingTest {

    static byte[] row(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static LocalDate route(String line, int field) {
        byte[] r = row(line);
        return CsvDateField.isoDate(r, CsvDateField.fieldStart(r, field, (byte) ','), (byte) ',');
    }

    @Test
    void dateFieldIsFoundPastQuotedFields() {
        assertThat(route("2021-03-04,1,x\n", 0)).isEqualTo(LocalDate.of(2021, 3, 4));
        assertThat(route("1,2021-03-04\n", 1)).isEqualTo(LocalDate.of(2021, 3, 4));
        assertThat(route("1,\"a,\"\"b\"\",\n2020-01-01,c\",2021-03-04,z\n", 2)).isEqualTo(LocalDate.of(2021, 3, 4));
        assertThat(route("1,,2021-03-04\r\n", 2)).isEqualTo(LocalDate.of(2021, 3, 4));
        assertThat(route("\"\",\"\"\"\",2021-03-04", 2)).isEqualTo(LocalDate.of(2021, 3, 4));
    }

    @Test
    void timestampsRouteByTheirDate() {
        assertThat(route("1,2021-12-31 23:59:59.999999,x\n", 1)).isEqualTo(LocalDate.of(2021, 12, 31));
        assertThat(route("1,2024-02-29 00:00:00+05:45\n", 1)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(route("0001-01-01 00:00:00\n", 0)).isEqualTo(LocalDate.of(1, 1, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,0044-03-15 BC,x|a BC date",
        "1,0044-03-15 12:00:00 BC|a BC date",
        "1,10000-01-01,x|not YYYY-MM-DD",
        "1,2021-13-01,x|an invalid date",
        "1,2021-02-30,x|an invalid date",
        "1,\"2021-01-01\",x|not YYYY-MM-DD",
        "1,2021-01-01x,x|not YYYY-MM-DD",
        "1,,x|not YYYY-MM-DD",
        "1|fewer than 2 fields",
    })
    void anythingElseStopsTheBatch(String line, String reason) {
        assertThatThrownBy(() -> route(line + "\n", 1)).isInstanceOf(RslcException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void theRowsDataStaysOutOfTheMessage() {
        assertThatThrownBy(() -> route("secret-customer-name,0044-03-15 BC\n", 1))
                .hasMessageNotContaining("secret").hasMessageNotContaining("0044");
    }

    @Test
    void unterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> route("\"abc,2021-01-01\n", 1)).isInstanceOf(RslcException.class)
                .hasMessageContaining("unterminated");
    }

    @Test
    void delimitersThatCouldAppearInADateAreNotRoutable() {
        for (String d : new String[] {"-", ":", " ", ".", "+", "5", "\""}) {
            UnloadOptions o = UnloadOptions.builder().format(FileFormat.CSV).delimiter(d).build();
            assertThat(ScanPolicy.routableCsv(o)).as("delimiter '%s'", d).isFalse();
        }
        for (String d : new String[] {",", "|", "\t", ";"}) {
            UnloadOptions o = UnloadOptions.builder().format(FileFormat.CSV).delimiter(d).build();
            assertThat(ScanPolicy.routableCsv(o)).as("delimiter '%s'", d).isTrue();
        }
    }
}
