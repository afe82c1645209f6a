package io.rslc.internal.warehouse;

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

    /** Where one slice's rows lie: first and last tuple as (block &lt;&lt; 16 | offset); and how many there are. */
    record Stretch(long first, long last, long rows) {
        Stretch {
            if (last < first) {
                throw new IllegalArgumentException("last tuple before first: " + first + " > " + last);
            }
        }
    }

    private HeapSpread() {
    }

    /**
     * At most how many stretches overlap at one point of the heap, and at most how many rows the stretches that
     * overlap at one point have together (each maximum over all points; 0 for none). In heap order, the rows of
     * overlapping slices are what open files hold at once.
     */
    record Overlap(int stretches, long rows) {
    }

    static Overlap overlap(List<Stretch> stretches) {
        List<Stretch> byFirst = new ArrayList<>(stretches);
        byFirst.sort(Comparator.comparingLong(Stretch::first));
        PriorityQueue<Stretch> open = new PriorityQueue<>(Comparator.comparingLong(Stretch::last));
        int max = 0;
        long rows = 0;
        long maxRows = 0;
        for (Stretch s : byFirst) {
            while (!open.isEmpty() && open.peek().last() < s.first()) {
                rows -= open.poll().rows();
            }
            open.add(s);
            rows += s.rows();
            max = Math.max(max, open.size());
            maxRows = Math.max(maxRows, rows);
        }
        return new Overlap(max, maxRows);
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
