package io.rslc.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads template files from the classpath ({@code rslc/sql/<path>}). A file holds several templates, each
 * introduced by a {@code -- name: x} line; other {@code --} lines are comments.
 */
public final class SqlTemplates {

    private static final Map<String, Map<String, SqlTemplate>> CACHE = new ConcurrentHashMap<>();

    private SqlTemplates() {
    }

    /** The template {@code name} from file {@code rslc/sql/<file>}. */
    public static SqlTemplate get(String file, String name) {
        SqlTemplate t = CACHE.computeIfAbsent(file, SqlTemplates::load).get(name);
        if (t == null) {
            throw new IllegalArgumentException("no template '" + name + "' in rslc/sql/" + file);
        }
        return t;
    }

    private static Map<String, SqlTemplate> load(String file) {
        String resource = "rslc/sql/" + file;
        try (InputStream in = SqlTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL template file missing from the classpath: " + resource);
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, SqlTemplate> parse(String file, String content) {
        Map<String, SqlTemplate> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.startsWith("-- name:")) {
                if (current != null) {
                    out.put(current, new SqlTemplate(file + "#" + current, body.toString().strip()));
                }
                current = l.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (!l.startsWith("--") && current != null) {
                body.append(l).append('\n');
            }
        }
        if (current != null) {
            out.put(current, new SqlTemplate(file + "#" + current, body.toString().strip()));
        }
        return out;
    }
}
