package io.rslc.internal.archive.copy;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits PostgreSQL's binary COPY stream ({@code FORMAT binary}) into tuples. A tuple is a 16-bit field count, then
 * per field a 32-bit length ({@code -1}: NULL) and that many bytes, all big-endian. PostgreSQL sends the 19-byte
 * header in front of the first tuple's message, then one tuple per message, then the trailer (a count of -1);
 * tuples are found by their lengths, so several tuples in one message read the same; a tuple cut across messages,
 * or a stream cut short, is refused.
 */
public final class BinaryTuples {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int OIDS_FLAG = 1 << 16;

    private final CopyDataMessages messages;
    private final int fields;
    private byte[] buffer;
    private int position;
    private boolean header;
    private boolean trailer;

    /** @param fields the field count every tuple must have */
    public BinaryTuples(CopyDataMessages messages, int fields) {
        this.messages = messages;
        this.fields = fields;
    }

    /**
     * The next tuple in an array that holds exactly it (the message itself when it holds one tuple), or null after
     * the trailer.
     *
     * @throws IOException if the stream is not a binary COPY of {@code fields} fields, or ends early
     */
    public byte[] next() throws IOException {
        while (true) {
            if (buffer == null || position == buffer.length) {
                buffer = messages.next();
                position = 0;
                if (buffer == null) {
                    if (!trailer) {
                        throw new IOException("the binary COPY stream ended without its trailer");
                    }
                    return null;
                }
                continue;
            }
            if (!header) {
                readHeader();
                continue;
            }
            if (trailer) {
                throw new IOException("data after the binary COPY trailer");
            }
            need(2);
            int count = int16(buffer, position);
            if (count == -1) {
                trailer = true;
                position += 2;
                continue;
            }
            if (count != fields) {
                throw new IOException("a binary COPY tuple of " + count + " fields where " + fields + " were expected");
            }
            int end = position + 2;
            for (int f = 0; f < count; f++) {
                if (end + 4 > buffer.length) {
                    throw cut();
                }
                int length = int32(buffer, end);
                end += 4 + Math.max(length, 0);
                if (length < -1 || end > buffer.length || end < 0) {
                    throw cut();
                }
            }
            byte[] tuple = position == 0 && end == buffer.length ? buffer : Arrays.copyOfRange(buffer, position, end);
            position = end;
            return tuple;
        }
    }

    private void readHeader() throws IOException {
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a binary COPY stream (no PGCOPY signature)");
        }
        int flags = int32(buffer, SIGNATURE.length);
        if ((flags & OIDS_FLAG) != 0) {
            throw new IOException("a binary COPY stream WITH OIDS is not read");
        }
        int extension = int32(buffer, SIGNATURE.length + 4);
        position = SIGNATURE.length + 8;
        if (extension < 0) {
            throw new IOException("a binary COPY header with a negative extension length");
        }
        need(extension);
        position += extension;
        header = true;
    }

    private void need(int bytes) throws IOException {
        if (position + bytes > buffer.length || position + bytes < 0) {
            throw cut();
        }
    }

    private static IOException cut() {
        return new IOException("a binary COPY message cut inside a tuple");
    }

    /**
     * Where the length word of field {@code field} of a tuple is (fields before it skipped by their lengths); the
     * field's bytes follow it.
     */
    public static int fieldAt(byte[] tuple, int field) {
        int p = 2;
        for (int f = 0; f < field; f++) {
            p += 4 + Math.max(int32(tuple, p), 0);
        }
        return p;
    }

    static int int16(byte[] b, int at) {
        return (short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
    }

    public static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long int64(byte[] b, int at) {
        return ((long) int32(b, at) << 32) | (int32(b, at + 4) & 0xFFFFFFFFL);
    }
}
