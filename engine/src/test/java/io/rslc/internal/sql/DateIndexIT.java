package io.rslc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Rule;
import io.rslc.api.UnloadOptions;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@link PostgresSql#dateIndex}: names are quoted and escaped, matched exactly, in the rule's own schema. */
class DateIndexIT {

    boolean indexed(Connection c, String schema, String table, String column) throws Exception {
        Rule rule = Rule.builder().table(schema, table).column(column).retention(10)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(Path.of("/tmp/x"))).build()).build();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(new PostgresSql().dateIndex(rule))) {
            assertThat(rs.next()).isTrue();
            return rs.getBoolean(1);
        }
    }

    @Test
    void oddNamesAreQuotedAndEscaped() throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.newDatabase()); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA \"My \"\"Odd'\\ Schema\"");
            st.execute("CREATE TABLE \"My \"\"Odd'\\ Schema\".\"T'a.b\"\"le\" (id int, \"Day's \"\"Col\" date, d date)");
            st.execute("CREATE TABLE public.\"T'a.b\"\"le\" (id int, \"Day's \"\"Col\" date)");
            st.execute("CREATE INDEX ON public.\"T'a.b\"\"le\" (\"Day's \"\"Col\")");
            assertThat(indexed(c, "My \"Odd'\\ Schema", "T'a.b\"le", "Day's \"Col"))
                    .as("only the public twin is indexed").isFalse();
            st.execute("CREATE INDEX ON \"My \"\"Odd'\\ Schema\".\"T'a.b\"\"le\" (\"Day's \"\"Col\" DESC, id)");
            assertThat(indexed(c, "My \"Odd'\\ Schema", "T'a.b\"le", "Day's \"Col")).isTrue();
            assertThat(indexed(c, "My \"Odd'\\ Schema", "T'a.b\"le", "d")).isFalse();
            assertThat(indexed(c, "My \"Odd'\\ Schema", "T'a.b\"le", "day's \"col")).isFalse();
        }
    }
}
