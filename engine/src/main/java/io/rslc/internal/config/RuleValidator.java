package io.rslc.internal.config;

import static io.rslc.internal.config.RuleFields.*;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Maintenance;
import io.rslc.api.MaxFileSize;
import io.rslc.api.Mode;
import io.rslc.api.Problem;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns raw {@link RuleRecord}s into {@link Rule}s, collecting every problem at once with its source, line,
 * field and reason. Shared by every rule store so a mistake reads the same wherever the config lives.
 *
 * <p>Why this file is long: it holds one check per field of the original's twenty columns (and rslc's extra
 * ones), in column order, so every rule about a field and every message a user can see for it are in one place.
 */
public final class RuleValidator {

    /** Longest identifier Redshift accepts, in UTF-8 bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 127;
    /** Largest retention accepted: keeps date arithmetic far from the calendar's ends. */
    public static final int MAX_RETENTION = 100_000;

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern KMS_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/_.-]{0,2047}");
    private static final Pattern FILE_EXTENSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern ROW_GROUP_MB = Pattern.compile("(\\d{1,4})\\s*(?i:mb)?");
    /** Redshift's ROWGROUPSIZE range, in MB. */
    public static final int MIN_ROW_GROUP_MB = 32;
    public static final int MAX_ROW_GROUP_MB = 128;

    private RuleValidator() {
    }

    /**
     * Validates all records; duplicates of the same schema.table are errors on the later rows.
     *
     * @param source the configuration source name, for the result
     */
    public static RuleSet validate(String source, List<RuleRecord> records) {
        List<Rule> rules = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<TableName, RuleRecord> seen = new HashMap<>();
        for (RuleRecord r : records) {
            List<Problem> own = new ArrayList<>();
            Optional<Rule> rule = validate(r, own);
            problems.addAll(own);
            if (rule.isEmpty()) {
                continue;
            }
            RuleRecord first = seen.putIfAbsent(rule.get().table(), r);
            if (first != null) {
                problems.add(error(r, TABLE_NAME, rule.get().table() + " is configured twice; first at "
                        + first.location() + ". List a table once."));
                continue;
            }
            rules.add(rule.get());
        }
        return new RuleSet(source, rules, problems);
    }

    /** Validates one record, adding its problems to {@code problems}; empty if any of them is an error. */
    public static Optional<Rule> validate(RuleRecord r, List<Problem> problems) {
        int before = problems.size();
        for (String f : REQUIRED) {
            if (r.get(f).isBlank()) {
                problems.add(error(r, f, "is required"));
            }
        }
        String schema = identifier(r, SCHEMA_NAME, problems);
        String table = identifier(r, TABLE_NAME, problems);
        String column = identifier(r, COLUMN_NAME, problems);
        String partitionColumn = identifier(r, PARTITION_COLUMN, problems);

        Granularity granularity = parse(r, GRANULARITY_LEVEL, Granularity::parse,
                "must be daily or monthly", problems);
        Integer retention = integer(r, RETENTION_PERIOD, 0, MAX_RETENTION, problems);
        Integer priority = integer(r, PRIORITY, Integer.MIN_VALUE, Integer.MAX_VALUE, problems);
        Integer flag = integer(r, UPDATE_DELETE_FLAG, 0, 2, problems);
        Mode mode = flag == null ? null : Mode.ofFlag(flag).orElse(null);

        FileFormat format = parse(r, FILE_FORMAT, FileFormat::parse, "must be PARQUET, CSV, JSON or blank (text)",
                problems);
        Compression compression = parse(r, COMPRESSION, Compression::parse, "must be gzip, zstd, bzip2 or blank",
                problems);
        Boolean header = bool(r, HEADER, false, problems);
        Boolean addQuotes = bool(r, ADD_QUOTES, false, problems);
        Boolean escape = bool(r, ESCAPE, false, problems);
        Boolean parallel = bool(r, PARALLEL, true, problems);
        String delimiter = delimiter(r, problems);
        String nullAs = r.get(NULL_AS).isEmpty() ? null : r.get(NULL_AS);
        MaxFileSize maxFileSize = maxFileSize(r, problems);
        String region = region(r, problems);
        ArchiveLocation location = location(r, mode, problems);
        LocalDate checkpoint = checkpoint(r, granularity, problems);
        Maintenance maintenance = maintenance(r, problems);
        UnloadOptions.Encryption encryption = encryption(r, problems);
        String kmsKeyId = kmsKeyId(r, problems);
        String extension = extension(r, problems);
        Integer rowGroupSize = rowGroupSize(r, problems);
        UnloadExclusions.check(r, format, header, delimiter, addQuotes, nullAs, escape, encryption, kmsKeyId,
                rowGroupSize, location, problems);

        if (problems.subList(before, problems.size()).stream().anyMatch(Problem::isError)) {
            return Optional.empty();
        }
        UnloadOptions.Builder unload = UnloadOptions.builder()
                .location(mode.archives() ? location : null)
                .format(format).partitionColumn(partitionColumn)
                .header(header).delimiter(delimiter).addQuotes(addQuotes).nullAs(nullAs).escape(escape)
                .compression(compression).maxFileSize(maxFileSize).parallel(parallel).region(region)
                .kmsKeyId(kmsKeyId).extension(extension).rowGroupSizeMb(rowGroupSize);
        if (encryption == UnloadOptions.Encryption.AUTO) {
            unload.encryptedAuto();
        }
        formatCombinations(r, format, unload, problems);
        return Optional.of(Rule.builder()
                .table(schema, table).column(column).granularity(granularity).retention(retention)
                .priority(priority).mode(mode).checkpoint(checkpoint).unload(unload.build())
                .maintenance(maintenance).origin(r.origin())
                .build());
    }

    /** Options Redshift rejects with a format are dropped with a warning, as the original ignored them. */
    private static void formatCombinations(RuleRecord r, FileFormat format, UnloadOptions.Builder unload,
                                           List<Problem> problems) {
        UnloadOptions o = unload.build();
        if (format == FileFormat.PARQUET) {
            ignoreIf(o.header(), r, HEADER, "is ignored with PARQUET", problems, () -> unload.header(false));
            ignoreIf(o.delimiter() != null, r, DELIMITER, "is ignored with PARQUET", problems,
                    () -> unload.delimiter(null));
            ignoreIf(o.addQuotes(), r, ADD_QUOTES, "is ignored with PARQUET", problems, () -> unload.addQuotes(false));
            ignoreIf(o.nullAs() != null, r, NULL_AS, "is ignored with PARQUET", problems, () -> unload.nullAs(null));
            ignoreIf(o.escape(), r, ESCAPE, "is ignored with PARQUET", problems, () -> unload.escape(false));
            ignoreIf(o.compression() != Compression.NONE, r, COMPRESSION,
                    "is ignored with PARQUET (Parquet files are Snappy-compressed)", problems,
                    () -> unload.compression(Compression.NONE));
        } else if (format == FileFormat.CSV) {
            ignoreIf(o.addQuotes(), r, ADD_QUOTES, "is ignored with CSV (CSV quotes fields as needed)", problems,
                    () -> unload.addQuotes(false));
            ignoreIf(o.escape(), r, ESCAPE, "is ignored with CSV (CSV escapes quotes by doubling them)", problems,
                    () -> unload.escape(false));
        }
        if (!r.get(S3_PATH).isBlank() && r.fields().containsKey(UPDATE_DELETE_FLAG)
                && Mode.DELETE_ONLY.flag() == parseIntOrMinus(r.get(UPDATE_DELETE_FLAG))) {
            problems.add(warning(r, S3_PATH, "is not used in delete-only mode (update_delete_flag 1)"));
        }
    }

    private static void ignoreIf(boolean set, RuleRecord r, String field, String message, List<Problem> problems,
                                 Runnable clear) {
        if (set) {
            problems.add(warning(r, field, message));
            clear.run();
        }
    }

    private static String identifier(RuleRecord r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (v.isEmpty()) {
            return null;
        }
        if (!v.equals(v.strip())) {
            problems.add(error(r, field, "has leading or trailing spaces: '" + Printable.shown(v) + "'"));
        }
        int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            problems.add(error(r, field, "is " + bytes + " bytes long in UTF-8; Redshift allows "
                    + MAX_IDENTIFIER_BYTES));
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(error(r, field, "contains a control character"));
        }
        return v;
    }

    private static <T> T parse(RuleRecord r, String field, Function<String, Optional<T>> parser, String expectation,
                               List<Problem> problems) {
        String v = r.get(field);
        if (v.isBlank() && REQUIRED.contains(field)) {
            return null;
        }
        Optional<T> parsed = parser.apply(v);
        if (parsed.isEmpty()) {
            problems.add(error(r, field, expectation + ", got '" + Printable.shown(v) + "'"));
        }
        return parsed.orElse(null);
    }

    private static Integer integer(RuleRecord r, String field, int min, int max, List<Problem> problems) {
        String v = r.get(field).trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!INTEGER.matcher(v).matches()) {
            problems.add(error(r, field, "must be a whole number, got '" + Printable.shown(v) + "'"));
            return null;
        }
        java.math.BigInteger n = new java.math.BigInteger(v);
        String range = min == Integer.MIN_VALUE ? " (a 32-bit integer)" : "";
        if (n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            problems.add(error(r, field, "is out of range (max " + max + range + "), got " + Printable.shown(v)));
            return null;
        }
        if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            problems.add(error(r, field, "is out of range (min " + min + range + "), got " + Printable.shown(v)));
            return null;
        }
        return n.intValueExact();
    }

    private static int parseIntOrMinus(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The original's boolean spellings: '', 0, '0', f, false -> false; 1, '1', t, true -> true. */
    static Optional<Boolean> parseBoolean(String raw) {
        String v = raw.trim();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1).trim();
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "", "0", "f", "false":
                return Optional.of(false);
            case "1", "t", "true":
                return Optional.of(true);
            default:
                return Optional.empty();
        }
    }

    private static Boolean bool(RuleRecord r, String field, boolean blankMeans, List<Problem> problems) {
        String v = r.get(field);
        if (v.isBlank()) {
            return blankMeans;
        }
        Optional<Boolean> b = parseBoolean(v);
        if (b.isEmpty()) {
            problems.add(error(r, field, "must be 0 or 1 (or true/false, t/f), got '" + Printable.shown(v) + "'"));
        }
        return b.orElse(null);
    }

    private static String delimiter(RuleRecord r, List<Problem> problems) {
        String v = r.get(DELIMITER);
        if (v.isEmpty()) {
            return null;
        }
        if (v.equals("\\t")) {
            return "\t";
        }
        if (v.length() != 1 || v.charAt(0) > 0x7e || (v.charAt(0) < 0x20 && v.charAt(0) != '\t')) {
            problems.add(error(r, DELIMITER, "must be a single ASCII character (or \\t for tab), got '" + Printable.shown(v) + "'"));
            return null;
        }
        if (v.equals("\"") || v.equals("\\")) {
            problems.add(error(r, DELIMITER, "cannot be a quote or a backslash, got '" + Printable.shown(v) + "'"));
            return null;
        }
        return v;
    }

    private static MaxFileSize maxFileSize(RuleRecord r, List<Problem> problems) {
        String v = r.get(MAX_FILESIZE);
        if (v.isBlank()) {
            return null;
        }
        Optional<MaxFileSize> size = MaxFileSize.parse(v);
        if (size.isEmpty()) {
            problems.add(error(r, MAX_FILESIZE, "must be a size like '1 gb' or '500 mb', got '" + Printable.shown(v) + "'"));
            return null;
        }
        if (!size.get().inRange()) {
            problems.add(error(r, MAX_FILESIZE, "must be between 5 MB and 6.2 GB, got '" + Printable.shown(v) + "'"));
            return null;
        }
        return size.get();
    }

    private static String region(RuleRecord r, List<Problem> problems) {
        String v = r.get(UNLOAD_REGION).trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!REGION.matcher(v).matches()) {
            problems.add(error(r, UNLOAD_REGION, "must be an AWS region such as us-east-1, got '" + Printable.shown(v) + "'"));
            return null;
        }
        return v;
    }

    /** {@code encrypted}: blank or false for none, true for ENCRYPTED with {@code kms_key_id}, {@code auto}. */
    private static UnloadOptions.Encryption encryption(RuleRecord r, List<Problem> problems) {
        String v = r.get(ENCRYPTED).trim();
        if (v.equalsIgnoreCase("auto")) {
            return UnloadOptions.Encryption.AUTO;
        }
        Optional<Boolean> b = parseBoolean(v);
        if (b.isEmpty()) {
            problems.add(error(r, ENCRYPTED, "must be 0, 1 or auto (or true/false, t/f), got '" + Printable.shown(v)
                    + "'"));
            return null;
        }
        return b.get() ? UnloadOptions.Encryption.KMS_KEY : UnloadOptions.Encryption.NONE;
    }

    private static String kmsKeyId(RuleRecord r, List<Problem> problems) {
        String v = r.get(KMS_KEY_ID).trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!KMS_KEY.matcher(v).matches()) {
            problems.add(error(r, KMS_KEY_ID, "must be a KMS key id, key ARN, alias/name or alias ARN, got '"
                    + Printable.shown(v) + "'"));
            return null;
        }
        return v;
    }

    private static String extension(RuleRecord r, List<Problem> problems) {
        String v = r.get(EXTENSION).trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!FILE_EXTENSION.matcher(v).matches()) {
            problems.add(error(r, EXTENSION, "must be letters, digits, '.', '_' or '-' (up to 32, without the"
                    + " leading dot, e.g. csv.gz), got '" + Printable.shown(v) + "'"));
            return null;
        }
        return v;
    }

    /** {@code row_group_size}: whole MB, {@code 64} or {@code 64 mb}; Redshift accepts 32 to 128. */
    private static Integer rowGroupSize(RuleRecord r, List<Problem> problems) {
        String v = r.get(ROW_GROUP_SIZE).trim();
        if (v.isEmpty()) {
            return null;
        }
        var m = ROW_GROUP_MB.matcher(v);
        int mb = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (mb < MIN_ROW_GROUP_MB || mb > MAX_ROW_GROUP_MB) {
            problems.add(error(r, ROW_GROUP_SIZE, "must be a whole number of MB from " + MIN_ROW_GROUP_MB + " to "
                    + MAX_ROW_GROUP_MB + " (e.g. 64 mb), got '" + Printable.shown(v) + "'"));
            return null;
        }
        return mb;
    }

    /** The archive folder, read by {@link ArchiveLocation#parse}; unused (and so not read) in delete-only mode. */
    private static ArchiveLocation location(RuleRecord r, Mode mode, List<Problem> problems) {
        String v = r.get(S3_PATH).trim();
        if (v.isEmpty()) {
            if (mode != null && mode.archives()) {
                problems.add(error(r, S3_PATH, "is required when update_delete_flag is " + mode.flag()
                        + " (rows are unloaded)"));
            }
            return null;
        }
        if (mode != null && !mode.archives()) {
            return null; // warned about in formatCombinations: nothing is ever written there
        }
        try {
            return ArchiveLocation.parse(v);
        } catch (IllegalArgumentException e) {
            problems.add(error(r, S3_PATH, e.getMessage() + ", got '" + Printable.shown(v) + "'"));
            return null;
        }
    }

    /** The optional per-rule maintenance columns; blank means the default. */
    private static Maintenance maintenance(RuleRecord r, List<Problem> problems) {
        Maintenance d = Maintenance.defaults();
        Maintenance.VacuumMode vacuum = r.get(VACUUM_MODE).isBlank() ? d.vacuum() : parse(r, VACUUM_MODE,
                Maintenance.VacuumMode::parse, "must be delete only, full, sort only, recluster or off", problems);
        Integer toPercent = r.get(VACUUM_TO_PERCENT).isBlank() ? d.toPercent()
                : integer(r, VACUUM_TO_PERCENT, 0, 100, problems);
        Boolean boost = bool(r, VACUUM_BOOST, d.boost(), problems);
        Double unsorted = percent(r, VACUUM_UNSORTED_PCT, d.minUnsortedPct(), problems);
        Double deleted = percent(r, VACUUM_DELETED_PCT, d.minDeletedPct(), problems);
        Maintenance.AnalyzeMode analyze = r.get(ANALYZE_MODE).isBlank() ? d.analyze() : parse(r, ANALYZE_MODE,
                Maintenance.AnalyzeMode::parse, "must be predicate columns, all columns or off", problems);
        Double statsOff = percent(r, ANALYZE_STATS_OFF_PCT, d.minStatsOffPct(), problems);
        Maintenance.Policy policy = r.get(MAINTENANCE_POLICY).isBlank() ? d.policy() : parse(r, MAINTENANCE_POLICY,
                Maintenance.Policy::parse, "must be auto, threshold or full", problems);
        if (policy == null || vacuum == null || boost == null || unsorted == null || deleted == null || analyze == null
                || statsOff == null || (toPercent == null && !r.get(VACUUM_TO_PERCENT).isBlank())) {
            return d;
        }
        return new Maintenance(vacuum, toPercent, boost, unsorted, deleted, analyze, statsOff, policy);
    }

    private static Double percent(RuleRecord r, String field, double blankMeans, List<Problem> problems) {
        String v = r.get(field).trim();
        if (v.isEmpty()) {
            return blankMeans;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 100) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(error(r, field, "must be a percentage between 0 and 100, got '" + Printable.shown(v) + "'"));
        return null;
    }

    private static LocalDate checkpoint(RuleRecord r, Granularity granularity, List<Problem> problems) {
        String v = r.get(CHECKPOINT).trim();
        if (v.isEmpty()) {
            return null;
        }
        // The original stored max(col), which for a timestamp column is 'YYYY-MM-DD HH:MM:SS'.
        String datePart = v.length() > 10 && (v.charAt(10) == ' ' || v.charAt(10) == 'T') ? v.substring(0, 10) : v;
        LocalDate d;
        try {
            d = LocalDate.parse(datePart);
        } catch (DateTimeParseException e) {
            problems.add(error(r, CHECKPOINT, "must be a date YYYY-MM-DD, got '" + Printable.shown(v) + "'"));
            return null;
        }
        if (granularity == Granularity.MONTHLY && d.getDayOfMonth() != 1) {
            problems.add(warning(r, CHECKPOINT, "is not the first day of a month; read as " + d.withDayOfMonth(1)));
            d = d.withDayOfMonth(1);
        }
        return d;
    }

    static Problem error(RuleRecord r, String field, String message) {
        return new Problem(Problem.Severity.ERROR, r.source(), r.location(), r.line(), field, message);
    }

    static Problem warning(RuleRecord r, String field, String message) {
        return new Problem(Problem.Severity.WARNING, r.source(), r.location(), r.line(), field, message);
    }
}
