package dev.incidents.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbMigrationRaceTest extends MigrationRaceTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  String freshUrl() {
    return DATABASE.url(DATABASE.newSchema());
  }
}
