package dev.incidents.store.jdbc;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationRaceTest extends MigrationRaceTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  String freshUrl() {
    return DATABASE.url(DATABASE.newSchema());
  }

  @Override
  List<String> expectedHistory() {
    return List.of("1:true", "2:true", "3:true", "4:true");
  }
}
