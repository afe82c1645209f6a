package io.rslc.internal.verify;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.internal.exec.Journal;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.internal.warehouse.SharedConnection;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.ArchiveStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Runs {@code rslc verify} table by table: reads the journal, holds the table's run lock while it looks for
 * orphans (so the work in progress of a running {@code rslc run} is never mistaken for one, nor removed), checks
 * the archive with {@link ArchiveVerifier}, and removes orphans when asked. A table that cannot be verified is
 * reported with its reason; the others go on.
 */
public final class Verifier {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final SessionSettings session;
    private final Journal journal;
    private final ArchiveVerifier archives;

    public Verifier(DataSource dataSource, Warehouse warehouse, SessionSettings session, String journalSchema,
                    Function<ArchiveLocation, ArchiveStore> stores) {
        this.dataSource = dataSource;
        this.warehouse = warehouse;
        this.session = session;
        this.journal = new Journal(warehouse.sql().dialect(), journalSchema);
        this.archives = new ArchiveVerifier(stores);
    }

    /**
     * Verifies the rules' tables.
     *
     * @param from  first slice start to check, or null
     * @param to    last slice start to check (inclusive), or null
     * @param clean remove the orphans found (only under the table's run lock)
     * @param removing told of each orphan before it is removed
     */
    public List<TableVerification> verify(List<Rule> rules, LocalDate from, LocalDate to, boolean clean,
                                          Consumer<Finding> removing) {
        Predicate<String> inRange = key -> {
            LocalDate start = sliceStart(key);
            return start == null || ((from == null || !start.isBefore(from)) && (to == null || !start.isAfter(to)));
        };
        List<TableVerification> out = new ArrayList<>();
        SharedConnection shared;
        try {
            shared = new SharedConnection(dataSource);
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot connect to read the journal: "
                    + e.getMessage(), e);
        }
        try (shared) {
            for (Rule rule : rules) {
                out.add(verifyOne(shared, rule, inRange, clean, removing));
            }
        } catch (SQLException e) {
            // closing the shared session failed: every table was already verified
        }
        return out;
    }

    private TableVerification verifyOne(DataSource db, Rule rule, Predicate<String> inRange, boolean clean,
                                        Consumer<Finding> removing) {
        try {
            return verify(db, rule, inRange, clean, removing);
        } catch (SQLException e) {
            return TableVerification.failed(rule.table(), "cannot read the journal: " + e.getMessage());
        } catch (RslcException e) {
            return TableVerification.failed(rule.table(), e.getMessage());
        }
    }

    private TableVerification verify(DataSource db, Rule rule, Predicate<String> inRange, boolean clean,
                                     Consumer<Finding> removing) throws SQLException {
        try (Connection c = db.getConnection()) {
            warehouse.configureSession(c, session);
            List<JournalEntry> entries = journal.exists(c) ? journal.entries(c, rule.table()) : List.of();
            try (Warehouse.TableLock lock = warehouse.tryLock(c, rule.table())) {
                String note = lock != null ? null : "a run is working on " + rule.table() + ": an uncommitted "
                        + "generation may be its work in progress" + (clean ? "; no orphan removed" : "");
                ArchiveVerifier.Result r = archives.verify(rule, entries, inRange);
                List<String> removed = clean && lock != null ? archives.clean(r.findings(), r, removing) : List.of();
                return r.report(rule, removed, note);
            }
        }
    }

    /** The first day of a slice key ({@code 2020-03-21} or {@code 2020-03}), or null if it is neither. */
    static LocalDate sliceStart(String key) {
        try {
            return key.length() == 7 ? LocalDate.parse(key + "-01") : LocalDate.parse(key);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
