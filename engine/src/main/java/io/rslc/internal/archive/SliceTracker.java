package io.rslc.internal.archive;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Completes each slice's files as soon as its rows are all written, as far as {@link SliceEnds} tells. */
final class SliceTracker {

    /** Completes the files of a folder (a slice's, with the partition folders under it). */
    interface Completion {
        void complete(String folder) throws IOException;
    }

    private final SliceEnds ends;
    private final Completion files;
    private final Map<LocalDate, long[]> left = new HashMap<>();
    LocalDate slice;
    private String folder;
    private long[] count;

    SliceTracker(SliceEnds ends, Completion files) {
        this.ends = ends;
        this.files = files;
    }

    /** The next row belongs to another slice than the previous one. */
    void enter(LocalDate next, String nextFolder) throws IOException {
        if (ends.sorted() && folder != null) {
            files.complete(folder);
        }
        slice = next;
        folder = nextFolder;
        if (ends.counted()) {
            count = left.computeIfAbsent(next, s -> new long[] {ends.rows(s)});
        }
    }

    /** A row of the current slice was handed to the encoders. */
    void written() throws IOException {
        if (count != null && count[0] > 0 && --count[0] == 0) {
            files.complete(folder);
        }
    }
}
