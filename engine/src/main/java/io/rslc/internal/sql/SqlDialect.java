package io.rslc.internal.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.conf.BackslashEscaping;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * The warehouses rslc renders SQL for, and how each quotes identifiers and escapes literals. Quoting is done by
 * jOOQ (open-source edition, {@code POSTGRES} dialect; it has no Redshift dialect): identifiers are always
 * double-quoted with {@code "} doubled; literals are single-quoted with {@code '} doubled, and for Redshift,
 * whose string literals treat {@code \} as an escape, backslashes doubled too.
 */
public enum SqlDialect {
    REDSHIFT(BackslashEscaping.ON),
    POSTGRESQL(BackslashEscaping.OFF);

    static {
        // jOOQ prints a banner and "tips" on first use; rslc's output is read by people and machines.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private final DSLContext ctx;

    SqlDialect(BackslashEscaping backslashes) {
        Settings settings = new Settings()
                .withStatementType(StatementType.STATIC_STATEMENT)
                .withParamType(ParamType.INLINED)
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderKeywordCase(RenderKeywordCase.UPPER)
                .withBackslashEscaping(backslashes)
                .withRenderFormatted(false);
        this.ctx = DSL.using(org.jooq.SQLDialect.POSTGRES, settings);
    }

    /** A quoted, possibly qualified identifier: {@code "s"."Sales ""EU"""}. */
    public SqlPart identifier(String... parts) {
        return SqlPart.rendered(ctx.render(DSL.name(parts)));
    }

    /** An escaped string literal: {@code 'O''Brien'}. */
    public SqlPart literal(String value) {
        return SqlPart.rendered(ctx.renderInlined(DSL.inline(value)));
    }

    /** A date literal: {@code DATE '2020-03-22'}. */
    public SqlPart literal(LocalDate value) {
        return SqlPart.rendered(ctx.renderInlined(DSL.inline(value)));
    }

    /** A numeric literal. */
    public SqlPart literal(BigDecimal value) {
        return SqlPart.rendered(ctx.renderInlined(DSL.inline(value)));
    }

    /** An integer literal. */
    public SqlPart literal(long value) {
        return SqlPart.rendered(ctx.renderInlined(DSL.inline(value)));
    }

    /** An SQL text (already safe) made into a string literal, e.g. the query inside UNLOAD ('...'). */
    public SqlPart literal(SqlPart sql) {
        return literal(sql.sql());
    }
}
