package io.rslc.internal.archive.copy;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads a row's date from the CSV text PostgreSQL encoded ({@code COPY ... TO STDOUT (FORMAT csv)}) without
 * decoding the row, so the row can be filed under its slice byte for byte. Anything but a plain
 * {@code YYYY-MM-DD} (with or without a time) of years 1 to 9999 is refused: no row is ever filed under a wrong
 * date. A refused row's text never goes into the message: it is table data, not for logs.
 */
public final class CsvDateField {

    private CsvDateField() {
    }

    /** Where field {@code field} of a CSV row starts: quoted fields ({@code "a,""b"""}) are skipped whole. */
    public static int fieldStart(byte[] row, int field, byte delimiter) {
        int i = 0;
        for (int f = 0; f < field; f++) {
            if (i < row.length && row[i] == '"') {
                i++;
                while (true) {
                    if (i >= row.length) {
                        throw unroutable(row, "an unterminated quoted field");
                    }
                    if (row[i] == '"') {
                        if (i + 1 < row.length && row[i + 1] == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
            } else {
                while (i < row.length && row[i] != delimiter && row[i] != '\n' && row[i] != '\r') {
                    i++;
                }
            }
            if (i >= row.length || row[i] != delimiter) {
                throw unroutable(row, "fewer than " + (field + 1) + " fields");
            }
            i++;
        }
        return i;
    }

    /**
     * {@code YYYY-MM-DD} at {@code at}, followed by the end of the field or a time ({@code ' '}); BC dates and
     * years above 9999 are refused, so no row is ever filed under a wrong date.
     */
    public static LocalDate isoDate(byte[] row, int at, byte delimiter) {
        if (at + 10 > row.length || row[at + 4] != '-' || row[at + 7] != '-' || !digits(row, at, 4)
                || !digits(row, at + 5, 2) || !digits(row, at + 8, 2)) {
            throw unroutable(row, "a date column that is not YYYY-MM-DD (only years 1 to 9999 are read here)");
        }
        checkDateEnd(row, at, delimiter);
        try {
            return LocalDate.of(number(row, at, 4), number(row, at + 5, 2), number(row, at + 8, 2));
        } catch (DateTimeException e) {
            throw unroutable(row, "an invalid date in the date column");
        }
    }

    /** After the 10 date bytes at {@code at}: the end of the field, or a time that is not BC. */
    public static void checkDateEnd(byte[] row, int at, byte delimiter) {
        int end = at + 10;
        if (end < row.length && row[end] == ' ') {
            while (end < row.length && row[end] != delimiter && row[end] != '\n' && row[end] != '\r') {
                if (row[end] == 'B') {
                    throw unroutable(row, "a BC date in the date column");
                }
                end++;
            }
        } else if (end < row.length && row[end] != delimiter && row[end] != '\n' && row[end] != '\r') {
            throw unroutable(row, "a date column that is not YYYY-MM-DD (only years 1 to 9999 are read here)");
        }
    }

    private static boolean digits(byte[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** The row's text is not quoted in the message: it is table data, not for logs. */
    private static RslcException unroutable(byte[] row, String what) {
        return new RslcException(ErrorCode.ARCHIVE, "cannot tell the slice of a row (" + row.length
                + " bytes) the warehouse sent: " + what);
    }
}
