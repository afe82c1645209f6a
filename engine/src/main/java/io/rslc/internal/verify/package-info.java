/**
 * {@code rslc verify}: checks every journaled slice's archive against the journal and its manifest (files there,
 * sizes, row counts read from the files), and finds what no committed slice references (uncommitted attempt
 * folders, unlisted files), which {@code --clean-orphans} removes.
 */
package io.rslc.internal.verify;
