package dev.incidents.spi;

import java.util.Map;

/**
 * Opens an {@link IncidentStore} from a URL such as {@code mapdb:./incidents.db}: the
 * {@link java.util.ServiceLoader} service behind {@link dev.incidents.IncidentStores#open}. Register an
 * implementation in {@code META-INF/services/dev.incidents.spi.IncidentStoreProvider}. Implementations need
 * a public no-argument constructor and must be thread-safe.
 */
public interface IncidentStoreProvider {

  /** A short name, such as {@code mapdb}, for messages. */
  String name();

  /** The URL forms this provider opens, such as {@code mapdb:PATH, mapdb:memory}, for messages. */
  String urlForms();

  /** Whether this provider opens {@code url}. Must not open anything. */
  boolean accepts(String url);

  /**
   * Opens the store at {@code url}.
   *
   * @param url a URL this provider {@linkplain #accepts accepts}
   * @param options provider-specific settings, such as {@code user} and {@code password}; unknown keys are
   *     an error
   * @throws IllegalArgumentException if the URL or an option is malformed
   * @throws dev.incidents.error.ServiceUnavailableException if the store cannot be opened
   */
  IncidentStore open(String url, Map<String, String> options);
}
