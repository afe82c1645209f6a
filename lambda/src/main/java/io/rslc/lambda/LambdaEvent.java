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
        Object parsed = Json.parse(json);
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
}
