package dev.incidents.bench;

import dev.incidents.Incidents;
import dev.incidents.JsonEndpoint;
import dev.incidents.spi.IncidentStore;

/**
 * A store of one kind in a fresh {@link Workspace}, with the JSON endpoint of a default service over it;
 * {@link #close()} closes the store and deletes the workspace.
 */
final class OpenStore implements AutoCloseable {

  private final Workspace workspace;
  private final IncidentStore store;
  private final JsonEndpoint json;

  private OpenStore(Workspace workspace, IncidentStore store, boolean recordEvents) {
    this.workspace = workspace;
    this.store = store;
    this.json = Incidents.builder().store(store).recordEvents(recordEvents).build().json();
  }

  /** Opens an empty store of the kind named {@code store} (a JMH parameter value). */
  static OpenStore open(String store) {
    return open(store, false);
  }

  /** As {@link #open(String)}, with a service that records an event for every change when asked. */
  static OpenStore open(String store, boolean recordEvents) {
    Workspace workspace = Workspace.create(StoreKind.of(store));
    try {
      return new OpenStore(workspace, workspace.openStore(), recordEvents);
    } catch (RuntimeException e) {
      workspace.close();
      throw e;
    }
  }

  IncidentStore store() {
    return store;
  }

  JsonEndpoint json() {
    return json;
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      workspace.close();
    }
  }
}
