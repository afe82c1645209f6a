package io.rslc.internal.plan;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Slice;

/**
 * Where a slice's files go under a table's archive folder. Every committed slice attempt owns a folder that no
 * other slice or later run ever writes to:
 *
 * <pre>
 * s3://bucket/ret_test_1/                     the rule's s3_path, always a folder
 *   rslc_slice=2020-03-21/                    one slice (daily: a date, monthly: 2020-03)
 *     rslc_gen=1/                             the first committed archive of the slice
 *       load_date=2020-03-21/0000_part_00.parquet   (partition_column folders, if configured)
 *       manifest
 *     rslc_gen=2/                             late rows archived by a later run
 * </pre>
 *
 * The generation is one more than the slice's committed journal entries, so a re-run after a crash writes the
 * same folder again (and may clean it: it holds only the uncommitted attempt), while late rows for an
 * archived slice get a new folder and never touch what was archived before. All folder names are Hive-style
 * {@code key=value}, so the whole archive is one partitioned dataset for Spectrum or Athena.
 *
 * <p>On Redshift a batch of consecutive slices is archived by ONE UNLOAD, partitioned by slice and generation,
 * into a folder the batch owns (named by its first slice and that slice's generation, so a re-run of the same
 * uncommitted batch writes it again); each slice's files sit in their usual attempt folder inside it, and the
 * batch's one manifest beside them:
 *
 * <pre>
 * s3://bucket/ret_test_1/
 *   rslc_batch=2020-03-01_g1/
 *     manifest                                  lists the files of every slice of the batch
 *     rslc_slice=2020-03-01/rslc_gen=1/0000_part_00.parquet
 *     rslc_slice=2020-03-02/rslc_gen=1/0000_part_00.parquet
 * </pre>
 */
public final class ArchiveLayout {

    /** Hive partition key of the slice folders. */
    public static final String SLICE_KEY = "rslc_slice";
    /** Hive partition key of the generation folders. */
    public static final String GENERATION_KEY = "rslc_gen";
    /** Key of the folder a Redshift batch owns. */
    public static final String BATCH_KEY = "rslc_batch";

    private ArchiveLayout() {
    }

    /** {@code rslc_slice=2020-03-21/}. */
    public static String sliceFolder(Slice slice) {
        return SLICE_KEY + "=" + slice.key() + "/";
    }

    /** {@code rslc_slice=2020-03-21/rslc_gen=1/}. */
    public static String attemptFolder(Slice slice, int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1: " + generation);
        }
        return sliceFolder(slice) + GENERATION_KEY + "=" + generation + "/";
    }

    /** An archive folder as the journal records it: an {@code s3://} URL or an absolute local path. */
    public static ArchiveLocation recorded(String folder) {
        return folder.startsWith("s3://") ? ArchiveLocation.s3(folder)
                : ArchiveLocation.local(java.nio.file.Path.of(folder));
    }

    /** The folder one slice attempt writes to, under the table's archive root. */
    public static ArchiveLocation attempt(ArchiveLocation root, Slice slice, int generation) {
        return root.resolve(attemptFolder(slice, generation));
    }

    /** {@code rslc_batch=2020-03-01_g1/}: the folder of a batch whose first slice is {@code first}. */
    public static String batchFolder(Slice first, int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1: " + generation);
        }
        return BATCH_KEY + "=" + first.key() + "_g" + generation + "/";
    }

    /** The folder one batch owns, under the table's archive root. */
    public static ArchiveLocation batch(ArchiveLocation root, Slice first, int generation) {
        return root.resolve(batchFolder(first, generation));
    }

    /**
     * The batch folder a recorded attempt folder lies in ({@code .../rslc_batch=X/rslc_slice=Y/rslc_gen=N/}), or
     * null for an attempt archived on its own.
     */
    public static String batchOf(String recordedFolder) {
        String f = recordedFolder.endsWith("/") ? recordedFolder : recordedFolder + "/";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(.*/" + BATCH_KEY + "=[^/]+/)" + SLICE_KEY + "=[^/]+/" + GENERATION_KEY + "=\\d+/").matcher(f);
        return m.matches() ? m.group(1) : null;
    }
}
