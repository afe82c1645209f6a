package io.rslc.internal.verify;

import io.rslc.api.TableName;

/**
 * One thing {@code rslc verify} found wrong with a table's archive.
 *
 * @param table  the managed table
 * @param slice  the slice key ({@code 2020-03-21}, {@code 2020-03}) or null for a file outside the layout
 * @param generation the attempt's generation, 0 if none
 * @param problem what is wrong
 * @param uri    the file or folder concerned
 * @param detail the numbers or reason, for the report
 */
public record Finding(TableName table, String slice, int generation, Problem problem, String uri, String detail) {

    /** The kinds of fault, from a missing archive to an orphan beside a good one. */
    public enum Problem {
        MISSING_FOLDER, MISSING_MANIFEST, BAD_MANIFEST, MISSING_FILE, SIZE_MISMATCH, UNREADABLE_FILE,
        ROW_COUNT_MISMATCH, MANIFEST_TOTAL_MISMATCH, JOURNAL_ROWS_MISMATCH, JOURNAL_FILES_MISMATCH,
        JOURNAL_BYTES_MISMATCH, UNLISTED_FILE, UNCOMMITTED_GENERATION, STRAY_FILE;

        /** Lower-case with dashes, for reports: {@code missing-file}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** True for what {@code --clean-orphans} may remove: no committed slice references it. */
    public boolean orphan() {
        return problem == Problem.UNLISTED_FILE || problem == Problem.UNCOMMITTED_GENERATION;
    }
}
