package io.rslc.internal.catalog;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * One column of an archive as its {@code manifest} describes it ({@code schema.elements[]} of Redshift's
 * {@code MANIFEST VERBOSE}, which rslc writes for PostgreSQL runs too). The manifest is the schema of the files as
 * they were written, which is what a reader of those files needs, whatever the table looks like today.
 *
 * @param name      the column name as written in the files
 * @param base      the type's base name ({@code bigint}, {@code numeric}, {@code character varying}, ...)
 * @param precision a numeric's precision, 0 when the manifest gives none (an unconstrained numeric)
 * @param scale     a numeric's scale
 */
public record ManifestColumn(String name, String base, int precision, int scale) {

    /**
     * The columns of a manifest.
     *
     * @param json  the manifest's text
     * @param where the manifest's address, for messages
     * @throws RslcException with code {@code ARCHIVE} when the text is not a manifest with a schema
     */
    public static List<ManifestColumn> parse(String json, String where) {
        Object root;
        try {
            root = new JSONParser().parse(json);
        } catch (ParseException | RuntimeException e) {
            throw invalid(where, "not valid JSON (" + e.getMessage() + ")");
        }
        Object elements = root instanceof Map<?, ?> m && m.get("schema") instanceof Map<?, ?> s
                ? s.get("elements") : null;
        if (!(elements instanceof List<?> list) || list.isEmpty()) {
            throw invalid(where, "no schema.elements (a manifest written with MANIFEST VERBOSE lists the columns)");
        }
        List<ManifestColumn> columns = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!(e instanceof Map<?, ?> element) || !(element.get("name") instanceof String name)
                    || !(element.get("type") instanceof Map<?, ?> type) || !(type.get("base") instanceof String base)) {
                throw invalid(where, "a schema element without a name and type.base: " + e);
            }
            columns.add(new ManifestColumn(name, base, number(type.get("precision")), number(type.get("scale"))));
        }
        return List.copyOf(columns);
    }

    private static int number(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static RslcException invalid(String where, String why) {
        return new RslcException(ErrorCode.ARCHIVE, "cannot read the columns of " + where + ": " + why);
    }
}
