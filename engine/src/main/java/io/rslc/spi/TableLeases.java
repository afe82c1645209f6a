package io.rslc.spi;

import io.rslc.api.TableName;

/**
 * Cross-machine coordination of rslc workers: a lease per table, so several processes sharing one configuration
 * never work on the same table at once. The warehouse's own run lock (an advisory lock or a lock row)
 * still applies; leases add coordination where the warehouse has no suitable lock (Redshift) or workers use
 * different databases' views of the same tables.
 */
public interface TableLeases {

    /**
     * Takes the table's lease without waiting.
     *
     * @return the lease, or null if another worker holds an unexpired one
     */
    Lease tryAcquire(TableName table);

    /** A held lease; renew it while working, close it to release. */
    interface Lease extends AutoCloseable {
        /** Extends the lease; throws {@link io.rslc.api.RslcException} if it was lost to another worker. */
        void renew();

        /** Releases the lease (only if still ours). */
        @Override
        void close();
    }

    /** No cross-machine coordination: every lease is granted. */
    static TableLeases none() {
        return table -> new Lease() {
            @Override
            public void renew() {
            }

            @Override
            public void close() {
            }
        };
    }
}
