package dev.incidents.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.internal.StoreUrls;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link JdbcIncidentStore} from a {@code jdbc:h2:}, {@code jdbc:postgresql:} or {@code jdbc:mariadb:}
 * URL, over a HikariCP pool that the store owns and closes. The JDBC driver must be on the class path (this
 * module does not bring any). {@code jdbc:mysql:} URLs are not accepted: MariaDB's driver needs an extra flag
 * for them and MySQL servers are not tested.
 *
 * <p>Options (all optional; any other key is an error):
 * <ul>
 *   <li>{@code user}, {@code password}: credentials, when the URL does not carry them;
 *   <li>{@code poolSize}: the most connections, 2 to 100 (Flyway holds two while it migrates); default twice
 *       the processors, from 2 to 10;
 *   <li>{@code migrate}: {@code true} (default) or {@code false}, as {@link JdbcIncidentStore.Builder#migrate};
 *   <li>{@code allowCodeInUrl}: {@code false} (default) or {@code true}. URL settings that run code when a
 *       connection opens are refused unless it is {@code true}: H2's {@code INIT} (SQL of the URL's choosing:
 *       {@code RUNSCRIPT} reads any file, {@code CREATE ALIAS} calls any static method),
 *       {@code DATABASE_EVENT_LISTENER} and {@code JAVA_OBJECT_SERIALIZER}; PostgreSQL's {@code socketFactory},
 *       {@code sslfactory}, {@code sslhostnameverifier}, {@code sslpasswordcallback} and
 *       {@code authenticationPluginClassName}; MariaDB's {@code socketFactory}. A store URL often comes from
 *       configuration the application does not fully control.
 * </ul>
 *
 * <p>The pool's connections run at READ COMMITTED with auto-commit off. Thread-safe and stateless.
 */
public final class JdbcStoreProvider implements IncidentStoreProvider {

  /** The option keys {@link #open} understands. */
  static final Set<String> OPTIONS = Set.of("user", "password", "poolSize", "migrate", "allowCodeInUrl");

  /** How long a create waits for a pooled connection before the attempt fails. */
  private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

  /** For {@link java.util.ServiceLoader}. */
  public JdbcStoreProvider() {}

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public String urlForms() {
    return "jdbc:h2:./PATH, jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1, jdbc:postgresql://HOST[:PORT]/DB, "
        + "jdbc:mariadb://HOST[:PORT]/DB";
  }

  @Override
  public boolean accepts(String url) {
    return url != null && Dialect.forUrl(url) != null;
  }

  @Override
  public IncidentStore open(String url, Map<String, String> options) {
    Dialect dialect = accepts(url) ? Dialect.forUrl(url) : null;
    if (dialect == null) {
      throw new IllegalArgumentException("the jdbc store opens " + urlForms() + ", not '" + StoreUrls.redacted(url) + "'");
    }
    dialect.checkUrl(url);
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(OPTIONS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + unknown + " for a jdbc store; known: "
          + new TreeSet<>(OPTIONS));
    }
    boolean allowCode = flag("allowCodeInUrl", options.getOrDefault("allowCodeInUrl", "false"));
    List<String> code = dialect.codeSettingsIn(url);
    if (!allowCode && !code.isEmpty()) {
      throw new IllegalArgumentException("'" + StoreUrls.redacted(url) + "' sets " + String.join(", ", code)
          + ", which " + (code.size() == 1 ? "runs" : "run") + " code when a connection opens (SQL of the URL's "
          + "choosing, or a class it names); a store URL often comes from configuration the application does not "
          + "fully control, so such settings are refused unless the application opens the store with the option "
          + "allowCodeInUrl=true");
    }
    requireDriver(url, dialect);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (options.containsKey("user")) {
      config.setUsername(options.get("user"));
    }
    if (options.containsKey("password")) {
      config.setPassword(options.get("password"));
    }
    config.setMaximumPoolSize(poolSize(options.get("poolSize")));
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setPoolName("incidents-" + dialect.displayName().toLowerCase(java.util.Locale.ROOT));
    boolean migrate = flag("migrate", options.get("migrate"));
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      // A failing INIT script is reported by the driver with its text, which may be a file's contents.
      String why = code.isEmpty() ? rootMessage(e) : sqlStates(e) + " (the driver's message is left out: with "
          + String.join(", ", code) + " it may repeat what a script read)";
      throw ServiceUnavailableException.of("cannot open a connection to '" + StoreUrls.redacted(url) + "': " + why,
          code.isEmpty() ? e : null);
    }
    try {
      return JdbcIncidentStore.builder(pool).migrate(migrate).owning(pool).build();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static void requireDriver(String url, Dialect dialect) {
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalArgumentException("no JDBC driver for '" + StoreUrls.redacted(url) + "' on the class path; add "
          + dialect.driverArtifact() + " to the application's dependencies", e);
    }
  }

  private static int poolSize(@Nullable String value) {
    if (value == null) {
      return Math.max(2, Math.min(10, 2 * Runtime.getRuntime().availableProcessors()));
    }
    try {
      int size = Integer.parseInt(value.trim());
      if (size >= 2 && size <= 100) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option poolSize must be a whole number from 2 to 100 (migrating takes two connections), got '" + value + "'");
  }

  private static boolean flag(String name, @Nullable String value) {
    if (value == null || value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("option " + name + " must be true or false, got '" + value + "'");
  }

  /** The SQLSTATEs and error codes of the SQL exceptions among {@code e}'s causes, without their messages. */
  private static String sqlStates(Throwable e) {
    List<String> states = new ArrayList<>();
    for (Throwable t = e; t != null && states.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        states.add("SQLSTATE " + sql.getSQLState() + ", error code " + sql.getErrorCode());
      }
    }
    return states.isEmpty() ? "the connection failed (" + e.getClass().getSimpleName() + ")" : String.join("; ", states);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
  }
}
