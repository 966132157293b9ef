package dev.incidents.store.jdbc;

import dev.incidents.spi.IncidentStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreBehaviourTest extends StoreBehaviourTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  IncidentStore openStore() {
    return TestStores.open(DATABASE, DATABASE.newSchema());
  }

  @Override
  boolean numbersOutsideTheCreate() {
    return true;
  }
}
