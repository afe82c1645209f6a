package io.rslc.internal.archive.format;

import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.UnloadOptions;
import java.util.List;

/**
 * Turns rows into lines of a delimited file (TEXT or CSV), each ending with a line feed. The formats differ only
 * in how one non-null field is written ({@link #field}). JSON lines ({@link JsonRowEncoder}) write their own lines.
 */
public abstract class RowEncoder {

    /** The field delimiter. */
    final char delimiter;
    /** The text written for NULL (never quoted). */
    final String nullAs;

    RowEncoder(char delimiter, String nullAs) {
        this.delimiter = delimiter;
        this.nullAs = nullAs;
    }

    /** Appends one non-null field, quoted or escaped as the format requires. */
    abstract void field(String s, StringBuilder out);

    /** Appends the line of one row; values are as {@link Column#read} returns them. */
    void row(Object[] values, StringBuilder out) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            if (values[i] == null) {
                out.append(nullAs);
            } else {
                field(ValueText.text(values[i]), out);
            }
        }
        out.append('\n');
    }

    /** Appends the header line: the column names. */
    final void header(List<Column> columns, StringBuilder out) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            field(columns.get(i).name(), out);
        }
        out.append('\n');
    }

    /** The encoder for the rule's format and options, for rows of {@code columns}; not for PARQUET. */
    public static RowEncoder of(UnloadOptions options, List<Column> columns) {
        if (options.format() == FileFormat.JSON) {
            return new JsonRowEncoder(columns);
        }
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
