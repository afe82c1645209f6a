package io.rslc.internal.archive;

import io.rslc.internal.archive.copy.CopyDataMessages;
import io.rslc.internal.archive.copy.EncodedCsvRows;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Reading rows from the warehouse failed while they were being archived (a {@link CopyDataMessages} or
 * {@link EncodedCsvRows} source): reported as a warehouse failure with the driver's {@link SQLException} as its
 * cause, not as a failure to write the archive.
 */
public final class WarehouseReadException extends IOException {

    private static final long serialVersionUID = 1L;

    public WarehouseReadException(SQLException cause) {
        super("reading the rows from the warehouse failed: " + cause.getMessage(), cause);
    }
}
