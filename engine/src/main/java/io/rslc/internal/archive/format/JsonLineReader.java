package io.rslc.internal.archive.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one line of a JSON lines archive file ({@link JsonRowEncoder}) back as text values in the order of its
 * keys: strings unescaped, numbers as their exact digits (never through a double), {@code null} as null,
 * {@code true}/{@code false} as {@code t}/{@code f}. Only flat objects: a nested object or array (which rslc
 * never writes) is refused.
 */
public final class JsonLineReader {

    private final String s;
    private int i;

    private JsonLineReader(String line) {
        this.s = line;
    }

    /**
     * The values of one line's object, in key order.
     *
     * @throws IllegalArgumentException if the line is not one flat JSON object
     */
    public static List<String> values(String line) {
        JsonLineReader r = new JsonLineReader(line);
        List<String> out = new ArrayList<>();
        r.space();
        r.expect('{');
        r.space();
        if (r.peek() == '}') {
            r.i++;
        } else {
            while (true) {
                r.space();
                r.string(); // the key: values come in the files' column order
                r.space();
                r.expect(':');
                r.space();
                out.add(r.value());
                r.space();
                char c = r.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw r.error("expected , or }");
                }
            }
        }
        r.space();
        if (r.i != line.length()) {
            throw r.error("text after the object");
        }
        return out;
    }

    private String value() {
        char c = peek();
        switch (c) {
            case '"':
                return string();
            case 'n':
                word("null");
                return null;
            case 't':
                word("true");
                return "t";
            case 'f':
                word("false");
                return "f";
            case '{', '[':
                throw error("a nested object or array");
            default:
                int start = i;
                while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (start == i) {
                    throw error("expected a value");
                }
                return s.substring(start, i);
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("a short \\u escape");
                    }
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) {
            throw error("expected " + w);
        }
        i += w.length();
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end of line");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a JSON lines row at character " + (i + 1) + ": " + what);
    }
}
