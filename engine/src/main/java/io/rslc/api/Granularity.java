package io.rslc.api;

import java.util.Locale;
import java.util.Optional;

/**
 * How a rule looks back: in days or in calendar months. It also sets the size of a {@code Slice}.
 */
public enum Granularity {
    /** Retention in days; slices are single days. */
    DAILY("daily"),
    /** Retention in calendar months; slices are calendar months. */
    MONTHLY("monthly");

    private final String configValue;

    Granularity(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in the original's configuration ({@code daily}, {@code monthly}). */
    public String configValue() {
        return configValue;
    }

    /** Parses {@code daily}/{@code Daily}/{@code DAILY} and the same for monthly; empty if unknown. */
    public static Optional<Granularity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Granularity g : values()) {
            if (g.configValue.equals(t)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
