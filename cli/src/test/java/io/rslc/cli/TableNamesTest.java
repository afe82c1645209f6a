package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.TableName;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** Table names and selections on the command line: plain, quoted, commas in names (docs/reliability.md bug 3). */
class TableNamesTest {

    @TempDir
    Path dir;

    private static List<TableName> selection(String value) {
        return new TableNames.SelectionConverter().convert(value).names();
    }

    private static TableName one(String value) {
        return new TableNames.OneConverter().convert(value);
    }

    @Test
    void plainListsSplitOnCommas() {
        assertThat(selection("a.b,c.d")).containsExactly(new TableName("a", "b"), new TableName("c", "d"));
        assertThat(selection("a.b, c.d")).containsExactly(new TableName("a", "b"), new TableName("c", "d"));
        assertThat(selection("s.t")).containsExactly(new TableName("s", "t"));
        assertThat(selection("s.a.b")).as("first dot splits").containsExactly(new TableName("s", "a.b"));
    }

    @Test
    void aCommaNotFollowedByANameBelongsToTheTable() {
        assertThat(selection("s.a, b")).containsExactly(new TableName("s", "a, b"));
        assertThat(selection("s.a, b,x.y")).containsExactly(new TableName("s", "a, b"), new TableName("x", "y"));
        assertThat(selection("Sch\"ema é.Sélect \"T\", from"))
                .containsExactly(new TableName("Sch\"ema é", "Sélect \"T\", from"));
    }

    @Test
    void quotedPartsHoldDotsCommasAndQuotes() {
        assertThat(selection("s.\"a,b.c\"")).containsExactly(new TableName("s", "a,b.c"));
        assertThat(selection("\"x.y\".t,s.\"a, b\"")).containsExactly(new TableName("x.y", "t"), new TableName("s", "a, b"));
        assertThat(selection("s.\"\"\"q\"\"\"")).containsExactly(new TableName("s", "\"q\""));
        assertThat(one("s.\"a,b\"")).isEqualTo(new TableName("s", "a,b"));
        assertThat(one("s.a, b")).as("one name: commas are part of it").isEqualTo(new TableName("s", "a, b"));
        assertThat(one("s.a,b.c")).isEqualTo(new TableName("s", "a,b.c"));
    }

    @Test
    void malformedNamesSayWhereAndWhy() {
        assertThatThrownBy(() -> selection("nodot")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'nodot': expected schema.table at character 6");
        assertThatThrownBy(() -> selection("s.\"open")).hasMessageContaining("unterminated quote at character 3");
        assertThatThrownBy(() -> selection("s.\"a\"x")).hasMessageContaining("expected ',' or the end");
        assertThatThrownBy(() -> selection(".t")).hasMessageContaining("empty schema");
        assertThatThrownBy(() -> selection("s.")).hasMessageContaining("empty table name");
        assertThatThrownBy(() -> selection("s.\"\"")).hasMessageContaining("empty quoted name");
        assertThatThrownBy(() -> one("s.\"a\".b")).hasMessageContaining("expected the end");
    }

    /** The plan command selects a comma-named table in every form, repeated options included. */
    @Test
    void planSelectsATableWithACommaInEveryForm() throws Exception {
        Path rules = dir.resolve("rules.csv");
        Files.writeString(rules, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,\"a, b\",d,daily,11," + dir.resolve("archive") + ",,,,,,,,,,,,10,2,\n"
                + "s,other,d,daily,11," + dir.resolve("archive2") + ",,,,,,,,,,,,20,2,\n");
        for (List<String> only : List.of(List.of("--only", "s.a, b"), List.of("--only", "s.\"a, b\""),
                List.of("--only", "s.a, b", "--only", "s.other"), List.of("--only", "s.\"a, b\",s.other"))) {
            List<String> args = new java.util.ArrayList<>(List.of("plan", "--config", rules.toString(), "--warehouse", "postgresql", "--as-of",
                    "2020-06-20"));
            args.addAll(only);
            PlanCommandTest.Result r = PlanCommandTest.rslc(args.toArray(String[]::new));
            assertThat(r.exit()).as(only + ": " + r.err()).isZero();
            assertThat(r.out()).as(only.toString()).contains("TABLE: s.a, b");
            assertThat(r.out().contains("TABLE: s.other")).as(only.toString()).isEqualTo(only.toString().contains("other"));
        }
        PlanCommandTest.Result bad = PlanCommandTest.rslc("plan", "--config", rules.toString(), "--only", "s.\"a, b");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--only").contains("unterminated quote").doesNotContain("\tat ");
    }
}
