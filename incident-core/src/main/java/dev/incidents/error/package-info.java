/**
 * Errors: one exception class per family of the contract's error kinds, each carrying every
 * {@link dev.incidents.error.Violation} found. See {@link dev.incidents.error.IncidentException}.
 */
@NullMarked
package dev.incidents.error;

import org.jspecify.annotations.NullMarked;
