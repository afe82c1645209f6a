/**
 * The public types of rslc: rules as validated from a configuration, plans, run reports, the run listener and the
 * one exception with its error codes. Records are immutable; new components may be added in minor releases.
 */
package io.rslc.api;
