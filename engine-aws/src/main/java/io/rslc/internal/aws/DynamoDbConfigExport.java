package io.rslc.internal.aws;

import io.rslc.api.Problem;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.config.RuleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB configuration table written back as the original's CSV (BOM, header in the original column order,
 * LF, no final newline), so a configuration kept in DynamoDB can be reviewed, versioned and reloaded. Rows are
 * ordered by priority, then schema, then table: the run order, and the order of the original's sample file, which
 * therefore survives a load and export byte for byte. (DynamoDB keeps no row order, so a file's own order cannot
 * be restored in general.)
 */
public final class DynamoDbConfigExport {

    /**
     * An export.
     *
     * @param csv      the file's bytes
     * @param rows     rows written
     * @param problems items whose attributes could not be written as CSV (lists, maps, unknown attributes)
     */
    public record Export(byte[] csv, int rows, List<Problem> problems) {
        public Export {
            problems = List.copyOf(problems);
        }
    }

    /** Priority as a number (non-numbers after all numbers, by text), then schema, then table. */
    static final Comparator<RuleRecord> EXPORT_ORDER = Comparator
            .comparing((RuleRecord r) -> priority(r) == null ? 1 : 0)
            .thenComparing(r -> priority(r) == null ? Long.MIN_VALUE : priority(r))
            .thenComparing(r -> r.get(RuleFields.PRIORITY))
            .thenComparing(r -> r.get(RuleFields.SCHEMA_NAME))
            .thenComparing(r -> r.get(RuleFields.TABLE_NAME));

    private DynamoDbConfigExport() {
    }

    /** Reads every item (paginated Scan) and renders the CSV. */
    public static Export export(DynamoDbConfigTable table) {
        return render(table.source(), table.scanAll());
    }

    static Export render(String source, List<Map<String, AttributeValue>> items) {
        List<RuleRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            RuleItems.Converted c = RuleItems.toRecord(source, item);
            records.add(c.record());
            problems.addAll(c.problems());
        }
        records.sort(EXPORT_ORDER);
        problems.sort(Comparator.comparing(Problem::location));
        // the original's columns, plus an extra UNLOAD option's column only when some item has it
        List<String> header = new ArrayList<>(RuleFields.ORIGINAL);
        RuleFields.UNLOAD_EXTRAS.stream().filter(f -> records.stream().anyMatch(r -> r.fields().containsKey(f)))
                .forEach(header::add);
        return new Export(CsvRuleFormat.write(header, records), records.size(), problems);
    }

    private static Long priority(RuleRecord r) {
        try {
            return Long.parseLong(r.get(RuleFields.PRIORITY).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
