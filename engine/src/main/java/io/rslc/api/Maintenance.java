package io.rslc.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how a table is vacuumed and analyzed after rslc deleted rows from it. Redshift reads
 * {@code svv_table_info} and acts only past the thresholds; the defaults follow amazon-redshift-utils' Analyze &
 * Vacuum utility (unsorted 5 %, stats off 10 %) plus a deleted-rows threshold (5 %) which that utility lacks.
 * PostgreSQL runs {@code VACUUM (ANALYZE)} after deletes (autovacuum does the rest). The {@link Policy} says
 * whether rslc maintains at all ({@code auto}: leave it to the warehouse), past thresholds ({@code threshold}, the
 * default) or always ({@code full}, the original job's behaviour).
 *
 * @param vacuum         the VACUUM variant, or {@link VacuumMode#OFF}
 * @param toPercent      {@code TO n PERCENT} (0..100), or null for Redshift's default (95)
 * @param boost          add {@code BOOST}
 * @param minUnsortedPct vacuum when {@code unsorted} is at least this
 * @param minDeletedPct  vacuum when rows marked deleted are at least this share of the table
 * @param analyze        the ANALYZE variant, or {@link AnalyzeMode#OFF}
 * @param minStatsOffPct analyze when {@code stats_off} is at least this
 * @param policy         whether rslc maintains: never, past the thresholds, or always
 */
public record Maintenance(VacuumMode vacuum, Integer toPercent, boolean boost, double minUnsortedPct,
                          double minDeletedPct, AnalyzeMode analyze, double minStatsOffPct, Policy policy) {

    /** Whether rslc maintains a table after deleting from it. */
    public enum Policy {
        /** Never: Redshift's automatic VACUUM DELETE, sort and ANALYZE (PostgreSQL's autovacuum) do it. */
        AUTO,
        /** Past the thresholds read from {@code svv_table_info} (Redshift); after every delete (PostgreSQL). */
        THRESHOLD,
        /** After every run that deleted rows, whatever the statistics say (the original job's behaviour). */
        FULL;

        /** Parses {@code auto}, {@code threshold}, {@code full}, any case. */
        public static Optional<Policy> parse(String text) {
            try {
                return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

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
        Objects.requireNonNull(policy, "policy");
        if (toPercent != null && (toPercent < 0 || toPercent > 100)) {
            throw new IllegalArgumentException("toPercent must be 0..100: " + toPercent);
        }
    }

    /** Threshold policy: DELETE ONLY past 5 % deleted or 5 % unsorted; ANALYZE PREDICATE COLUMNS past 10 % stats off. */
    public static Maintenance defaults() {
        return new Maintenance(VacuumMode.DELETE_ONLY, null, false, 5, 5, AnalyzeMode.PREDICATE_COLUMNS, 10,
                Policy.THRESHOLD);
    }
}
