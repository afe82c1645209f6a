package io.rslc.api;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated configuration row: which table to trim, by which date column, how far back, and what to do
 * with the due rows. Rules are immutable; a new checkpoint makes a new rule ({@link #withCheckpoint}).
 *
 * @param table       the managed table
 * @param column      the date (or timestamp) column retention applies to
 * @param granularity daily or monthly look-back, and slice size
 * @param retention   days or months to keep (0 or more)
 * @param priority    run order, ascending; ties run in table-name order
 * @param mode        unload, delete, or both
 * @param checkpoint  start of the last completed slice, or null if the rule never ran
 * @param unload      archive options
 * @param maintenance VACUUM/ANALYZE settings
 * @param origin      where the rule came from, for messages ({@code config.csv line 3})
 */
public record Rule(
        TableName table,
        String column,
        Granularity granularity,
        int retention,
        int priority,
        Mode mode,
        LocalDate checkpoint,
        UnloadOptions unload,
        Maintenance maintenance,
        String origin) {

    /** Run order: priority ascending, then table name, then schema. */
    public static final Comparator<Rule> RUN_ORDER =
            Comparator.comparingInt(Rule::priority).thenComparing(Rule::table);

    public Rule {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unload, "unload");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(origin, "origin");
        if (retention < 0) {
            throw new IllegalArgumentException("retention must be >= 0: " + retention);
        }
        if (mode.archives() && unload.location() == null) {
            throw new IllegalArgumentException("mode " + mode + " needs an archive location");
        }
    }

    public Optional<LocalDate> checkpointIfAny() {
        return Optional.ofNullable(checkpoint);
    }

    /** A copy with another checkpoint. */
    public Rule withCheckpoint(LocalDate newCheckpoint) {
        return new Rule(table, column, granularity, retention, priority, mode, newCheckpoint, unload, maintenance,
                origin);
    }

    /** A copy with other archive options. */
    public Rule withUnload(UnloadOptions newUnload) {
        return new Rule(table, column, granularity, retention, priority, mode, checkpoint, newUnload, maintenance,
                origin);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link Rule}, mostly for tests and embedding code. Defaults: daily, unload+delete, priority 0. */
    public static final class Builder {
        private TableName table;
        private String column;
        private Granularity granularity = Granularity.DAILY;
        private int retention;
        private int priority;
        private Mode mode = Mode.UNLOAD_AND_DELETE;
        private LocalDate checkpoint;
        private UnloadOptions unload = UnloadOptions.none();
        private Maintenance maintenance = Maintenance.defaults();
        private String origin = "api";

        private Builder() {
        }

        public Builder table(String schema, String name) { this.table = new TableName(schema, name); return this; }
        public Builder table(TableName v) { this.table = v; return this; }
        public Builder column(String v) { this.column = v; return this; }
        public Builder granularity(Granularity v) { this.granularity = v; return this; }
        public Builder retention(int v) { this.retention = v; return this; }
        public Builder priority(int v) { this.priority = v; return this; }
        public Builder mode(Mode v) { this.mode = v; return this; }
        public Builder checkpoint(LocalDate v) { this.checkpoint = v; return this; }
        public Builder unload(UnloadOptions v) { this.unload = v; return this; }
        public Builder maintenance(Maintenance v) { this.maintenance = v; return this; }
        public Builder origin(String v) { this.origin = v; return this; }

        public Rule build() {
            return new Rule(table, column, granularity, retention, priority, mode, checkpoint, unload, maintenance,
                    origin);
        }
    }
}
