package io.rslc.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps that keep the order they were written in. {@code Map.of} iterates in an order that changes from one JVM
 * to the next, and CDK writes maps (environment variables, inline policies, ASL parameters) in iteration order:
 * with {@code Map.of} the committed template would differ from a fresh synth at random.
 */
final class Ordered {

    private Ordered() {
    }

    /** An unmodifiable map of the given keys and values, in that order: {@code map("a", 1, "b", 2)}. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("duplicate key " + keysAndValues[i]);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
