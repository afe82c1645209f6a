/**
 * AWS services (module rslc-engine-aws): DynamoDB rule store, configuration loader and export, leases, Secrets
 * Manager logins. Registered through {@link java.util.ServiceLoader}.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.aws;
