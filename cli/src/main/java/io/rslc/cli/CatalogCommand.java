package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.aws.AwsClients;
import io.rslc.internal.aws.glue.GlueCatalog;
import io.rslc.internal.catalog.CatalogDdl;
import io.rslc.internal.catalog.CatalogTable;
import io.rslc.internal.catalog.CommittedArchive;
import io.rslc.internal.exec.Journal;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.store.RuleStores;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.spi.RuleStore;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code rslc catalog}: makes each rule's archive one external table in the AWS Glue Data Catalog (Athena,
 * Redshift Spectrum, EMR read it from there), with one partition per committed slice attempt as the journal lists
 * them, so a crashed attempt's folder is never read; or, with {@code --ddl}, prints the equivalent Athena DDL.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        header = "Register each rule's archive in the AWS Glue Data Catalog: one table, one partition per committed "
                + "slice (docs/catalog.md).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every archive registered (or printed)",
                "1:some rules invalid or some tables failed; the others were registered",
                "2:usage error, unreadable configuration, or no journal",
                "3:internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)"})
final class CatalogCommand implements Callable<Integer> {

    enum WarehouseKind { auto, postgresql, redshift }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "SOURCE",
            description = "Configuration: a CSV file in the original's format, or dynamodb://TABLE?region=R.")
    String config;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--warehouse", defaultValue = "auto",
            description = "Warehouse holding the journal: ${COMPLETION-CANDIDATES}; auto picks it from the JDBC URL "
                    + "(default: ${DEFAULT-VALUE}).")
    WarehouseKind warehouse;

    @Option(names = "--journal-schema", defaultValue = "rslc", paramLabel = "SCHEMA",
            description = "Schema of the journal table the runs wrote (default: ${DEFAULT-VALUE}).")
    String journalSchema;

    @Option(names = "--database", required = true, paramLabel = "GLUE_DB",
            description = "Glue database of the tables; created if absent.")
    String database;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", converter = TableNames.SelectionConverter.class,
            description = "Only these managed tables (default: every rule that archives; repeatable, or a.b,c.d; quote a part holding a dot or comma: s.\"a,b\").")
    List<TableNames.Selection> tables = List.of();

    @Option(names = "--table-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Prefix of the catalog table names, <prefix><schema>_<table> in lower case (default: none).")
    String tablePrefix;

    @Option(names = "--ddl", description = "Print the equivalent Athena DDL (CREATE EXTERNAL TABLE, ALTER TABLE ... "
            + "ADD PARTITION) instead of calling Glue.")
    boolean ddl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region of Glue (and of --secret); default: the SDK's region chain.")
    String region;

    @Option(names = "--glue-endpoint", paramLabel = "URI", hidden = true, description = "Glue endpoint override (tests).")
    URI glueEndpoint;

    @Override
    public Integer call() {
        LogSetup.configure(LogSetup.Format.text);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSet rules;
        try (RuleStore store = RuleStores.open(config)) {
            rules = store.load();
        }
        rules.errors().forEach(p -> err.println("ERROR: " + p));
        List<Rule> chosen = choose(rules, err);
        EmbeddedDatabase embedded = connection.embedded() ? EmbeddedDatabase.start(connection.embeddedDir) : null;
        GlueClient glue = null;
        int failed = 0;
        try {
            ConnectionOptions.Login db = embedded != null ? new ConnectionOptions.Login(embedded.jdbcUrl(), null, null)
                    : connection.resolve(region, warehouse == WarehouseKind.auto ? null : warehouse.name());
            SqlDialect dialect = warehouse == WarehouseKind.redshift || (warehouse == WarehouseKind.auto
                    && db.jdbcUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:redshift:"))
                    ? SqlDialect.REDSHIFT : SqlDialect.POSTGRESQL;
            Journal journal = new Journal(dialect, journalSchema);
            try (Connection c = new JdbcDataSource(db.jdbcUrl(), db.user(), db.password()).getConnection()) {
                if (!journal.exists(c)) {
                    throw new RslcException(RslcException.ErrorCode.USAGE, "there is no journal " + journal.name()
                            + " in this database: nothing was archived here yet, or the runs used another "
                            + "--journal-schema");
                }
                GlueCatalog catalog = null;
                if (!ddl) {
                    glue = AwsClients.glue(region, glueEndpoint);
                    catalog = new GlueCatalog(glue);
                }
                var stores = archive.stores();
                for (Rule rule : chosen) {
                    String name = CatalogTable.nameFor(tablePrefix, rule.table());
                    try {
                        CommittedArchive committed = CommittedArchive.read(rule, journal.entries(c, rule.table()),
                                stores);
                        if (committed.columns().isEmpty()) {
                            err.println(rule.table() + ": nothing archived yet (no committed slice in "
                                    + journal.name() + "), not registered");
                            continue;
                        }
                        CatalogTable table = CatalogTable.of(database, name, rule, committed.columns());
                        if (catalog == null) {
                            out.print(CatalogDdl.render(table, committed.partitions()));
                            err.println(rule.table() + " -> " + database + "." + name + ": "
                                    + committed.partitions().size() + " partition(s) printed");
                        } else {
                            GlueCatalog.Result r = catalog.sync(table, committed.partitions());
                            out.println(rule.table() + " -> " + database + "." + name + ": "
                                    + (r.databaseCreated() ? "database created, " : "")
                                    + "table " + r.table().name().toLowerCase(Locale.ROOT) + ", " + r.added()
                                    + " partition(s) added, " + r.updated() + " updated, " + r.removed()
                                    + " removed, " + r.unchanged() + " unchanged");
                        }
                    } catch (RslcException e) {
                        if (e.code() == RslcException.ErrorCode.INTERNAL) {
                            throw e;
                        }
                        failed++;
                        err.println("FAILED " + rule.table() + ": " + e.getMessage());
                    } catch (SQLException e) {
                        failed++;
                        err.println("FAILED " + rule.table() + ": cannot read " + journal.name() + ": "
                                + e.getMessage());
                    }
                    out.flush();
                }
            }
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot read the journal: " + e.getMessage(), e);
        } finally {
            if (glue != null) {
                glue.close();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
        err.flush();
        return failed > 0 || rules.hasErrors() ? 1 : 0;
    }

    /** The rules to register: those of --table (each must have a valid rule), of rules that archive. */
    private List<Rule> choose(RuleSet rules, PrintWriter err) {
        Set<TableName> wanted = new LinkedHashSet<>(TableNames.flatten(tables));
        List<Rule> chosen = new ArrayList<>();
        Map<String, TableName> names = new HashMap<>();
        for (Rule rule : rules.rules()) {
            if (!tables.isEmpty() && !wanted.remove(rule.table())) {
                continue;
            }
            if (!rule.mode().archives()) {
                err.println(rule.table() + ": its rule deletes without archiving (update_delete_flag "
                        + rule.mode().flag() + "), not registered");
                continue;
            }
            TableName before = names.put(CatalogTable.nameFor(tablePrefix, rule.table()), rule.table());
            if (before != null) {
                throw new RslcException(RslcException.ErrorCode.USAGE, before + " and " + rule.table()
                        + " would both be catalog table " + CatalogTable.nameFor(tablePrefix, rule.table())
                        + ": register them in separate runs with --table and different --table-prefix values");
            }
            chosen.add(rule);
        }
        if (!wanted.isEmpty()) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "--table " + wanted.iterator().next()
                    + ": no valid rule for it in " + rules.source() + (rules.hasErrors() ? " (see the errors above)" : ""));
        }
        return chosen;
    }
}
