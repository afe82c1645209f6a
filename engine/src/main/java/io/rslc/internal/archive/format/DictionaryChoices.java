package io.rslc.internal.archive.format;

import java.util.List;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Which columns of the next Parquet file get a dictionary, learned from the files one archive call has already
 * finished. parquet-mr dictionary-encodes every column and, when the dictionary does not pay off, encodes the
 * page again plainly: for columns of unique values (ids, timestamps, amounts) that is most of the encoding work
 * of a small per-slice file, paid again in every file. A column whose dictionary fell back in the last finished
 * file is written plainly; every {@value #PROBE_EVERY}th file tries a dictionary on every column again, so a
 * column whose values become repetitive gets one back. Only the encoding changes, never the values.
 * Thread-safe: files may be finished on another thread.
 */
public final class DictionaryChoices {

    public static final int PROBE_EVERY = 100;

    private final List<String> columns;
    private final boolean[] plain;
    private int opened;
    private boolean[] last = new boolean[0];

    public DictionaryChoices(List<Column> columns) {
        this.columns = columns.stream().map(Column::name).toList();
        this.plain = new boolean[columns.size()];
    }

    /** Per column (in order), whether the next file should use a dictionary. */
    synchronized boolean[] nextFile() {
        boolean probe = opened++ % PROBE_EVERY == 0;
        boolean[] dictionary = new boolean[plain.length];
        for (int i = 0; i < plain.length; i++) {
            dictionary[i] = probe || !plain[i];
        }
        last = dictionary;
        return dictionary.clone();
    }

    /** Learns from a finished file: a column written with a dictionary that fell back to plain pages. */
    synchronized void learn(ParquetMetadata footer, boolean[] dictionary) {
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                int i = columns.indexOf(chunk.getPath().toDotString());
                EncodingStats stats = chunk.getEncodingStats();
                if (i >= 0 && dictionary[i] && stats != null) {
                    plain[i] = stats.hasNonDictionaryEncodedPages() || !stats.hasDictionaryEncodedPages();
                }
            }
        }
    }

    /** For tests: the choice made for the file opened last. */
    public synchronized boolean[] lastFile() {
        return last.clone();
    }

    /** Column names as parquet-mr addresses them in {@code withDictionaryEncoding(path, on)}. */
    String column(int i) {
        return columns.get(i);
    }
}
