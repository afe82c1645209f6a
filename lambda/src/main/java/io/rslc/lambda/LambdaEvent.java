package io.rslc.lambda;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one invocation asks for, read from its JSON event: {@code {"action": "run", "only": ["s.t"], "as_of":
 * "2024-01-31", "budget_seconds": 600}} or {@code {"action": "load", "bucket": "b", "key": "config.csv"}}. The
 * original's Glue argument names are accepted too ({@code --as_of} style keys with or without the dashes). A
 * missing action means {@code run}, so a bare schedule event ({@code {}}) runs everything. The parser takes
 * exactly JSON (RFC 8259) objects of strings, numbers, booleans, null and arrays of them; anything else is a
 * clear error rather than a guess.
 *
 * @param action        {@code run} or {@code load}
 * @param only          tables to run ({@code schema.table}); empty: all
 * @param asOf          the day cutoffs are computed from ({@code YYYY-MM-DD}), or null for today
 * @param budgetSeconds at most this long for the run, or null: the invocation's remaining time decides
 * @param bucket        load: the bucket of the configuration CSV
 * @param key           load: its key
 */
record LambdaEvent(String action, List<String> only, String asOf, Double budgetSeconds, String bucket, String key) {

    static LambdaEvent parse(String json) {
        Object parsed = new Parser(json).document();
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("the event must be a JSON object");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k).replaceFirst("^--", "").replace('-', '_'), v));
        String action = text(m, "action");
        List<String> only = new ArrayList<>();
        Object o = m.get("only");
        if (o instanceof List<?> list) {
            list.forEach(x -> only.add(String.valueOf(x)));
        } else if (o instanceof String s && !s.isBlank()) {
            for (String part : s.split(",")) {
                only.add(part.trim());
            }
        } else if (o != null) {
            throw new IllegalArgumentException("event field 'only' must be a list of schema.table names");
        }
        Object budget = m.get("budget_seconds");
        if (budget != null && !(budget instanceof BigDecimal)) {
            throw new IllegalArgumentException("event field 'budget_seconds' must be a number");
        }
        return new LambdaEvent(action == null ? "run" : action, List.copyOf(only), text(m, "as_of"),
                budget == null ? null : ((BigDecimal) budget).doubleValue(), text(m, "bucket"), text(m, "key"));
    }

    private static String text(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("event field '" + name + "' must be a string");
        }
        return s;
    }

    /** A recursive-descent JSON reader: objects as maps, arrays as lists, numbers as BigDecimal. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw error("unexpected text after the JSON value");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            space();
            if (peek('}')) {
                i++;
                return m;
            }
            while (true) {
                space();
                if (!peek('"')) {
                    throw error("expected a member name");
                }
                String name = string();
                space();
                expect(':');
                m.put(name, value());
                space();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            space();
            if (peek(']')) {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private BigDecimal number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (!n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
                throw error("not a JSON value");
            }
            return new BigDecimal(n);
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("the event is not valid JSON: " + what + " at offset " + i);
        }
    }
}
