package dev.incidents.store.jdbc;

import dev.incidents.error.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades the store's tables with Flyway, or only checks they are there when a DBA runs the
 * migrations.
 *
 * <p>Flyway keeps its own history table, named {@value #HISTORY_TABLE} so that it never meets a host
 * application's {@code flyway_schema_history} in the same schema, and locks it while it migrates (an
 * advisory lock on PostgreSQL, {@code GET_LOCK} on MariaDB, a row lock on H2), so each migration is applied
 * once. A schema that already holds other tables is baselined at version 0, so that version 1 still creates
 * ours.
 *
 * <p>H2 commits a transaction at every DDL statement, which releases its row lock in the middle of a
 * migration: two stores of one JVM opening the same empty H2 database could both run version 1, and the
 * loser's half-applied run is recorded as failed, which Flyway then refuses for good. H2 migrations of one
 * JVM therefore take turns ({@link #H2_IN_PROCESS}); an embedded H2 database belongs to one process, so
 * that is enough for it. PostgreSQL and MariaDB keep their locks for the whole migration, so their stores
 * never wait here behind another database's migration.
 *
 * <p>Before that lock exists there is a race: when several JVMs start at once against an empty schema, one
 * creates the history table while another, having seen none, finds the schema no longer empty and tries to
 * baseline it, which Flyway refuses. {@link #migrate} therefore runs Flyway again after a failure: the next
 * run finds the history table, waits for the lock and sees the migrations applied. A migration that fails
 * for good fails every attempt and is reported after the last.
 */
final class Migrations {

  /** The name of Flyway's history table. */
  static final String HISTORY_TABLE = "incidents_schema_history";

  private Migrations() {}

  /** Held while this JVM migrates an H2 database (the others have Flyway's database lock; see above). */
  private static final Object H2_IN_PROCESS = new Object();

  /** How often {@link #migrate} runs Flyway before it gives up. */
  static final int ATTEMPTS = 4;

  /** Brings the tables up to date. */
  static void migrate(DataSource dataSource, Dialect dialect) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.migrationLocation())
        .failOnMissingLocations(true)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    for (int attempt = 1; ; attempt++) {
      try {
        if (dialect == Dialect.H2) {
          synchronized (H2_IN_PROCESS) {
            flyway.migrate();
          }
        } else {
          flyway.migrate();
        }
        return;
      } catch (FlywayException e) {
        if (attempt == ATTEMPTS) {
          throw ServiceUnavailableException.of("could not create or upgrade the incident tables in the " + dialect
              + " database (" + ATTEMPTS + " attempts): " + e.getMessage(), e);
        }
        pause(attempt, e);
      }
    }
  }

  /** A random pause of up to 250 ms times the attempt, so racing JVMs come back at different moments. */
  private static void pause(int attempt, FlywayException failure) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceUnavailableException.of("interrupted while migrating the incident tables after: "
          + failure.getMessage(), failure);
    }
  }

  /** Checks the tables exist, for a store told not to migrate. */
  static void check(DataSource dataSource, Dialect dialect) {
    try (Connection connection = dataSource.getConnection()) {
      new IncidentTables(dialect).probe(connection);
      new EventTables(dialect).probe(connection);
      new RecordTables(dialect).probe(connection);
      dialect.probe(connection);
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw ServiceUnavailableException.of("the incident tables are missing or incomplete in the " + dialect
          + " database (or, on PostgreSQL, the function incidents_allocate of migration V2; or the tables of migration V3), and this store was "
          + "told not to migrate: run the migrations of incident-store-jdbc "
          + "(docs/STORES.md) or build the store with migrate(true): " + e.getMessage(), e);
    }
  }
}
