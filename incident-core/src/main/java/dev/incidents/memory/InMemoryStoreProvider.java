package dev.incidents.memory;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.util.Map;

/** Opens an {@link InMemoryIncidentStore} for the URL {@code memory:}. */
public final class InMemoryStoreProvider implements IncidentStoreProvider {

  /** The only URL this provider accepts. */
  public static final String URL = "memory:";

  /** For {@link java.util.ServiceLoader}. */
  public InMemoryStoreProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String urlForms() {
    return URL;
  }

  @Override
  public boolean accepts(String url) {
    return URL.equals(url);
  }

  @Override
  public IncidentStore open(String url, Map<String, String> options) {
    if (!accepts(url)) {
      throw new IllegalArgumentException("the in-memory store opens only '" + URL + "', not '" + url + "'");
    }
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("the in-memory store takes no options, got " + options.keySet());
    }
    return new InMemoryIncidentStore();
  }
}
