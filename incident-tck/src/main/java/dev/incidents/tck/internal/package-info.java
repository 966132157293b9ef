/**
 * How {@link dev.incidents.tck.IncidentStoreTck} does its work: generators, the stateful model, the
 * property runner, concurrency helpers. No compatibility promise: a store's test depends only on
 * {@code dev.incidents.tck}.
 */
@NullMarked
package dev.incidents.tck.internal;

import org.jspecify.annotations.NullMarked;
