package dev.incidents.store.mapdb;

import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.IncidentStoreTck;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit against file stores, including the durability rules (close and reopen). */
class MapDbFileStoreTest extends IncidentStoreTck {

  @TempDir Path dir;
  private final Map<IncidentStore, Path> files = new IdentityHashMap<>();

  @Override
  protected IncidentStore createStore() {
    return open(dir.resolve("store-" + files.size() + ".db"));
  }

  @Override
  protected IncidentStore reopenStore(IncidentStore store) {
    store.close();
    return open(files.get(store));
  }

  private IncidentStore open(Path file) {
    IncidentStore store = MapDbIncidentStore.open(file);
    files.put(store, file);
    return store;
  }
}
