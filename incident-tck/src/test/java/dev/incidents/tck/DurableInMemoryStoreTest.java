package dev.incidents.tck;

import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.support.DurableInMemoryStore;

/**
 * The kit against a correct durable store (in-memory storage that outlives its handles), so the optional
 * reopen rules are shown to pass for a correct store, not only to fail for broken ones.
 */
class DurableInMemoryStoreTest extends IncidentStoreTck {

  @Override
  protected IncidentStore createStore() {
    return DurableInMemoryStore.create();
  }

  @Override
  protected IncidentStore reopenStore(IncidentStore store) {
    return ((DurableInMemoryStore) store).reopen();
  }
}
