package dev.incidents.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The TCK on PostgreSQL: a new schema per store, reopened over the same schema. */
class PostgresTckTest extends JdbcStoreTck {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  String newDatabaseUrl() {
    return DATABASE.url(DATABASE.newSchema());
  }
}
