package dev.incidents.cli;

import dev.incidents.IncidentService;
import dev.incidents.JsonEndpoint;
import dev.incidents.spi.IncidentStore;

/**
 * An open store and the service over it, for one command. The service does not own the store, so the
 * session closes it.
 *
 * @param store the store opened from {@code --store}
 * @param service the service over the store
 * @param tenant {@code --tenant}
 * @param actor {@code --actor}
 * @param service the service itself, for {@code serve}
 */
record Session(IncidentStore store, IncidentService service, String tenant, String actor) implements AutoCloseable {

  /** The service over JSON: every reply is what the CLI prints. */
  JsonEndpoint json() {
    return service.json();
  }

  @Override
  public void close() {
    store.close();
  }
}
