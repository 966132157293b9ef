package dev.incidents.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The TCK on MariaDB: a new database per store, reopened over the same database. */
class MariaDbTckTest extends JdbcStoreTck {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  String newDatabaseUrl() {
    return DATABASE.url(DATABASE.newSchema());
  }
}
