package io.rslc.spi;

/**
 * A warehouse rslc runs against. rslc provides PostgreSQL and Redshift ({@code Rslc.configure().postgresql()},
 * {@code redshift(roleArn, region)}); the operations the executor calls on it are internal
 * until a third warehouse shows what a stable contract must hold, so implementing this interface outside rslc is
 * not supported yet (the facade refuses such an object with a {@code USAGE} error).
 */
public interface Warehouse {

    /** {@code postgresql} or {@code redshift}: the name in plans and reports. */
    String name();
}
