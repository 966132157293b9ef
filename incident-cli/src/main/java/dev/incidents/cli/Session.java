package dev.incidents.cli;

import dev.incidents.IncidentService;
import dev.incidents.JsonEndpoint;
import dev.incidents.spi.IncidentStore;

/**
 * An open store and the service over it, for one command. The service does not own the store, so the
 * session closes it.
 *
 * @param store the store opened from {@code --store}
 * @param json the service over JSON: every reply is what the CLI prints
 * @param tenant {@code --tenant}
 * @param actor {@code --actor}
 * @param service the service itself, for {@code serve}
 */
record Session(IncidentStore store, JsonEndpoint json, String tenant, String actor, IncidentService service)
    implements AutoCloseable {

  @Override
  public void close() {
    store.close();
  }
}
