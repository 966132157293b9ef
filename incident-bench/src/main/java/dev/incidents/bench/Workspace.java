package dev.incidents.bench;

import dev.incidents.IncidentStores;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.store.mapdb.MapDbIncidentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh place for one trial of one store: a temporary folder for the file stores, a new schema for
 * PostgreSQL, so that every trial starts empty and nothing is left behind.
 */
final class Workspace implements AutoCloseable {

  /** Where PostgreSQL is: the variable {@code .ci/run} exports for the tests, or this machine's server. */
  static final String POSTGRES_URL = firstNonNull(System.getenv("INCIDENTS_TEST_POSTGRES_URL"),
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /** Connections the JDBC store may open: enough for 8 writers without waiting on the pool. */
  private static final String POOL_SIZE = "16";

  final StoreKind kind;
  private final Path dir;
  private final String schema;

  private Workspace(StoreKind kind, Path dir, String schema) {
    this.kind = kind;
    this.dir = dir;
    this.schema = schema;
  }

  static Workspace create(StoreKind kind) {
    try {
      Path dir = Files.createTempDirectory("incident-bench-" + kind.id + "-");
      String schema = null;
      if (kind == StoreKind.POSTGRESQL) {
        schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(POSTGRES_URL, "CREATE SCHEMA " + schema);
      }
      return new Workspace(kind, dir, schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new store of this kind, empty; the JDBC stores create their tables. */
  IncidentStore openStore() {
    return switch (kind) {
      case MEMORY -> new InMemoryIncidentStore();
      case MAPDB_MEMORY -> MapDbIncidentStore.inMemory();
      case MAPDB_FILE -> MapDbIncidentStore.open(dir.resolve("incidents.db"));
      case H2_FILE, POSTGRESQL -> IncidentStores.open(jdbcUrl(), Map.of("poolSize", POOL_SIZE));
    };
  }

  /** The MapDB file a raw baseline writes. */
  Path mapDbFile() {
    return dir.resolve("raw.db");
  }

  /** The JDBC URL of this workspace's database (H2 file or PostgreSQL schema). */
  String jdbcUrl() {
    return switch (kind) {
      case H2_FILE -> "jdbc:h2:" + dir.resolve("incidents").toAbsolutePath();
      case POSTGRESQL -> POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      default -> throw new IllegalStateException(kind.id + " is not a JDBC store");
    };
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  @Override
  public void close() {
    try {
      if (schema != null) {
        execute(POSTGRES_URL, "DROP SCHEMA " + schema + " CASCADE");
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + " refused '" + sql + "': " + e.getMessage()
          + " (set INCIDENTS_TEST_POSTGRES_URL, or leave postgresql out of the store parameter)", e);
    }
  }

  private static String firstNonNull(String value, String fallback) {
    return value != null && !value.isBlank() ? value : fallback;
  }
}
