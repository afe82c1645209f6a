/**
 * {@code rslc status}: where each table stands, read from the rules, the journal, the run log and the
 * warehouse, changing nothing.
 */
package io.rslc.internal.status;
