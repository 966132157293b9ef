package dev.incidents.store.jdbc;

import dev.incidents.spi.IncidentStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbStoreBehaviourTest extends StoreBehaviourTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  IncidentStore openStore() {
    return TestStores.open(DATABASE, DATABASE.newSchema());
  }

  @Override
  boolean numbersOutsideTheCreate() {
    return true;
  }
}
