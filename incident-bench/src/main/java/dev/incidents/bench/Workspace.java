package dev.incidents.bench;

import dev.incidents.IncidentStores;
import dev.incidents.internal.StoreUrls;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A fresh place for one store: a temporary folder for the file stores, a new schema (PostgreSQL) or database
 * (MariaDB) on a server, so that every store starts empty and nothing is left behind.
 */
final class Workspace implements AutoCloseable {

  /** Connections the JDBC store may open: enough for 8 writers without waiting on the pool. */
  private static final String POOL_SIZE = "16";
  private static final Pattern MARIADB_URL = Pattern.compile("^(jdbc:mariadb://[^/?]*)(/[^?]*)?(\\?.*)?$");

  final StoreKind kind;
  private final Path dir;
  private final @Nullable String schema;

  private Workspace(StoreKind kind, Path dir, @Nullable String schema) {
    this.kind = kind;
    this.dir = dir;
    this.schema = schema;
  }

  static Workspace create(StoreKind kind) {
    try {
      Path dir = Files.createTempDirectory("incident-bench-" + kind.id + "-");
      String schema = null;
      if (kind.isServer()) {
        schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(kind, (kind == StoreKind.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + schema);
      }
      return new Workspace(kind, dir, schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the server of {@code kind} is: the system property {@code incidents.bench.postgres-url} or
   * {@code incidents.bench.mariadb-url} (BenchReport's {@code --postgres-url} and {@code --mariadb-url} set
   * them), else the variable {@code .ci/run} exports for the tests, else this machine's server.
   */
  static String serverUrl(StoreKind kind) {
    return switch (kind) {
      case POSTGRESQL -> firstSet(System.getProperty("incidents.bench.postgres-url"),
          System.getenv("INCIDENTS_TEST_POSTGRES_URL"), "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      case MARIADB -> firstSet(System.getProperty("incidents.bench.mariadb-url"),
          System.getenv("INCIDENTS_TEST_MARIADB_URL"), "jdbc:mariadb://127.0.0.1:3306/test?user=root");
      default -> throw new IllegalArgumentException(kind.id + " has no server");
    };
  }

  /** A new store of this kind, empty; the JDBC stores create their tables. */
  IncidentStore openStore() {
    return switch (kind) {
      case MEMORY -> new InMemoryIncidentStore();
      case MAPDB_MEMORY -> MapDbIncidentStore.inMemory();
      case MAPDB_FILE -> MapDbIncidentStore.open(dir.resolve("incidents.db"));
      case H2_FILE, POSTGRESQL, MARIADB -> IncidentStores.open(jdbcUrl(), Map.of("poolSize", POOL_SIZE));
    };
  }

  /** The MapDB file a raw baseline writes. */
  Path mapDbFile() {
    return dir.resolve("raw.db");
  }

  /** The JDBC URL of this workspace's database (H2 file, PostgreSQL schema or MariaDB database). */
  String jdbcUrl() {
    return switch (kind) {
      case H2_FILE -> "jdbc:h2:" + dir.resolve("incidents").toAbsolutePath();
      case POSTGRESQL, MARIADB -> urlWith(kind, serverUrl(kind), requireSchema());
      default -> throw new IllegalStateException(kind.id + " is not a JDBC store");
    };
  }

  /** {@code base} changed to use {@code schema}: PostgreSQL's currentSchema, MariaDB's database in the path. */
  static String urlWith(StoreKind kind, String base, String schema) {
    if (kind == StoreKind.POSTGRESQL) {
      return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    Matcher parts = MARIADB_URL.matcher(base);
    if (!parts.matches()) {
      throw new IllegalArgumentException("not a jdbc:mariadb://HOST[:PORT]/DATABASE URL: "
          + StoreUrls.redacted(base));
    }
    return parts.group(1) + "/" + schema + (parts.group(3) == null ? "" : parts.group(3));
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  private String requireSchema() {
    if (schema == null) {
      throw new IllegalStateException(kind.id + " has no schema");
    }
    return schema;
  }

  @Override
  public void close() {
    try {
      if (schema != null) {
        execute(kind, kind == StoreKind.POSTGRESQL ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one statement on the server of {@code kind}, outside any workspace. */
  static void execute(StoreKind kind, String sql) {
    String url = serverUrl(kind);
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      String store = kind.id;
      throw new IllegalStateException(store + " at " + StoreUrls.redacted(url) + " refused '" + sql + "': "
          + e.getMessage() + " (set " + (kind == StoreKind.POSTGRESQL ? "--postgres-url or INCIDENTS_TEST_POSTGRES_URL"
          : "--mariadb-url or INCIDENTS_TEST_MARIADB_URL") + ", or leave " + store + " out of --stores)", e);
    }
  }

  private static String firstSet(@Nullable String first, @Nullable String second, String fallback) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second != null && !second.isBlank() ? second : fallback;
  }
}
