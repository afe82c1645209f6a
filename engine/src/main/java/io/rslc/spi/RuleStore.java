package io.rslc.spi;

import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import java.time.LocalDate;

/**
 * Where rules and their checkpoints live: a CSV file, a DynamoDB table, or anything an embedding application
 * provides. A store returns valid {@link io.rslc.api.Rule}s and reports every row it could not use as a
 * {@link io.rslc.api.Problem} in the {@link RuleSet}, never by throwing, so one bad row never stops the others.
 */
public interface RuleStore extends AutoCloseable {

    /** A name for messages and reports: a file path or {@code dynamodb://table}. */
    String name();

    /**
     * Reads and validates all rules. Invalid rows are reported in the result, not thrown.
     *
     * @throws io.rslc.api.RslcException with {@code USAGE} if the source cannot be read at all
     */
    RuleSet load();

    /**
     * Sets a rule's checkpoint to {@code next} only if it still holds {@code expected} (null = never ran).
     *
     * @return true if written; false if another writer changed it first (nothing is written then)
     */
    boolean compareAndSetCheckpoint(TableName table, LocalDate expected, LocalDate next);

    /**
     * Whether {@link #compareAndSetCheckpoint} keeps what it is given. False for a store that leaves its source as
     * it was (a CSV file kept in git): then the executor plans from the journal's last committed slice, and its
     * reports and logs say the checkpoint lives in the journal. Default true.
     */
    default boolean storesCheckpoints() {
        return true;
    }

    /** Releases clients the store owns; a no-op for file stores. */
    @Override
    default void close() {
    }
}
