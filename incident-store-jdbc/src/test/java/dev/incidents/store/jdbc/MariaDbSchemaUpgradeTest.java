package dev.incidents.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSchemaUpgradeTest extends SchemaUpgradeTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  DataSource emptySchema() {
    return DATABASE.dataSource(DATABASE.newSchema());
  }

  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }
}
