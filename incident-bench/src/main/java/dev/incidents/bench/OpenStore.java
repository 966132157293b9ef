package dev.incidents.bench;

import dev.incidents.Incidents;
import dev.incidents.JsonEndpoint;
import dev.incidents.spi.IncidentStore;

/** A store of one kind in a fresh {@link Workspace}, with the JSON endpoint of a default service over it. */
final class OpenStore implements AutoCloseable {

  final Workspace workspace;
  private IncidentStore store;
  private JsonEndpoint json;

  private OpenStore(Workspace workspace) {
    this.workspace = workspace;
    attach(workspace.openStore());
  }

  /** Opens an empty store of the kind named {@code store} (a JMH parameter value). */
  static OpenStore open(String store) {
    return new OpenStore(Workspace.create(StoreKind.of(store)));
  }

  IncidentStore store() {
    return store;
  }

  JsonEndpoint json() {
    return json;
  }

  /**
   * Replaces a store that lives on the heap by an empty one, before each iteration: a memory store takes
   * 200,000 incidents per iteration, and without this later iterations measure the collector, not the create.
   * A durable store is left as it is.
   */
  void emptyIfOnHeap() {
    if (!workspace.kind.durable) {
      store.close();
      attach(workspace.openStore());
    }
  }

  private void attach(IncidentStore opened) {
    store = opened;
    json = Incidents.builder().store(opened).build().json();
  }

  @Override
  public void close() {
    store.close();
    workspace.close();
  }
}
