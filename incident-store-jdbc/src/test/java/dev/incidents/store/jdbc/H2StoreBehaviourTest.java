package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;

class H2StoreBehaviourTest extends StoreBehaviourTest {

  @Override
  IncidentStore openStore() {
    return IncidentStores.open(TestStores.h2MemoryUrl());
  }
}
