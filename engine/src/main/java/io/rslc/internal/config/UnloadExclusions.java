package io.rslc.internal.config;

import static io.rslc.internal.config.RuleFields.*;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Problem;
import io.rslc.api.UnloadOptions.Encryption;
import java.util.List;

/**
 * The combinations Redshift's UNLOAD refuses among the options rslc added after the original's columns (JSON,
 * ENCRYPTED, KMS_KEY_ID, ROWGROUPSIZE), reported as errors on the row, so {@code config validate}, {@code plan}
 * and {@code run} reject them alike and no UNLOAD ever fails on them. (Conflicts among the original's own
 * columns stay warnings, as the original ignored them: {@link RuleValidator}.)
 *
 * <p>From https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html: "You can't use JSON with DELIMITER,
 * HEADER, FIXEDWIDTH, ADDQUOTES, ESCAPE, or NULL AS"; "PARQUET with ENCRYPTED is only supported with server-side
 * encryption with an AWS Key Management Service key (SSE-KMS)"; "If you specify KMS_KEY_ID, you must specify the
 * ENCRYPTED parameter also"; ENCRYPTED AUTO "can't [be used] with KMS_KEY_ID"; ROWGROUPSIZE: "the storage format
 * must be Parquet".
 */
final class UnloadExclusions {

    private UnloadExclusions() {
    }

    /**
     * Adds an error per refused combination. Values that failed to parse are null and are not checked again.
     */
    static void check(RuleRecord r, FileFormat format, Boolean header, String delimiter, Boolean addQuotes,
                      String nullAs, Boolean escape, Encryption encryption, String kmsKeyId, Integer rowGroupSize,
                      ArchiveLocation location, List<Problem> problems) {
        if (format == FileFormat.JSON) {
            String why = "cannot be used with file_format JSON (Redshift's UNLOAD refuses it: JSON lines have no"
                    + " header, delimiter, quoting, escapes or NULL text; NULL is written null)";
            if (Boolean.TRUE.equals(header)) {
                problems.add(RuleValidator.error(r, HEADER, why));
            }
            if (delimiter != null) {
                problems.add(RuleValidator.error(r, DELIMITER, why));
            }
            if (Boolean.TRUE.equals(addQuotes)) {
                problems.add(RuleValidator.error(r, ADD_QUOTES, why));
            }
            if (nullAs != null) {
                problems.add(RuleValidator.error(r, NULL_AS, why));
            }
            if (Boolean.TRUE.equals(escape)) {
                problems.add(RuleValidator.error(r, ESCAPE, why));
            }
        }
        boolean kmsKeyGiven = !r.get(KMS_KEY_ID).isBlank();
        if (kmsKeyGiven && encryption == Encryption.NONE) {
            problems.add(RuleValidator.error(r, KMS_KEY_ID, "needs encrypted 1 (Redshift's KMS_KEY_ID requires"
                    + " ENCRYPTED)"));
        } else if (kmsKeyGiven && encryption == Encryption.AUTO) {
            problems.add(RuleValidator.error(r, KMS_KEY_ID, "cannot be used with encrypted auto (ENCRYPTED AUTO"
                    + " takes the bucket's default KMS key; write encrypted 1 to name a key)"));
        } else if (!kmsKeyGiven && encryption == Encryption.KMS_KEY) {
            problems.add(RuleValidator.error(r, ENCRYPTED, "1 needs a kms_key_id (rslc encrypts with SSE-KMS only;"
                    + " write auto for the bucket's default KMS key)"));
        }
        if (format == FileFormat.PARQUET && encryption == Encryption.AUTO) {
            problems.add(RuleValidator.error(r, ENCRYPTED, "auto cannot be used with PARQUET: Redshift encrypts"
                    + " Parquet only with SSE-KMS, and AUTO falls back to SSE-S3 on a bucket without a default KMS"
                    + " key; name the key in kms_key_id with encrypted 1"));
        }
        if (location != null && location.kind() == ArchiveLocation.Kind.LOCAL && encryption != null
                && encryption != Encryption.NONE) {
            problems.add(RuleValidator.error(r, ENCRYPTED, "cannot be honoured for a local folder (server-side"
                    + " encryption is S3's): the files would be written unencrypted; use an s3:// s3_path or leave"
                    + " encrypted blank"));
        }
        if (rowGroupSize != null && format != null && format != FileFormat.PARQUET) {
            problems.add(RuleValidator.error(r, ROW_GROUP_SIZE, "is only for PARQUET (Redshift's ROWGROUPSIZE sizes"
                    + " Parquet row groups), file_format is " + format));
        }
    }
}
