package io.rslc.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.DelimitedParser;
import io.rslc.internal.archive.format.DelimitedRecords;
import java.io.IOException;
import java.io.StringReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link RowCounter} counts what {@link DelimitedParser} (and so restore) reads back: records, not lines, for
 * generated files full of quotes, delimiters, backslashes and line breaks inside fields.
 */
class RowCounterProperties {

    @Provide
    Arbitrary<String> delimited() {
        return Arbitraries.of("a", "b", ",", "|", "\"", "\n", "\\", " ", "x\"y", "\"\"", "é").list().ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 400)
    void csvRecordsAreWhatTheParserReads(@ForAll("csvFile") String file) throws IOException {
        UnloadOptions o = UnloadOptions.builder().format(FileFormat.CSV).build();
        int parsed = new DelimitedParser(o).parse(file).size();
        assertThat(RowCounter.csvRecords(new StringReader(file), ',')).isEqualTo(parsed);
    }

    @Property(tries = 400)
    void escapedQuotedTextRecordsAreWhatTheParserReads(@ForAll("textFile") String file) throws IOException {
        UnloadOptions o = UnloadOptions.builder().format(FileFormat.TEXT).addQuotes(true).escape(true).build();
        int parsed = new DelimitedParser(o).parse(file).size();
        assertThat(RowCounter.textRecords(new StringReader(file), '|', true, true)).isEqualTo(parsed);
    }

    @Property(tries = 300)
    void streamedCsvRecordsAreTheParsersRows(@ForAll("csvFile") String file) throws IOException {
        UnloadOptions o = UnloadOptions.builder().format(FileFormat.CSV).build();
        assertThat(streamed(file, o)).isEqualTo(new DelimitedParser(o).parse(file));
    }

    @Property(tries = 300)
    void streamedTextRecordsAreTheParsersRows(@ForAll("textFile") String file) throws IOException {
        UnloadOptions o = UnloadOptions.builder().format(FileFormat.TEXT).addQuotes(true).escape(true).build();
        assertThat(streamed(file, o)).isEqualTo(new DelimitedParser(o).parse(file));
    }

    private static java.util.List<java.util.List<String>> streamed(String file, UnloadOptions o) throws IOException {
        DelimitedRecords records = new DelimitedRecords(new StringReader(file), o);
        java.util.List<java.util.List<String>> out = new java.util.ArrayList<>();
        for (java.util.List<String> r = records.next(); r != null; r = records.next()) {
            out.add(r);
        }
        return out;
    }

    /** Well-formed CSV: fields quoted when they need it, quotes doubled, records ending in a newline. */
    @Provide
    Arbitrary<String> csvFile() {
        Arbitrary<String> field = delimited().map(v -> v.matches("[^,\"\\n]*") && !v.startsWith("\"") ? v
                : "\"" + v.replace("\"", "\"\"") + "\"");
        return field.list().ofMinSize(1).ofMaxSize(4).map(f -> String.join(",", f)).list().ofMaxSize(6)
                .map(records -> records.isEmpty() ? "" : String.join("\n", records) + "\n");
    }

    /** Text as the encoder writes it with ADDQUOTES and ESCAPE: every field quoted, specials escaped. */
    @Provide
    Arbitrary<String> textFile() {
        Arbitrary<String> field = delimited().map(v -> "\"" + v.replaceAll("([\\\\|\\n\"'])", "\\\\$1") + "\"");
        return field.list().ofMinSize(1).ofMaxSize(4).map(f -> String.join("|", f)).list().ofMaxSize(6)
                .map(records -> records.isEmpty() ? "" : String.join("\n", records) + "\n");
    }

    @Test
    void aLastRecordWithoutItsNewlineStillCountsAndAnOpenQuoteIsAnError() throws IOException {
        assertThat(RowCounter.csvRecords(new StringReader("a,b\nc,\"d\ne\""), ',')).isEqualTo(2);
        assertThat(RowCounter.textRecords(new StringReader("a|b\\\nc\nd"), '|', false, true)).isEqualTo(2);
        assertThatThrownBy(() -> RowCounter.csvRecords(new StringReader("a,\"b\n"), ','))
                .isInstanceOf(IOException.class).hasMessageContaining("unterminated");
    }
}
