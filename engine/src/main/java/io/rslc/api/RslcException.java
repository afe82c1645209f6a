package io.rslc.api;

import java.util.Objects;

/**
 * The one exception rslc throws on purpose. It carries an {@link ErrorCode} that the CLI maps to an exit code,
 * and a message written for the person running the job: what failed, where, and what to do. Messages never
 * contain passwords or secret values.
 */
public class RslcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Broad kinds of failure; each maps to a CLI exit code. */
    public enum ErrorCode {
        /** Wrong command-line use or an unreadable configuration source (exit 2). */
        USAGE(2),
        /** The configuration has invalid rules (exit 1; the valid ones still run). */
        CONFIG(1),
        /** A table failed while planning or running (exit 1; other tables go on). */
        TABLE(1),
        /** The warehouse could not be reached or refused a statement (exit 1). */
        WAREHOUSE(1),
        /** The archive could not be written or read (exit 1). */
        ARCHIVE(1),
        /** A cloud service (DynamoDB, S3, Secrets Manager) failed (exit 1). */
        AWS(1),
        /** Something rslc did not expect: a bug (exit 3). */
        INTERNAL(3);

        private final int exitCode;

        ErrorCode(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final ErrorCode code;

    public RslcException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RslcException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
