package io.rslc.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer for rslc's machine-readable output (plans and reports), pretty-printed with
 * two-space indents. Strings are escaped per RFC 8259.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        value();
        out.append('{');
        first.push(true);
        return this;
    }

    JsonWriter endObject() {
        close('}');
        return this;
    }

    JsonWriter beginArray() {
        value();
        out.append('[');
        first.push(true);
        return this;
    }

    JsonWriter endArray() {
        close(']');
        return this;
    }

    JsonWriter name(String name) {
        separator();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String v) {
        value();
        if (v == null) {
            out.append("null");
        } else {
            string(v);
        }
        return this;
    }

    JsonWriter value(long v) {
        value();
        out.append(v);
        return this;
    }

    JsonWriter value(boolean v) {
        value();
        out.append(v);
        return this;
    }

    JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void value() {
        if (afterName) {
            afterName = false;
            return;
        }
        separator();
    }

    private void separator() {
        if (first.isEmpty()) {
            return;
        }
        if (!first.peek()) {
            out.append(',');
        }
        first.pop();
        first.push(false);
        newline();
    }

    private void close(char c) {
        boolean empty = first.pop();
        if (!empty) {
            newline();
        }
        out.append(c);
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(first.size()));
    }

    private void string(String s) {
        out.append(quoted(s));
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quoted(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
