package dev.incidents.store.jdbc;

class H2MigrationRaceTest extends MigrationRaceTest {

  @Override
  String freshUrl() {
    return TestStores.h2MemoryUrl();
  }

  @Override
  int rounds() {
    return 150; // about 10 s: the race it guards failed one CI run of 12 rounds, and a local run within 200
  }

  @Override
  boolean sharedBetweenProcesses() {
    return false;
  }
}
