/**
 * Errors: one exception class per family of the contract's error kinds, each carrying every
 * {@link dev.incidents.error.Violation} found. See {@link dev.incidents.error.IncidentException}.
 */
package dev.incidents.error;
