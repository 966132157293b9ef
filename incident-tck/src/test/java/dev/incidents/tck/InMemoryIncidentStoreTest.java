package dev.incidents.tck;

import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.IncidentStore;

/**
 * The kit against the reference store, exactly as a store module uses it. The in-memory store is not
 * durable, so the optional (reopen) rules are reported as skipped.
 */
class InMemoryIncidentStoreTest extends IncidentStoreTck {

  @Override
  protected IncidentStore createStore() {
    return new InMemoryIncidentStore();
  }
}
