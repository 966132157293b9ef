/**
 * The JDBC incident store: {@link dev.incidents.store.jdbc.JdbcIncidentStore} over a host's
 * {@link javax.sql.DataSource}, and {@link dev.incidents.store.jdbc.JdbcStoreProvider} for {@code jdbc:} URLs.
 * Everything else in this package is internal.
 */
@NullMarked
package dev.incidents.store.jdbc;

import org.jspecify.annotations.NullMarked;
