/**
 * The embedded default store: {@link dev.incidents.store.mapdb.MapDbIncidentStore} keeps incidents in one
 * MapDB 1.0.9 file (or in memory), and {@link dev.incidents.store.mapdb.MapDbStoreProvider} opens it from
 * {@code mapdb:PATH} and {@code mapdb:memory}. Everything else in this package is internal.
 */
@NullMarked
package dev.incidents.store.mapdb;

import org.jspecify.annotations.NullMarked;
