package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.aws.dataapi.DataApiDataSource;
import io.rslc.internal.store.RuleStores;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.RuleStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The configuration, connection, archive and warehouse options of the commands that read the journal and the
 * archive ({@code status}, {@code verify}, {@code restore}), and what they open from them.
 */
final class WarehouseOptions {

    @Option(names = "--config", paramLabel = "SOURCE",
            description = "Configuration: a CSV file in the original's format, or dynamodb://TABLE?region=R.")
    String config;

    @Mixin
    GlueArguments glue;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ArchiveOptions archive;

    @Mixin
    DataApiOptions dataApi;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of 'today' and of the warehouse session (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--journal-schema", defaultValue = "rslc", paramLabel = "SCHEMA",
            description = "Schema of the journal table (default: ${DEFAULT-VALUE}).")
    String journalSchema;

    @Option(names = "--warehouse", defaultValue = "auto",
            description = "Warehouse SQL dialect: ${COMPLETION-CANDIDATES}; auto picks it from the JDBC URL "
                    + "(default: ${DEFAULT-VALUE}).")
    RunCommand.WarehouseKind warehouse;

    @Option(names = {"--role-arn", "--role_arn"}, paramLabel = "ARN",
            description = "Redshift: the IAM role COPY uses (default: IAM_ROLE default).")
    String roleArn;

    @Option(names = "--region", paramLabel = "REGION", description = "Redshift: the bucket region when a rule names none.")
    String region;

    /** Opens the rules, the database (embedded if asked) and the warehouse; close it when done. */
    Opened open(List<TableName> only) {
        String source = glue.configSource(config);
        EmbeddedDatabase embedded = connection.embedded() ? EmbeddedDatabase.start(connection.embeddedDir) : null;
        RuleStore store = null;
        try {
            store = RuleStores.open(source);
            RuleSet set = store.load();
            List<Rule> rules = set.rules().stream().filter(r -> only.isEmpty() || only.contains(r.table())).toList();
            for (TableName t : only) {
                if (set.rules().stream().noneMatch(r -> r.table().equals(t))) {
                    throw new RslcException(RslcException.ErrorCode.USAGE, "--table " + t + ": no valid rule for "
                            + "this table in " + source);
                }
            }
            DataApiDataSource viaDataApi = dataApi.open(connection, warehouse,
                    region != null ? region : glue.regionName);
            if (viaDataApi != null) {
                return new Opened(embedded, store, set, rules, viaDataApi, warehouseFor(DATA_API),
                        new SessionSettings(zone, Duration.ofMinutes(20)));
            }
            ConnectionOptions.Login db = embedded != null ? new ConnectionOptions.Login(embedded.jdbcUrl(), null, null)
                    : connection.resolve(glue.regionName, warehouse == RunCommand.WarehouseKind.postgresql
                            ? "postgresql" : warehouse == RunCommand.WarehouseKind.redshift ? "redshift" : null);
            return new Opened(embedded, store, set, rules, new JdbcDataSource(db.jdbcUrl(), db.user(), db.password()),
                    warehouseFor(db.jdbcUrl()), new SessionSettings(zone, Duration.ofMinutes(20)));
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private Warehouse warehouseFor(String url) {
        return warehouseFor(warehouse, url, archive, roleArn, region != null ? region : glue.regionName, journalSchema);
    }

    /** Stands for the URL when {@code --data-api} is the connection: always Redshift. */
    static final String DATA_API = "redshift-data-api";

    /** The warehouse: explicit, or chosen by the URL, never by what the driver says it is (run and the others). */
    static Warehouse warehouseFor(RunCommand.WarehouseKind chosen, String url, ArchiveOptions archive, String roleArn,
                                  String region, String journalSchema) {
        String u = url.toLowerCase(Locale.ROOT);
        RunCommand.WarehouseKind kind = DATA_API.equals(url) ? RunCommand.WarehouseKind.redshift : chosen;
        if (kind == RunCommand.WarehouseKind.auto) {
            kind = u.startsWith("jdbc:postgresql:") ? RunCommand.WarehouseKind.postgresql
                    : u.startsWith("jdbc:redshift:") ? RunCommand.WarehouseKind.redshift : RunCommand.WarehouseKind.auto;
        }
        return switch (kind) {
            case postgresql -> new PostgresWarehouse(archive.stores());
            case redshift -> new RedshiftWarehouse(roleArn, region, journalSchema, 60, Duration.ofSeconds(30));
            case auto -> throw new RslcException(RslcException.ErrorCode.USAGE, "unsupported JDBC URL '"
                    + url.replaceAll(io.rslc.internal.warehouse.SqlStates.SECRET_URL_OPTION, "$1***") + "': use jdbc:postgresql://host:port/db, "
                    + "jdbc:redshift://host:port/db or 'embedded' (or --warehouse)");
        };
    }

    /** What {@link #open} opened. */
    record Opened(EmbeddedDatabase embedded, RuleStore store, RuleSet ruleSet, List<Rule> rules, DataSource dataSource,
                  Warehouse warehouse, SessionSettings session) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource instanceof DataApiDataSource d) {
                d.close();
            }
            store.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
