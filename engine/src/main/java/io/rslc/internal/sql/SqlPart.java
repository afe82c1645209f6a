package io.rslc.internal.sql;

import java.util.Objects;

/**
 * A piece of SQL text that is safe to put into a template: an identifier quoted by jOOQ, a literal escaped by
 * jOOQ, or the output of another template. There is no way to make one from unchecked text, which is what keeps
 * configuration values out of the SQL grammar.
 */
public final class SqlPart {

    private final String sql;

    private SqlPart(String sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    /** Only {@link SqlDialect} and {@link SqlTemplate} make parts, from jOOQ output or template text. */
    static SqlPart rendered(String sql) {
        return new SqlPart(sql);
    }

    /** The SQL text. */
    public String sql() {
        return sql;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlPart p && p.sql.equals(sql);
    }

    @Override
    public int hashCode() {
        return sql.hashCode();
    }

    @Override
    public String toString() {
        return sql;
    }
}
