package io.rslc.internal.aws;

import static io.rslc.internal.config.RuleFields.CHECKPOINT;
import static io.rslc.internal.config.RuleFields.SCHEMA_NAME;
import static io.rslc.internal.config.RuleFields.TABLE_NAME;

import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.config.RuleRecord;
import io.rslc.internal.config.RuleValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads a configuration CSV into the DynamoDB table, replacing the original's loader Lambda. It is all or nothing
 * for validation: every row is checked first and nothing is written if any row has an error. Unlike the Lambda it
 * keeps the checkpoints already stored (so reloading the file does not make tables re-archive or skip data), and
 * it only deletes items that are no longer in the file when asked to.
 */
public final class DynamoDbConfigLoader {

    /** A stored checkpoint that was kept although the file says otherwise. */
    public record KeptCheckpoint(TableName table, String stored, String inFile) {
    }

    /**
     * What a load did.
     *
     * @param problems        every problem of the file (errors mean nothing was written)
     * @param written         whether items were written
     * @param tableCreated    whether the table was created
     * @param rowsWritten     items written
     * @param keptCheckpoints checkpoints preserved that differ from the file's value
     * @param notInFile       items in the table that the file does not list, by key
     * @param pruned          whether those were deleted
     */
    public record Result(List<Problem> problems, boolean written, boolean tableCreated, int rowsWritten,
                         List<KeptCheckpoint> keptCheckpoints, List<TableName> notInFile, boolean pruned) {
        public Result {
            problems = List.copyOf(problems);
            keptCheckpoints = List.copyOf(keptCheckpoints);
            notInFile = List.copyOf(notInFile);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }
    }

    private final DynamoDbConfigTable table;
    private final boolean createTable;
    private final boolean resetCheckpoints;
    private final boolean prune;

    private DynamoDbConfigLoader(Builder b) {
        this.table = Objects.requireNonNull(b.table, "table");
        this.createTable = b.createTable;
        this.resetCheckpoints = b.resetCheckpoints;
        this.prune = b.prune;
    }

    public static Builder builder(DynamoDbConfigTable table) {
        return new Builder(table);
    }

    /**
     * Validates {@code csv} and, if it has no errors, writes it.
     *
     * @param source the file name, for problems
     * @throws RslcException {@code USAGE} if the table is missing (and may not be created) or has another key;
     *                       {@code AWS} if DynamoDB fails
     */
    public Result load(String source, byte[] csv) {
        CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse(source, csv);
        List<Problem> problems = validate(source, parsed);
        if (problems.stream().anyMatch(Problem::isError)) {
            return new Result(problems, false, false, 0, List.of(), List.of(), false);
        }
        boolean created = false;
        if (!table.exists()) {
            if (!createTable) {
                throw new RslcException(RslcException.ErrorCode.USAGE, "DynamoDB table " + table.name()
                        + " does not exist; pass --create-table to create it");
            }
            table.create();
            created = true;
        }
        Map<TableName, Map<String, AttributeValue>> existing = new TreeMap<>();
        if (!created) {
            for (Map<String, AttributeValue> item : table.scanAll()) {
                AttributeValue s = item.get(SCHEMA_NAME);
                AttributeValue t = item.get(TABLE_NAME);
                if (s != null && t != null && s.s() != null && t.s() != null) {
                    existing.put(new TableName(s.s(), t.s()), item);
                }
            }
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<KeptCheckpoint> kept = new ArrayList<>();
        Set<TableName> inFile = new HashSet<>();
        for (RuleRecord r : parsed.records()) {
            TableName key = new TableName(r.get(SCHEMA_NAME), r.get(TABLE_NAME));
            inFile.add(key);
            Map<String, AttributeValue> item = new LinkedHashMap<>(RuleItems.toItem(r));
            Map<String, AttributeValue> old = existing.get(key);
            if (old != null && !resetCheckpoints) {
                AttributeValue stored = old.get(CHECKPOINT);
                String storedText = stored == null ? "" : Objects.requireNonNullElse(RuleItems.text(stored), "");
                if (stored == null) {
                    item.remove(CHECKPOINT);
                } else {
                    item.put(CHECKPOINT, stored);
                }
                if (!storedText.equals(r.get(CHECKPOINT))) {
                    kept.add(new KeptCheckpoint(key, storedText, r.get(CHECKPOINT)));
                }
            }
            items.add(item);
        }
        List<TableName> stale = existing.keySet().stream().filter(k -> !inFile.contains(k)).sorted(
                Comparator.comparing(TableName::toString)).toList();
        table.putAll(items);
        if (prune && !stale.isEmpty()) {
            table.deleteAll(stale);
        }
        return new Result(problems, true, created, items.size(), kept, stale, prune && !stale.isEmpty());
    }

    /** Every problem of a CSV, as a load would report them, without touching DynamoDB. */
    public static List<Problem> validate(String source, byte[] csv) {
        return validate(source, CsvRuleFormat.parse(source, csv));
    }

    private static List<Problem> validate(String source, CsvRuleFormat.Parsed parsed) {
        RuleSet validated = RuleValidator.validate(source, parsed.records());
        List<Problem> problems = new ArrayList<>(parsed.problems());
        problems.addAll(validated.problems());
        return problems;
    }

    /** Options of a load. */
    public static final class Builder {
        private final DynamoDbConfigTable table;
        private boolean createTable;
        private boolean resetCheckpoints;
        private boolean prune;

        private Builder(DynamoDbConfigTable table) {
            this.table = table;
        }

        /** Create the table (on-demand billing, the original's key) if it does not exist. */
        public Builder createTable(boolean create) {
            this.createTable = create;
            return this;
        }

        /** Overwrite stored checkpoints with the file's values (default: keep the stored ones). */
        public Builder resetCheckpoints(boolean reset) {
            this.resetCheckpoints = reset;
            return this;
        }

        /** Delete items the file does not list (default: report them only). */
        public Builder prune(boolean prune) {
            this.prune = prune;
            return this;
        }

        public DynamoDbConfigLoader build() {
            return new DynamoDbConfigLoader(this);
        }
    }
}
