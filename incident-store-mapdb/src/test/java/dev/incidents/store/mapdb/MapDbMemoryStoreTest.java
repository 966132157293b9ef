package dev.incidents.store.mapdb;

import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.IncidentStoreTck;

/** The contract kit against {@code mapdb:memory}, which is not durable: the reopen rules are skipped. */
class MapDbMemoryStoreTest extends IncidentStoreTck {

  @Override
  protected IncidentStore createStore() {
    return MapDbIncidentStore.inMemory();
  }
}
