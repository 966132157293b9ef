package dev.incidents.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaUpgradeTest extends SchemaUpgradeTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  DataSource emptySchema() {
    return DATABASE.dataSource(DATABASE.newSchema());
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
