package io.rslc.internal.config;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean" hints for misspelt field names. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code "; did you mean 'retention_period'?"} when a candidate is close, else {@code ""}. */
    static String didYouMean(String given, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt(c -> distance(given.toLowerCase(), c)))
                .filter(c -> distance(given.toLowerCase(), c) <= Math.max(2, c.length() / 3))
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
