package dev.incidents.store.jdbc;

class H2MigrationRaceTest extends MigrationRaceTest {

  @Override
  String freshUrl() {
    return TestStores.h2MemoryUrl();
  }

  @Override
  boolean sharedBetweenProcesses() {
    return false;
  }
}
