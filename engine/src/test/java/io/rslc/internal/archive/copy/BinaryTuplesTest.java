package io.rslc.internal.archive.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Framing of PostgreSQL's binary COPY stream: the header glued to the first tuple's message (as PostgreSQL sends
 * it), tuples found by their field lengths whatever the message boundaries, and every way the stream can be cut
 * or malformed refused rather than read as fewer rows.
 */
public class BinaryTuplesTest {

    public static final byte[] HEADER = concat("PGCOPY\n".getBytes(), new byte[] {(byte) 0xFF, '\r', '\n', 0},
            new byte[] {0, 0, 0, 0}, new byte[] {0, 0, 0, 0});
    public static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** A tuple of an int4 and a text (null when {@code text} is null). */
    static byte[] tuple(int id, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 2});
        out.writeBytes(new byte[] {0, 0, 0, 4});
        out.writeBytes(TupleValuesProperties.int32(id));
        if (text == null) {
            out.writeBytes(TupleValuesProperties.int32(-1));
        } else {
            byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeBytes(TupleValuesProperties.int32(t.length));
            out.writeBytes(t);
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static BinaryTuples of(int fields, byte[]... messages) {
        Deque<byte[]> queue = new ArrayDeque<>(Arrays.asList(messages));
        return new BinaryTuples(queue::poll, fields);
    }

    static List<Integer> ids(BinaryTuples tuples) throws IOException {
        List<Integer> ids = new java.util.ArrayList<>();
        byte[] t;
        while ((t = tuples.next()) != null) {
            assertThat(BinaryTuples.int16(t, 0)).isEqualTo(2);
            ids.add(BinaryTuples.int32(t, BinaryTuples.fieldAt(t, 0) + 4));
        }
        return ids;
    }

    @Test
    void postgresqlsFramingReadsEveryTupleAndTheMessagesThemselvesAfterTheFirst() throws IOException {
        byte[] second = tuple(2, "b");
        BinaryTuples tuples = of(2, concat(HEADER, tuple(1, "a")), second, tuple(3, null), TRAILER);
        byte[] first = tuples.next();
        assertThat(first).isEqualTo(tuple(1, "a")); // the header is not part of it
        assertThat(tuples.next()).isSameAs(second); // a message of one tuple is handed on, not copied
        byte[] third = tuples.next();
        assertThat(BinaryTuples.int32(third, BinaryTuples.fieldAt(third, 1))).isEqualTo(-1);
        assertThat(tuples.next()).isNull();
        assertThat(tuples.next()).isNull();
    }

    @Test
    void anyOtherFramingReadsTheSame() throws IOException {
        assertThat(ids(of(2, concat(HEADER, tuple(1, "a"), tuple(2, "bb"), tuple(3, null), TRAILER))))
                .containsExactly(1, 2, 3);
        assertThat(ids(of(2, HEADER, concat(tuple(1, "a"), tuple(2, "")), concat(tuple(3, "ccc"), TRAILER))))
                .containsExactly(1, 2, 3);
        assertThat(ids(of(2, concat(HEADER, TRAILER)))).isEmpty();
    }

    @Test
    void aHeaderExtensionIsSkipped() throws IOException {
        byte[] header = HEADER.clone();
        header[18] = 3; // extension length 3
        assertThat(ids(of(2, concat(header, new byte[] {9, 9, 9}, tuple(7, "x"), TRAILER)))).containsExactly(7);
    }

    @Test
    void aStreamCutShortOrMalformedIsRefused() {
        assertThatThrownBy(() -> ids(of(2, concat(HEADER, tuple(1, "a")))))
                .isInstanceOf(IOException.class).hasMessageContaining("without its trailer");
        byte[] cut = concat(HEADER, tuple(1, "abc"));
        assertThatThrownBy(() -> ids(of(2, Arrays.copyOf(cut, cut.length - 1), TRAILER)))
                .isInstanceOf(IOException.class).hasMessageContaining("cut inside a tuple");
        assertThatThrownBy(() -> ids(of(3, concat(HEADER, tuple(1, "a"), TRAILER))))
                .isInstanceOf(IOException.class).hasMessageContaining("2 fields where 3 were expected");
        assertThatThrownBy(() -> ids(of(2, concat("PGCOPX\n".getBytes(), Arrays.copyOfRange(HEADER, 7, 19)),
                TRAILER))).isInstanceOf(IOException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> ids(of(2, concat(HEADER, TRAILER), tuple(1, "a"))))
                .isInstanceOf(IOException.class).hasMessageContaining("after the binary COPY trailer");
        byte[] oids = HEADER.clone();
        oids[12] = 1; // flags bit 16
        assertThatThrownBy(() -> ids(of(2, concat(oids, TRAILER))))
                .isInstanceOf(IOException.class).hasMessageContaining("OIDS");
    }
}
