package dev.incidents.store.mapdb;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Opens a {@link MapDbIncidentStore} for {@code mapdb:PATH} (a file, created if absent; relative paths are
 * resolved against the working directory) or {@code mapdb:memory}. A file named {@code memory} is
 * {@code mapdb:./memory}. The store takes no options. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services}; stateless and thread-safe.
 */
public final class MapDbStoreProvider implements IncidentStoreProvider {

  /** The URL scheme this provider claims. */
  public static final String PREFIX = "mapdb:";
  /** The URL of a store in memory. */
  public static final String MEMORY = "mapdb:memory";

  /** For {@link java.util.ServiceLoader}. */
  public MapDbStoreProvider() {}

  @Override
  public String name() {
    return "mapdb";
  }

  @Override
  public String urlForms() {
    return "mapdb:PATH, mapdb:memory";
  }

  /** Claims every {@code mapdb:} URL, so a malformed one is reported by this provider, not as unclaimed. */
  @Override
  public boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * @throws IllegalArgumentException if the URL is not {@code mapdb:PATH} or {@code mapdb:memory}, or any
   *     option is given
   * @throws dev.incidents.error.ServiceUnavailableException as {@link MapDbIncidentStore#open(Path)}
   */
  @Override
  public IncidentStore open(String url, Map<String, String> options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!accepts(url)) {
      throw new IllegalArgumentException("the MapDB store opens mapdb:PATH or mapdb:memory, not '" + url + "'");
    }
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("the MapDB store takes no options, got " + options.keySet());
    }
    if (url.equals(MEMORY)) {
      return MapDbIncidentStore.inMemory();
    }
    String path = url.substring(PREFIX.length());
    if (path.isBlank()) {
      throw new IllegalArgumentException("'" + url + "' names no file: use mapdb:PATH, such as mapdb:./incidents.db, "
          + "or mapdb:memory");
    }
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + url + "' does not name a file: " + e.getMessage(), e);
    }
    return MapDbIncidentStore.open(file);
  }
}
