package dev.incidents.store.jdbc;

import dev.incidents.error.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades the store's tables with Flyway, or only checks they are there when a DBA runs the
 * migrations.
 *
 * <p>Flyway keeps its own history table, named {@value #HISTORY_TABLE} so that it never meets a host
 * application's {@code flyway_schema_history} in the same schema, and takes a database lock while it
 * migrates (an advisory lock on PostgreSQL, {@code GET_LOCK} on MariaDB, a table lock on H2), so several
 * JVMs that start at once against an empty database apply each migration exactly once. A schema that already
 * holds other tables is baselined at version 0, so that version 1 still creates ours.
 */
final class Migrations {

  /** The name of Flyway's history table. */
  static final String HISTORY_TABLE = "incidents_schema_history";

  private Migrations() {}

  /** Brings the tables up to date. */
  static void migrate(DataSource dataSource, Dialect dialect) {
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .failOnMissingLocations(true)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw ServiceUnavailableException.of("could not create or upgrade the incident tables in the " + dialect
          + " database: " + e.getMessage(), e);
    }
  }

  /** Checks the tables exist, for a store told not to migrate. */
  static void check(DataSource dataSource, Dialect dialect, IncidentTables tables) {
    try (Connection connection = dataSource.getConnection()) {
      tables.probe(connection);
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw ServiceUnavailableException.of("the incident tables are missing or incomplete in the " + dialect
          + " database, and this store was told not to migrate: run the migrations of incident-store-jdbc "
          + "(docs/STORES.md) or build the store with migrate(true): " + e.getMessage(), e);
    }
  }
}
