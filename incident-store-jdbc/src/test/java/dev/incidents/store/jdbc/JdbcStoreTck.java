package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.IncidentStoreTck;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The TCK over the JDBC store: every {@link #createStore()} opens the store through its provider on a new,
 * empty database or schema, and {@link #reopenStore} opens a new store over the same one.
 */
abstract class JdbcStoreTck extends IncidentStoreTck {

  private final Map<IncidentStore, String> urls = Collections.synchronizedMap(new IdentityHashMap<>());

  /** The URL of a new, empty database or schema. */
  abstract String newDatabaseUrl();

  @Override
  protected IncidentStore createStore() {
    return open(newDatabaseUrl());
  }

  @Override
  protected IncidentStore reopenStore(IncidentStore store) {
    store.close();
    return open(urls.get(store));
  }

  private IncidentStore open(String url) {
    IncidentStore store = IncidentStores.open(url, Map.of("poolSize", "4"));
    urls.put(store, url);
    return store;
  }
}
