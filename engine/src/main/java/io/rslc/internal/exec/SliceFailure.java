package io.rslc.internal.exec;

import io.rslc.api.RslcException;

/** A slice that was rolled back because its counts did not match; the table stops, the others go on. */
final class SliceFailure extends RslcException {

    private static final long serialVersionUID = 1L;

    SliceFailure(String message) {
        super(ErrorCode.TABLE, message);
    }
}
