package io.rslc.archive;

import io.rslc.RslcException;
import io.rslc.RslcException.ErrorCode;
import io.rslc.config.FileFormat;
import io.rslc.config.UnloadOptions;
import java.util.List;

/** Turns rows into lines of a delimited file (TEXT or CSV), each ending with a line feed. */
interface RowEncoder {

    /** Appends the line of one row; values are as {@link Column#read} returns them. */
    void row(Object[] values, StringBuilder out);

    /** Appends the header line: the column names. */
    void header(List<Column> columns, StringBuilder out);

    /** The encoder for the rule's format and options; not for PARQUET. */
    static RowEncoder of(UnloadOptions options) {
        boolean csv = options.format() == FileFormat.CSV;
        String d = options.delimiter() == null ? (csv ? "," : "|") : options.delimiter();
        if (d.length() != 1) {
            throw new RslcException(ErrorCode.ARCHIVE, "the delimiter must be one character, got '" + d + "'");
        }
        String nullAs = options.nullAs() == null ? "" : options.nullAs();
        return csv ? new CsvRowEncoder(d.charAt(0), nullAs)
                : new TextRowEncoder(d.charAt(0), options.addQuotes(), options.escape(), nullAs);
    }
}
