package io.rslc.internal.plan;

import io.rslc.api.Cutoff;
import io.rslc.api.Granularity;
import io.rslc.api.Slice;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Splitting a date range into slices. */
public final class Slices {

    private Slices() {
    }

    /**
     * The slices that tile {@code [startOf(from), cutoff)}, oldest first. {@code cutoff} must be a slice
     * boundary (it always is for a {@link Cutoff} of the same granularity); empty if {@code from >= cutoff}.
     */
    public static List<Slice> between(Granularity granularity, LocalDate from, LocalDate cutoff) {
        if (!Slice.startOf(granularity, cutoff).equals(cutoff)) {
            throw new IllegalArgumentException(cutoff + " is not a " + granularity + " slice boundary");
        }
        List<Slice> slices = new ArrayList<>();
        Slice s = Slice.containing(granularity, from);
        while (s.start().isBefore(cutoff)) {
            slices.add(s);
            s = s.next();
        }
        return slices;
    }

    /** The first slice after the one holding {@code checkpoint}: where an unload-only run resumes. */
    public static LocalDate afterCheckpoint(Granularity granularity, LocalDate checkpoint) {
        return Slice.containing(granularity, checkpoint).end();
    }
}
