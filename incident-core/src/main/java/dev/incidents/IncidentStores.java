package dev.incidents;

import dev.incidents.internal.StoreUrls;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Opens a store from a URL such as {@code mapdb:./incidents.db}, {@code mapdb:memory},
 * {@code jdbc:postgresql://host/db} or {@code memory:}, through the {@link IncidentStoreProvider}s on the
 * class path. Discovery is opt-in: {@link Incidents#builder()} never looks for providers by itself.
 *
 * <p>Exactly one provider must accept the URL: none is an error that lists the providers found, more
 * than one an error that names them.
 */
public final class IncidentStores {

  private IncidentStores() {}

  /** Opens the store at {@code url} with no options. */
  public static IncidentStore open(String url) {
    return open(url, Map.of());
  }

  /**
   * Opens the store at {@code url}.
   *
   * @param options provider settings such as {@code user} and {@code password}
   * @throws IllegalArgumentException if no provider, or more than one, accepts the URL, or the provider
   *     rejects it or an option
   * @throws dev.incidents.error.ServiceUnavailableException if the store cannot be opened
   */
  public static IncidentStore open(String url, Map<String, String> options) {
    return provider(url, Thread.currentThread().getContextClassLoader()).open(url, Map.copyOf(options));
  }

  /** The one provider on {@code loader}'s class path that accepts {@code url}. */
  static IncidentStoreProvider provider(String url, ClassLoader loader) {
    Objects.requireNonNull(url, "url");
    List<IncidentStoreProvider> all = new ArrayList<>();
    ServiceLoader.load(IncidentStoreProvider.class, loader).forEach(all::add);
    List<IncidentStoreProvider> accepting = all.stream().filter(p -> p.accepts(url)).toList();
    if (accepting.isEmpty()) {
      throw new IllegalArgumentException("no store provider accepts '" + StoreUrls.redacted(url) + "'; providers found: "
          + (all.isEmpty() ? "none" : all.stream().map(p -> p.name() + " (" + p.urlForms() + ")")
              .collect(Collectors.joining(", "))));
    }
    if (accepting.size() > 1) {
      throw new IllegalArgumentException("more than one store provider accepts '" + StoreUrls.redacted(url) + "': "
          + accepting.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")")
              .collect(Collectors.joining(", ")) + "; remove all but one from the class path");
    }
    return accepting.get(0);
  }
}
