package io.rslc.internal.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Encodes rows into data files on background threads, so reading rows from the warehouse (JDBC decoding) and
 * encoding them (Parquet, delimited text, compression) run at the same time instead of taking turns on one core.
 *
 * <p>Each encoder owns a {@link PartFileSet} whose files carry its number, as Redshift's parallel UNLOAD numbers
 * files by node slice ({@code 0000_part_00}, {@code 0001_part_00}). New folders go to the encoders in turn, and
 * a folder moves on to the next encoder after every {@value #SWITCH_ROWS} rows, so a large slice is encoded by all
 * of them (one file each) while a small one stays a single file; the same rows in the same order always make the
 * same files. Rows are handed over in blocks of
 * {@value #BLOCK_ROWS} through a queue of {@value #QUEUE_BLOCKS} blocks per encoder: memory stays bounded whatever
 * the table size. A folder given with a row must already be cleaned (the hand-over orders that cleaning before the
 * encoder's writes).
 *
 * <p>Used by one reading thread: {@link #write} then {@link #finish}; {@link #close} discards everything unless
 * {@code finish} completed. An encoding failure is rethrown by the next {@code write} or {@code finish}.
 */
final class BackgroundEncoder<R> implements AutoCloseable {

    static final int BLOCK_ROWS = 512;
    static final int QUEUE_BLOCKS = 16;
    static final int SWITCH_ROWS = BLOCK_ROWS * QUEUE_BLOCKS;

    private static final Block END = new Block(0);

    private final List<Encoder> encoders;
    private final Map<String, Route> routes = new HashMap<>();
    private volatile boolean stop;
    private int newFolders;
    private String lastFolder;
    private Route lastRoute;
    private boolean finished;

    /** Where a folder's rows go now, and how many went there since. */
    private final class Route {
        final Encoder encoder;
        int rows;

        Route(Encoder encoder) {
            this.encoder = encoder;
        }
    }

    private static final class Block {
        final String[] folders;
        final Object[] rows; // of the encoder's row type
        int size;

        Block(int capacity) {
            folders = new String[capacity];
            rows = new Object[capacity];
        }
    }

    private final class Encoder implements Runnable {
        final int number;
        final PartFileSet<R> files;
        final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        final Thread thread;
        volatile Throwable failure;
        volatile boolean ended; // took END: every row handed over before it is written
        Block block = new Block(BLOCK_ROWS);

        Encoder(int number, PartFileSet<R> files) {
            this.number = number;
            this.files = files;
            this.thread = new Thread(this, "rslc-encoder-" + number);
            thread.setDaemon(true);
        }

        void add(String folder, R row) throws IOException {
            Block b = block;
            b.folders[b.size] = folder;
            b.rows[b.size] = row;
            if (++b.size == BLOCK_ROWS) {
                handOver(b);
                block = new Block(BLOCK_ROWS);
            }
        }

        void handOver(Block b) throws IOException {
            try {
                while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    rethrow();
                    if (!thread.isAlive()) {
                        throw new IOException("an encoding thread stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while handing rows to the encoder");
            }
            rethrow(); // any encoder's failure stops the reading at its next block
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    Block b = queue.take();
                    if (b == END) {
                        ended = true;
                        return;
                    }
                    for (int i = 0; i < b.size && !stop; i++) {
                        @SuppressWarnings("unchecked") // only add() fills blocks, with rows of type R
                        R row = (R) b.rows[i];
                        if (row == null) {
                            files.complete(b.folders[i]); // see complete()
                        } else {
                            files.write(b.folders[i], row);
                        }
                    }
                }
            } catch (InterruptedException e) {
                // abort(): stop quietly
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /**
     * @param encoders how many threads encode (1 for PARALLEL OFF)
     * @param files    the file set of encoder {@code n}, whose files are numbered {@code n}
     */
    BackgroundEncoder(int encoders, IntFunction<PartFileSet<R>> files) {
        List<Encoder> all = new ArrayList<>();
        for (int i = 0; i < encoders; i++) {
            all.add(new Encoder(i, files.apply(i)));
        }
        this.encoders = List.copyOf(all);
        for (Encoder e : this.encoders) {
            e.thread.start();
        }
    }

    /** Queues a row for the files of a partition folder; the row array must not be reused by the caller. */
    void write(String folder, R row) throws IOException {
        java.util.Objects.requireNonNull(row, "row");
        Route r = folder == lastFolder ? lastRoute : routes.get(folder);
        if (r == null) {
            r = new Route(encoders.get(newFolders++ % encoders.size()));
            routes.put(folder, r);
        } else if (r.rows >= SWITCH_ROWS) {
            r = new Route(encoders.get((r.encoder.number + 1) % encoders.size()));
            routes.put(folder, r);
        }
        lastFolder = folder;
        lastRoute = r;
        r.rows++;
        r.encoder.add(folder, row);
    }

    /**
     * Completes the files of a folder and of the partition folders under it ({@code folder} ends with {@code /})
     * once the rows queued before are written: its rows are all written (see {@link SliceEnds}). Rows for it later
     * start new parts.
     */
    void complete(String folder) throws IOException {
        for (Encoder e : encoders) {
            e.add(folder, null);
        }
        routes.keySet().removeIf(f -> f.startsWith(folder));
        lastFolder = null;
        lastRoute = null;
    }

    /** Waits until every row is encoded and every file is complete; returns the files in key order. */
    List<ArchivedFile> finish() throws IOException {
        for (Encoder e : encoders) {
            if (e.block.size > 0) {
                e.handOver(e.block);
            }
            e.handOver(END);
        }
        for (Encoder e : encoders) {
            try {
                e.thread.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the encoders");
            }
        }
        rethrow();
        for (Encoder e : encoders) {
            if (!e.ended) { // stopped (interrupted) before its last rows: they must not go missing quietly
                throw new IOException("encoding thread " + e.number + " stopped before its last rows");
            }
        }
        List<ArchivedFile> written = new ArrayList<>();
        for (Encoder e : encoders) {
            written.addAll(e.files.finish());
        }
        written.sort(Comparator.comparing(ArchivedFile::key));
        finished = true;
        return written;
    }

    /** Discards everything unless {@link #finish} completed: stops the encoders, aborts their open files. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        stop = true;
        boolean interrupted = false;
        for (Encoder e : encoders) {
            e.thread.interrupt();
            while (e.thread.isAlive()) {
                try {
                    e.thread.join();
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Encoder e : encoders) {
            e.files.abortOpen();
        }
    }

    private void rethrow() throws IOException {
        for (Encoder e : encoders) {
            Throwable t = e.failure;
            if (t instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
        }
    }
}
