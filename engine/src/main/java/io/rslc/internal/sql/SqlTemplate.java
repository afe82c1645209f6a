package io.rslc.internal.sql;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named SQL template from {@code sql-templates}, with {@code {name}} placeholders. Binding takes only
 * {@link SqlPart}s, so every value has been quoted or escaped by jOOQ before it reaches the text.
 *
 * <pre>{@code
 * -- name: delete
 * DELETE FROM {table} WHERE {predicate}
 * }</pre>
 */
public final class SqlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final String name;
    private final String text;

    SqlTemplate(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
    }

    public String name() {
        return name;
    }

    /** The template text with every placeholder replaced; a missing or unused binding is a bug and throws. */
    public SqlPart render(Map<String, SqlPart> bindings) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        int used = 0;
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            SqlPart part = bindings.get(m.group(1));
            if (part == null) {
                throw new IllegalArgumentException("template " + name + " needs {" + m.group(1) + "}");
            }
            if (seen.add(m.group(1))) {
                used++;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(part.sql()));
        }
        m.appendTail(sb);
        if (used != bindings.size()) {
            throw new IllegalArgumentException("template " + name + " does not use all of " + bindings.keySet());
        }
        return SqlPart.rendered(sb.toString());
    }

    /** The template text when it has no placeholders. */
    public SqlPart render() {
        return render(Map.of());
    }
}
