package io.rslc.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How many slices' rows interleave in a PostgreSQL heap, from each slice's first and last tuple id. A batch of
 * more slices than the archive keeps files open must reach the writer slice after slice; sorting on the server
 * guarantees that but costs seconds per million rows. In an append-only table each slice's rows occupy a narrow
 * stretch of the heap, so a scan in heap order already brings them one after the other, at most a few slices at a
 * time: then the sort is skipped. Only the number of files depends on this choice, never which rows are archived.
 */
final class HeapSpread {

    /** Where one slice's rows lie: first and last tuple as (block &lt;&lt; 16 | offset). */
    record Stretch(long first, long last) {
        Stretch {
            if (last < first) {
                throw new IllegalArgumentException("last tuple before first: " + first + " > " + last);
            }
        }
    }

    private HeapSpread() {
    }

    /** The most stretches that overlap at any point of the heap (0 for none). */
    static int maxOverlap(List<Stretch> stretches) {
        List<Stretch> byFirst = new ArrayList<>(stretches);
        byFirst.sort(Comparator.comparingLong(Stretch::first));
        PriorityQueue<Long> openLasts = new PriorityQueue<>();
        int max = 0;
        for (Stretch s : byFirst) {
            while (!openLasts.isEmpty() && openLasts.peek() < s.first()) {
                openLasts.poll();
            }
            openLasts.add(s.last());
            max = Math.max(max, openLasts.size());
        }
        return max;
    }

    /** A tuple id as PostgreSQL prints it, {@code (block,offset)}, as one comparable number. */
    static long tid(String text) {
        if (text == null || text.length() < 5 || text.charAt(0) != '(' || text.charAt(text.length() - 1) != ')') {
            throw new IllegalArgumentException("not a tuple id: " + text);
        }
        int comma = text.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("not a tuple id: " + text);
        }
        long block = Long.parseLong(text.substring(1, comma));
        long offset = Long.parseLong(text.substring(comma + 1, text.length() - 1));
        if (block < 0 || block > 0xFFFF_FFFFL || offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("not a tuple id: " + text);
        }
        return block << 16 | offset;
    }
}
