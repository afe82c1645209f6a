package io.rslc.internal.exec;

import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.internal.sql.SqlTemplates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks, before anything runs, that a rule's table exists and its column is a date or timestamp, so a wrong
 * rule fails with a sentence instead of a warehouse error halfway through.
 */
final class TableCheck {

    private static final Set<String> DATE_TYPES = Set.of("date", "timestamp without time zone",
            "timestamp with time zone", "timestamp", "timestamptz");

    private TableCheck() {
    }

    static void check(Connection c, Rule rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlTemplates.get("common/slice.sql", "table_exists").render().sql())) {
            ps.setString(1, rule.table().schema());
            ps.setString(2, rule.table().table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RslcException(RslcException.ErrorCode.TABLE, "table " + rule.table()
                            + " does not exist (or the rslc user cannot see it); check " + rule.origin());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SqlTemplates.get("common/slice.sql", "column_type").render().sql())) {
            ps.setString(1, rule.table().schema());
            ps.setString(2, rule.table().table());
            ps.setString(3, rule.column());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RslcException(RslcException.ErrorCode.TABLE, "column " + rule.column()
                            + " does not exist in " + rule.table() + "; check column_name in " + rule.origin());
                }
                String type = rs.getString(1).toLowerCase(Locale.ROOT);
                if (!DATE_TYPES.contains(type)) {
                    throw new RslcException(RslcException.ErrorCode.TABLE, "column " + rule.column() + " of "
                            + rule.table() + " is " + type + ", not a date or timestamp; check column_name in "
                            + rule.origin());
                }
            }
        }
        if (rule.unload().partitionColumn() != null && rule.mode().archives()) {
            try (PreparedStatement ps = c.prepareStatement(SqlTemplates.get("common/slice.sql", "column_type").render().sql())) {
                ps.setString(1, rule.table().schema());
                ps.setString(2, rule.table().table());
                ps.setString(3, rule.unload().partitionColumn());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new RslcException(RslcException.ErrorCode.TABLE, "partition column "
                                + rule.unload().partitionColumn() + " does not exist in " + rule.table()
                                + "; check partition_column in " + rule.origin());
                    }
                }
            }
        }
    }
}
