/**
 * Immutable records for the request ({@link dev.incidents.model.IncidentCreateRequest} and its parts) and
 * the response ({@link dev.incidents.model.Incident} and the summaries it expands ids into).
 *
 * <p>Absent values are {@code null}; absent lists and maps are empty, never {@code null}. Collections
 * returned by accessors are unmodifiable.
 */
@NullMarked
package dev.incidents.model;

import org.jspecify.annotations.NullMarked;
