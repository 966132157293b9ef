package dev.incidents.store.mapdb;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens a {@link MapDbIncidentStore} for {@code mapdb:PATH} (a file, created if absent; relative paths are
 * resolved against the working directory) or {@code mapdb:memory}. A file named {@code memory} is
 * {@code mapdb:./memory}. Found by {@link java.util.ServiceLoader} through {@code META-INF/services};
 * stateless and thread-safe.
 *
 * <p>One option (any other key is an error): {@value #CREATE}, {@code true} (default) or {@code false}. With
 * {@code false} a file store must exist already ({@link MapDbIncidentStore#openExisting}): nothing is created,
 * so a tool that only reads turns a mistyped path into an error instead of a new, empty store. A store in
 * memory has no files, and opens either way.
 */
public final class MapDbStoreProvider implements IncidentStoreProvider {

  /** The URL scheme this provider claims. */
  public static final String PREFIX = "mapdb:";
  /** The URL of a store in memory. */
  public static final String MEMORY = "mapdb:memory";
  /** The option that says whether a missing store file is created ({@code true}, the default) or an error. */
  public static final String CREATE = "create";

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
   * @throws IllegalArgumentException if the URL is not {@code mapdb:PATH} or {@code mapdb:memory}, or an
   *     option other than {@value #CREATE}, or {@value #CREATE} is neither {@code true} nor {@code false}
   * @throws dev.incidents.error.ServiceUnavailableException as {@link MapDbIncidentStore#open(Path)}, or, with
   *     {@code create=false}, if there is no store at the path
   */
  @Override
  public IncidentStore open(String url, Map<String, String> options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!accepts(url)) {
      throw new IllegalArgumentException("the MapDB store opens mapdb:PATH or mapdb:memory, not '" + url + "'");
    }
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.remove(CREATE);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the MapDB store takes one option, " + CREATE + ", got " + unknown);
    }
    String createValue = options.getOrDefault(CREATE, "true");
    if (!createValue.equals("true") && !createValue.equals("false")) {
      throw new IllegalArgumentException("option " + CREATE + " must be true or false, got '" + createValue + "'");
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
    return createValue.equals("true") ? MapDbIncidentStore.open(file) : MapDbIncidentStore.openExisting(file);
  }
}
