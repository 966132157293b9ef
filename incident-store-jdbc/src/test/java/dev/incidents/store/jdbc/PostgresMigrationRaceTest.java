package dev.incidents.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationRaceTest extends MigrationRaceTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  String freshUrl() {
    return DATABASE.url(DATABASE.newSchema());
  }
}
