package io.rslc.internal.archive;

import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.ValueText;
/**
 * Hive-style partition folder names, {@code column=value/}, escaped as Hive (and Spark, Athena, Redshift
 * Spectrum) expect: control characters and {@code " # % ' * / : = ? \ { [ ] ^} and DEL become {@code %XX}.
 * NULL and the empty string become {@value #DEFAULT_PARTITION}, as in Hive.
 */
final class HivePartition {

    /** The folder value Hive uses for NULL. */
    static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final String SPECIAL = "\"#%'*/:=?\\{[]^\u007f";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HivePartition() {
    }

    /** {@code column=value/} for a value as {@link Column#read} returns it. */
    static String folder(String column, Object value) {
        String text = value == null ? "" : ValueText.partition(value);
        return escape(column) + "=" + (text.isEmpty() ? DEFAULT_PARTITION : escape(text)) + "/";
    }

    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean special = c < 0x20 || SPECIAL.indexOf(c) >= 0;
            if (special && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (special) {
                sb.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
