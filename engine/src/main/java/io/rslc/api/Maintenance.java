package io.rslc.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how a table is vacuumed and analyzed after rslc deleted rows from it. Redshift reads
 * {@code svv_table_info} and acts only past the thresholds; the defaults follow amazon-redshift-utils' Analyze &
 * Vacuum utility (unsorted 5 %, stats off 10 %) plus a deleted-rows threshold (5 %) which that utility lacks.
 * PostgreSQL always runs {@code VACUUM (ANALYZE)} after deletes (autovacuum does the rest).
 *
 * @param vacuum         the VACUUM variant, or {@link VacuumMode#OFF}
 * @param toPercent      {@code TO n PERCENT} (0..100), or null for Redshift's default (95)
 * @param boost          add {@code BOOST}
 * @param minUnsortedPct vacuum when {@code unsorted} is at least this
 * @param minDeletedPct  vacuum when rows marked deleted are at least this share of the table
 * @param analyze        the ANALYZE variant, or {@link AnalyzeMode#OFF}
 * @param minStatsOffPct analyze when {@code stats_off} is at least this
 */
public record Maintenance(VacuumMode vacuum, Integer toPercent, boolean boost, double minUnsortedPct,
                          double minDeletedPct, AnalyzeMode analyze, double minStatsOffPct) {

    /** VACUUM variants. */
    public enum VacuumMode {
        DELETE_ONLY("DELETE ONLY"), FULL("FULL"), SORT_ONLY("SORT ONLY"), RECLUSTER("RECLUSTER"), OFF("");

        private final String sql;

        VacuumMode(String sql) {
            this.sql = sql;
        }

        /** The SQL words ({@code DELETE ONLY}). */
        public String sql() {
            return sql;
        }

        /** Parses {@code delete only}, {@code delete_only}, {@code full}, {@code off}, ... any case. */
        public static Optional<VacuumMode> parse(String text) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
            try {
                return Optional.of(valueOf(t));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** ANALYZE variants. */
    public enum AnalyzeMode {
        PREDICATE_COLUMNS, ALL_COLUMNS, OFF;

        /** Parses {@code predicate columns}, {@code all_columns}, {@code off}, any case. */
        public static Optional<AnalyzeMode> parse(String text) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
            try {
                return Optional.of(valueOf(t));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public Maintenance {
        Objects.requireNonNull(vacuum, "vacuum");
        Objects.requireNonNull(analyze, "analyze");
        if (toPercent != null && (toPercent < 0 || toPercent > 100)) {
            throw new IllegalArgumentException("toPercent must be 0..100: " + toPercent);
        }
    }

    /** DELETE ONLY past 5 % deleted or 5 % unsorted; ANALYZE PREDICATE COLUMNS past 10 % stats off. */
    public static Maintenance defaults() {
        return new Maintenance(VacuumMode.DELETE_ONLY, null, false, 5, 5, AnalyzeMode.PREDICATE_COLUMNS, 10);
    }
}
