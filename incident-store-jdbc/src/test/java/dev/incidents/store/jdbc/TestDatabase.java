package dev.incidents.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A PostgreSQL or MariaDB server for tests, found through an environment variable that {@code .ci/run} sets.
 * Register it as a JUnit extension; before the class runs it decides:
 * <ul>
 *   <li>variable unset: the class is skipped with a message saying what to set, unless
 *       {@code INCIDENTS_REQUIRE_DATABASES=true}, when it fails (CI must not pass by skipping);
 *   <li>variable set but server unreachable: the class fails (someone meant it to run).
 * </ul>
 * Each {@link #newSchema()} is a fresh PostgreSQL schema or MariaDB database named
 * {@code incidents_test_<random>}; all of them are dropped after the class.
 */
final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  static final String REQUIRE_VARIABLE = "INCIDENTS_REQUIRE_DATABASES";

  enum Kind {
    POSTGRESQL("INCIDENTS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
    MARIADB("INCIDENTS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    final String variable;
    final String example;

    Kind(String variable, String example) {
      this.variable = variable;
      this.example = example;
    }
  }

  private final Kind kind;
  private final Map<String, String> environment;
  private final List<String> schemas = new ArrayList<>();
  private String url;
  /** Why the tests are skipped, when they are. */
  private TestAbortedException skipped;

  private TestDatabase(Kind kind, Map<String, String> environment) {
    this.kind = kind;
    this.environment = environment;
  }

  static TestDatabase postgres() {
    return new TestDatabase(Kind.POSTGRESQL, System.getenv());
  }

  static TestDatabase mariadb() {
    return new TestDatabase(Kind.MARIADB, System.getenv());
  }

  /** For the tests of this class: a database that reads {@code environment} instead of the process's. */
  static TestDatabase of(Kind kind, Map<String, String> environment) {
    return new TestDatabase(kind, environment);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    try {
      connect();
    } catch (TestAbortedException e) {
      // Reported on every test, so the report counts them as skipped and says why; and once in the log.
      skipped = e;
      System.err.println("[" + context.getDisplayName() + "] " + e.getMessage());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (skipped != null) {
      throw skipped;
    }
  }

  /**
   * Finds the server.
   *
   * @throws TestAbortedException if no URL is set and databases are not required
   * @throws IllegalStateException if no URL is set and they are required, or the server cannot be reached
   */
  void connect() {
    String configured = environment.get(kind.variable);
    if (configured == null || configured.isBlank()) {
      String message = kind.variable + " is not set, so the " + kind + " tests cannot run. Set it to a JDBC URL "
          + "of a server where the user may create schemas, as .ci/run does: " + kind.variable + "=" + kind.example;
      if ("true".equalsIgnoreCase(environment.get(REQUIRE_VARIABLE))) {
        throw new IllegalStateException(REQUIRE_VARIABLE + "=true, but " + message);
      }
      throw new TestAbortedException("skipped: " + message);
    }
    try (Connection connection = DriverManager.getConnection(configured)) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(kind.variable + "=" + dev.incidents.internal.StoreUrls.redacted(configured)
          + " is set, but that server cannot be reached: " + e.getMessage(), e);
    }
    url = configured;
  }

  Kind kind() {
    return kind;
  }

  /** A new, empty schema (PostgreSQL) or database (MariaDB), dropped after the class. */
  String newSchema() {
    String name = "incidents_test_" + HexFormat.of().formatHex(randomBytes());
    execute((kind == Kind.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
    synchronized (schemas) {
      schemas.add(name);
    }
    return name;
  }

  /** A name for a schema nobody created yet; {@link #adopt} it once it exists so it is dropped. */
  String unusedSchemaName() {
    return "incidents_test_" + HexFormat.of().formatHex(randomBytes());
  }

  void adopt(String schema) {
    synchronized (schemas) {
      schemas.add(schema);
    }
  }

  /** The URL whose connections use {@code schema}. */
  String url(String schema) {
    requireConnected();
    return urlWith(kind, url, schema);
  }

  /** A data source of the driver itself (no pool) whose connections use {@code schema}. */
  DataSource dataSource(String schema) {
    String schemaUrl = url(schema);
    try {
      if (kind == Kind.POSTGRESQL) {
        org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
        postgres.setURL(schemaUrl);
        return postgres;
      }
      return new org.mariadb.jdbc.MariaDbDataSource(schemaUrl);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make a data source for " + schemaUrl + ": " + e.getMessage(), e);
    }
  }

  /** {@code base} changed to use {@code schema}: PostgreSQL's currentSchema, MariaDB's database. */
  static String urlWith(Kind kind, String base, String schema) {
    if (kind == Kind.POSTGRESQL) {
      return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    Matcher parts = Pattern.compile("^(jdbc:mariadb://[^/?]*)(/[^?]*)?(\\?.*)?$").matcher(base);
    if (!parts.matches()) {
      throw new IllegalStateException(kind.variable + " is not a jdbc:mariadb://HOST/DATABASE URL: " + base);
    }
    return parts.group(1) + "/" + schema + (parts.group(3) == null ? "" : parts.group(3));
  }

  /** Runs one statement on the server, outside any test schema. */
  void execute(String sql) {
    requireConnected();
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' failed on " + kind + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    dropAll();
  }

  void dropAll() {
    List<String> toDrop;
    synchronized (schemas) {
      toDrop = List.copyOf(schemas);
      schemas.clear();
    }
    for (String schema : toDrop) {
      execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE" : "DROP DATABASE IF EXISTS " + schema);
    }
  }

  private void requireConnected() {
    if (url == null) {
      throw new IllegalStateException("connect() first: register the TestDatabase with @RegisterExtension");
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
