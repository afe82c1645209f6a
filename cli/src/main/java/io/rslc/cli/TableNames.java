package io.rslc.cli;

import io.rslc.api.TableName;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Table names as given on the command line: {@code schema.table}, split at the first dot, or with either part in
 * double quotes ({@code s."a.b, c"}, {@code """q"""} for a name holding a quote) when it holds a dot or a comma,
 * or begins with a quote. A quote elsewhere in a part is an ordinary character, so any configured name can be
 * written as it reads ({@code Sch"ema.T}).
 *
 * <p>A selection ({@code --only}, {@code --table}) is a list: the option repeated, or names separated by commas
 * ({@code a.b,c.d}; spaces after a comma are ignored). A comma is read as a separator only if what follows it,
 * up to the next comma, is a name (it holds a dot, or begins with a quote); otherwise it belongs to the table
 * name before it, so {@code --only "s.a, b"} selects the table {@code a, b}. Quote the table to say otherwise
 * ({@code s."a,b.c"}).
 */
final class TableNames {

    private TableNames() {
    }

    /** A comma-separated selection, one option value. */
    record Selection(List<TableName> names) {
    }

    /** Converter of one name ({@code restore --table}, {@code --into}): commas are part of the name. */
    static final class OneConverter implements ITypeConverter<TableName> {
        @Override
        public TableName convert(String value) {
            Parser p = new Parser(value, false);
            TableName name = p.name();
            p.expectEnd();
            return name;
        }
    }

    /** Converter of a selection value: one or more names separated by commas. */
    static final class SelectionConverter implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            Parser p = new Parser(value, true);
            List<TableName> names = new ArrayList<>();
            names.add(p.name());
            while (p.comma()) {
                names.add(p.name());
            }
            p.expectEnd();
            return new Selection(List.copyOf(names));
        }
    }

    /** All names of the repeated selection options, in order. */
    static List<TableName> flatten(List<Selection> selections) {
        List<TableName> all = new ArrayList<>();
        selections.forEach(s -> all.addAll(s.names()));
        return List.copyOf(all);
    }

    private static final class Parser {
        private final String s;
        private final boolean list;
        private int i;

        Parser(String s, boolean list) {
            this.s = s;
            this.list = list;
        }

        TableName name() {
            String schema = part(true);
            if (i >= s.length() || s.charAt(i) != '.') {
                throw fail("expected schema.table");
            }
            i++;
            String table = part(false);
            return new TableName(schema, table);
        }

        /** A schema (ends at the first dot) or a table (ends at a separating comma, or the end). */
        private String part(boolean schema) {
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted();
            }
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (schema && c == '.' || !schema && list && c == ',' && separates(i)) {
                    break;
                }
                i++;
            }
            if (i == start) {
                throw fail(schema ? "empty schema" : "empty table name");
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            int open = i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c != '"') {
                    b.append(c);
                } else if (i < s.length() && s.charAt(i) == '"') {
                    b.append('"');
                    i++;
                } else {
                    if (b.isEmpty()) {
                        throw fail("empty quoted name");
                    }
                    return b.toString();
                }
            }
            i = open;
            throw fail("unterminated quote");
        }

        /** Whether the comma at {@code at} separates names: what follows, to the next comma, is a name. */
        private boolean separates(int at) {
            int j = at + 1;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '"') {
                return true;
            }
            int next = s.indexOf(',', j);
            String piece = s.substring(j, next < 0 ? s.length() : next);
            int dot = piece.indexOf('.');
            return dot > 0 && dot < piece.length() - 1;
        }

        boolean comma() {
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                return true;
            }
            return false;
        }

        void expectEnd() {
            if (i < s.length()) {
                throw fail(list ? "expected ',' or the end after a name" : "expected the end after the table name "
                        + "(quote a table name holding a quote at its start, a dot or a comma: s.\"a.b\")");
            }
        }

        private TypeConversionException fail(String reason) {
            return new TypeConversionException("'" + io.rslc.internal.config.Printable.escape(s) + "': " + reason
                    + " at character " + (i + 1) + "; write schema.table, quoting a part that holds a dot or a"
                    + " comma: s.\"a,b\"");
        }
    }
}
