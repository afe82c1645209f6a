package com.example.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the embedding example end to end and checks what it claims: rows archived exactly once, then deleted. */
class ArchiveOldEventsTest {

    @TempDir
    Path folder;

    @Test
    void archivesTheDueRowsExactlyOnceAndDeletesThem() throws Exception {
        try (ExampleWarehouse db = ExampleWarehouse.start(folder)) {
            Path rules = db.createEventsTable(200, 50);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            RunReport report = ArchiveOldEvents.archive(db.dataSource(), rules,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            String out = printed.toString(StandardCharsets.UTF_8);

            // daily retention 90: the cutoff is today - 90 and rows before it are due, days 91..199 ago
            long due = 109 * 50;
            assertThat(report.succeeded()).as(out).isTrue();
            TableReport events = report.tables().get(0);
            assertThat(events.status()).isEqualTo(TableReport.Status.OK);
            assertThat(events.rowsArchived()).isEqualTo(due);
            assertThat(events.rowsDeleted()).isEqualTo(due);
            assertThat(out).contains("TABLE: shop.events, 5,450 row(s) due before")
                    .contains("DELETE FROM \"shop\".\"events\" WHERE \"created_on\" >= DATE '")
                    .contains("TABLE: shop.events OK: 5,450 row(s) archived, 5,450 deleted");

            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), min((now() AT TIME ZONE 'UTC')::date - created_on),"
                         + " max((now() AT TIME ZONE 'UTC')::date - created_on) FROM shop.events")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(91 * 50);
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getInt(3)).isEqualTo(90);
            }
            // the archive holds every deleted row once: read it back with DuckDB
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id), min(id % 1000), max(id % 1000) "
                         + "FROM read_parquet('" + folder.resolve("archive") + "/**/*.parquet')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(due);
                assertThat(rs.getLong(2)).isEqualTo(due);
                assertThat(rs.getInt(3)).isEqualTo(1);
                assertThat(rs.getInt(4)).isEqualTo(50);
            }

            // run again: nothing is due any more
            RunReport again = ArchiveOldEvents.archive(db.dataSource(), rules,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(again.succeeded()).isTrue();
            assertThat(again.rowsDeleted()).isZero();
        }
    }

    @Test
    void usesOnlyThePublicApi() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
        for (Path p : sources) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("import io.rslc.") || line.startsWith("import static io.rslc.")) {
                    assertThat(line).as(p.toString())
                            .matches("import (static )?io\\.rslc\\.(Rslc|api\\.[A-Za-z.]+|spi\\.[A-Za-z.]+);");
                }
            }
        }
    }

    @Test
    void readmeLibrarySnippetIsThisCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/com/example/lifecycle/ArchiveOldEvents.java"));
        Matcher m = Pattern.compile("// README:begin\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).isTrue();
        String snippet = m.group(1).stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + snippet + "\n```");
    }
}
