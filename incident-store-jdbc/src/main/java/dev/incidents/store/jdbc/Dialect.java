package dev.incidents.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What differs between H2, PostgreSQL and MariaDB, and nothing else: how a URL and a server are recognised,
 * where the migrations live, how the next numbers of a tenant are allocated, how a document parameter is
 * written, and which errors are worth a retry.
 */
abstract class Dialect {

  /** SQLSTATEs every dialect retries: serialization failure (which includes most deadlocks). */
  private static final Set<String> TRANSIENT_STATES = Set.of("40001");

  static final Dialect H2 = new H2Dialect();
  static final Dialect POSTGRESQL = new PostgresDialect();
  static final Dialect MARIADB = new MariaDbDialect();
  private static final List<Dialect> ALL = List.of(H2, POSTGRESQL, MARIADB);

  private final String displayName;
  private final String urlPrefix;
  private final String migrationFolder;
  private final String driverArtifact;

  private Dialect(String displayName, String urlPrefix, String migrationFolder, String driverArtifact) {
    this.displayName = displayName;
    this.urlPrefix = urlPrefix;
    this.migrationFolder = migrationFolder;
    this.driverArtifact = driverArtifact;
  }

  /** The name in messages and in {@code DatabaseMetaData.getDatabaseProductName()}, such as {@code PostgreSQL}. */
  final String displayName() {
    return displayName;
  }

  /** The JDBC URL prefix, such as {@code jdbc:postgresql:}. */
  final String urlPrefix() {
    return urlPrefix;
  }

  /** The Maven coordinates of the JDBC driver, for messages. */
  final String driverArtifact() {
    return driverArtifact;
  }

  /** The Flyway location of this dialect's migrations. */
  final String migrationLocation() {
    return "classpath:META-INF/incident-store-jdbc/migration/" + migrationFolder;
  }

  /**
   * Reserves the next {@code count} numbers of {@code tenant} and returns the last of them. Inside the
   * caller's transaction (the default) the reservation locks the tenant's counter row until that transaction
   * ends, so two transactions never get the same numbers, and a rollback returns them; see
   * {@link #allocatesOutsideTheCreate()} for the other way.
   */
  abstract long allocate(Connection connection, String tenant, int count) throws SQLException;

  /**
   * Whether {@link #allocate} runs in a transaction of its own, committed before the create's transaction
   * starts, on a connection in auto-commit mode; otherwise it runs inside the create's transaction, whose
   * commit it waits for.
   */
  boolean allocatesOutsideTheCreate() {
    return false;
  }

  /**
   * Whether one create's row, owners and parts go in as one statement (data-modifying common table
   * expressions and arrays, PostgreSQL) rather than three, and an update or deletion changes its row and sets
   * in one statement likewise.
   */
  boolean writesSetFacetsWithTheIncident() {
    return false;
  }

  /** Fails with a {@link SQLException} if a database object of this dialect's own migrations is missing. */
  void probe(Connection connection) throws SQLException {}

  /** The SQL expression that turns a string parameter into the document column's type. */
  String documentParameter() {
    return "?";
  }

  /**
   * The statement that inserts a service record or replaces its value, with parameters namespace, key and
   * value.
   */
  abstract String upsertRecord();

  /**
   * Whether the optimizer walks the primary key to avoid a sort even when a selective filter's index would
   * read far fewer rows, so that the store must choose the index itself (MariaDB 10.11; see
   * {@code IncidentTables.listStatement}).
   */
  boolean walksPrimaryKeyForOrder() {
    return false;
  }

  /**
   * Makes the transaction about to start on {@code connection} run at READ COMMITTED whatever the pool's
   * default, for the event sequencer and pruning: they must see what committed last and, on MariaDB, take no
   * gap locks that would make writers inserting events wait. Must be the transaction's first statement. The
   * default does nothing: H2 runs at READ COMMITTED.
   */
  void readCommitted(Connection connection) throws SQLException {}

  /** Runs {@code SET TRANSACTION ISOLATION LEVEL READ COMMITTED}, which covers the next transaction only. */
  static void setTransactionReadCommitted(Connection connection) throws SQLException {
    try (PreparedStatement set = connection.prepareStatement("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")) {
      set.execute();
    }
  }

  /** Rejects a URL this dialect accepts but the store cannot use; the default accepts every URL. */
  void checkUrl(String url) {}

  /**
   * The settings of this database's URLs that run code when a connection opens: SQL of the URL's choosing, or
   * a class named in the URL. Upper case.
   */
  Set<String> codeSettings() {
    return Set.of();
  }

  /** The names of the settings {@code url} carries, upper case; by default its query parameters. */
  List<String> settingNames(String url) {
    int query = url.indexOf('?');
    return query < 0 ? List.of() : names(url.substring(query + 1).split("&"), true);
  }

  /** The settings of {@code url} that run code ({@link #codeSettings()}), in the URL's order. */
  final List<String> codeSettingsIn(String url) {
    return settingNames(url).stream().filter(codeSettings()::contains).distinct().toList();
  }

  /** The names of {@code name=value} parameters, upper case, URL-decoded if {@code encoded}. */
  private static List<String> names(String[] parameters, boolean encoded) {
    List<String> names = new ArrayList<>();
    for (String parameter : parameters) {
      String name = parameter.split("=", 2)[0].trim();
      if (encoded) {
        try {
          name = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          // a malformed escape: the driver rejects the URL; compare the name as written
        }
      }
      if (!name.isEmpty()) {
        names.add(name.toUpperCase(Locale.ROOT));
      }
    }
    return names;
  }

  /** The dialect of a {@code jdbc:} URL, or {@code null}. */
  static @Nullable Dialect forUrl(String url) {
    for (Dialect dialect : ALL) {
      if (url.regionMatches(true, 0, dialect.urlPrefix(), 0, dialect.urlPrefix().length())) {
        return dialect;
      }
    }
    return null;
  }

  /** The dialect of a database product name, or {@code null}. */
  static @Nullable Dialect forProduct(String productName) {
    for (Dialect dialect : ALL) {
      if (dialect.displayName.equalsIgnoreCase(productName)) {
        return dialect;
      }
    }
    return null;
  }

  /** The supported databases, for messages. */
  static String supported() {
    return "H2 2.x, PostgreSQL and MariaDB";
  }

  /** Whether the failure left nothing behind and the same unit of work may succeed if run again. */
  final boolean isTransient(SQLException failure) {
    for (SQLException e : chain(failure)) {
      String state = e.getSQLState();
      if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state) || isTransientState(state))) {
        return true;
      }
      if (isTransientCode(e.getErrorCode())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the failure is a broken unique constraint (the same key or number stored by someone else). */
  final boolean isUniqueViolation(SQLException failure) {
    for (SQLException e : chain(failure)) {
      if (isUniqueViolationOf(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the failure may have come without an answer from the server: a lost connection (SQLSTATE class
   * 08, a connection exception of JDBC, or no SQLSTATE at all), or the server shutting down. Only then can
   * a statement or commit that threw have taken effect; an error the server reported (a constraint, a bad
   * value, a serialization failure) means the statement, and in auto-commit mode its transaction, did not.
   */
  final boolean isConnectionLoss(SQLException failure) {
    for (SQLException e : chain(failure)) {
      String state = e.getSQLState();
      if (state == null || state.startsWith("08") || e instanceof SQLRecoverableException
          || e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
          || isShutdownState(state)) {
        return true;
      }
    }
    return false;
  }

  /** A dialect's SQLSTATEs for a server that is shutting down, which may have cut a commit off. */
  boolean isShutdownState(String sqlState) {
    return false;
  }

  /** A dialect's own transient SQLSTATEs, beyond connection loss and serialization failure. */
  boolean isTransientState(String sqlState) {
    return false;
  }

  /** A dialect's own transient vendor error codes. */
  boolean isTransientCode(int errorCode) {
    return false;
  }

  /** Whether this one exception (not its chain) is a unique violation; standard SQLSTATE 23505 by default. */
  boolean isUniqueViolationOf(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** The exception, the exceptions chained to it, and their causes, each once. */
  private static List<SQLException> chain(SQLException failure) {
    List<SQLException> all = new ArrayList<>();
    for (SQLException e = failure; e != null && all.size() < 16; e = e.getNextException()) {
      for (Throwable t = e; t != null && all.size() < 16; t = t.getCause()) {
        if (t instanceof SQLException sql && !all.contains(sql)) {
          all.add(sql);
        }
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return displayName;
  }

  /** PostgreSQL 15: an upsert that returns the new value in one round trip. */
  private static final class PostgresDialect extends Dialect {
    PostgresDialect() {
      super("PostgreSQL", "jdbc:postgresql:", "postgresql", "org.postgresql:postgresql");
    }

    /** pgjdbc's settings that name a class for the driver to load and instantiate. */
    @Override
    Set<String> codeSettings() {
      return Set.of("SOCKETFACTORY", "SSLFACTORY", "SSLHOSTNAMEVERIFIER", "SSLPASSWORDCALLBACK",
          "AUTHENTICATIONPLUGINCLASSNAME");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here in a transaction of its own that commits without waiting for the disk (the function of
     * migration V2); ON CONFLICT makes the first use of a tenant race-free: the loser waits for the
     * winner's row lock.
     */
    @Override
    long allocate(Connection connection, String tenant, int count) throws SQLException {
      try (PreparedStatement allocate = connection.prepareStatement("SELECT incidents_allocate(?, ?)")) {
        allocate.setString(1, tenant);
        allocate.setLong(2, count);
        try (ResultSet rs = allocate.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    @Override
    boolean allocatesOutsideTheCreate() {
      return true;
    }

    @Override
    boolean writesSetFacetsWithTheIncident() {
      return true;
    }

    @Override
    void probe(Connection connection) throws SQLException {
      try (PreparedStatement function = connection.prepareStatement(
          "SELECT 'incidents_allocate(varchar, bigint)'::regprocedure")) {
        function.executeQuery().close();
      }
    }

    @Override
    String documentParameter() {
      return "CAST(? AS jsonb)";
    }

    @Override
    String upsertRecord() {
      return "INSERT INTO incident_records (namespace, record_key, record_value) VALUES (?, ?, ?) "
          + "ON CONFLICT (namespace, record_key) DO UPDATE SET record_value = EXCLUDED.record_value";
    }

    @Override
    void readCommitted(Connection connection) throws SQLException {
      setTransactionReadCommitted(connection);
    }

    @Override
    boolean isShutdownState(String sqlState) {
      // 57P01 admin_shutdown, 57P02 crash_shutdown.
      return "57P01".equals(sqlState) || "57P02".equals(sqlState);
    }

    @Override
    boolean isTransientState(String sqlState) {
      // 40P01 deadlock detected, 55P03 lock not available, 57P01 server shutting down (admin_shutdown).
      return "40P01".equals(sqlState) || "55P03".equals(sqlState) || "57P01".equals(sqlState);
    }
  }

  /** MariaDB 10.11: an auto-committed upsert that returns the new last number as {@code LAST_INSERT_ID}. */
  private static final class MariaDbDialect extends Dialect {
    /** ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK, ER_CONNECTION_KILLED. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 1927);
    /** ER_DUP_ENTRY, ER_DUP_KEY. */
    private static final Set<Integer> DUPLICATE_CODES = Set.of(1062, 1022);

    MariaDbDialect() {
      super("MariaDB", "jdbc:mariadb:", "mariadb", "org.mariadb.jdbc:mariadb-java-client");
    }

    /** MariaDB Connector/J's setting that names a class for the driver to load and instantiate. */
    @Override
    Set<String> codeSettings() {
      return Set.of("SOCKETFACTORY");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here in a transaction of its own: one upsert in auto-commit mode, which locks the tenant's row for the
     * statement only (inside the create it stayed locked until the create's commit had reached the disk, so
     * one tenant's creates committed one at a time). The first use of a tenant is race-free: the loser of
     * two inserts waits for the winner's row and updates it. Both branches pass the new last number through
     * {@code LAST_INSERT_ID(expr)}, which the server sends back with the statement's result, so no read
     * follows, and no other session's bump can come between. As on PostgreSQL, InnoDB's log is written in
     * order, so an incident whose commit is durable has a durable bump too.
     */
    @Override
    long allocate(Connection connection, String tenant, int count) throws SQLException {
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO incident_counters (tenant, last_number) VALUES (?, LAST_INSERT_ID(?)) "
              + "ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + VALUE(last_number))",
          Statement.RETURN_GENERATED_KEYS)) {
        upsert.setString(1, tenant);
        upsert.setLong(2, count);
        upsert.executeUpdate();
        try (ResultSet last = upsert.getGeneratedKeys()) {
          if (!last.next() || last.getLong(1) < count) {
            throw new SQLException("the counter of tenant '" + tenant + "' did not report the numbers it allocated");
          }
          return last.getLong(1);
        }
      }
    }

    @Override
    boolean allocatesOutsideTheCreate() {
      return true;
    }

    @Override
    boolean isTransientCode(int errorCode) {
      return TRANSIENT_CODES.contains(errorCode);
    }

    @Override
    String upsertRecord() {
      return "INSERT INTO incident_records (namespace, record_key, record_value) VALUES (?, ?, ?) "
          + "ON DUPLICATE KEY UPDATE record_value = VALUE(record_value)";
    }

    @Override
    boolean walksPrimaryKeyForOrder() {
      return true;
    }

    @Override
    void readCommitted(Connection connection) throws SQLException {
      setTransactionReadCommitted(connection);
    }

    @Override
    boolean isUniqueViolationOf(SQLException e) {
      return DUPLICATE_CODES.contains(e.getErrorCode()) || super.isUniqueViolationOf(e);
    }
  }

  /** H2 2.x, embedded: update the counter, or insert it on first use. */
  private static final class H2Dialect extends Dialect {
    H2Dialect() {
      super("H2", "jdbc:h2:", "h2", "com.h2database:h2");
    }

    /**
     * INIT runs SQL at every connection (RUNSCRIPT reads any file the process can, CREATE ALIAS calls any
     * static Java method); DATABASE_EVENT_LISTENER and JAVA_OBJECT_SERIALIZER name classes to instantiate.
     */
    @Override
    Set<String> codeSettings() {
      return Set.of("INIT", "DATABASE_EVENT_LISTENER", "JAVA_OBJECT_SERIALIZER");
    }

    /** H2's settings follow the database name, separated by semicolons: {@code jdbc:h2:./db;KEY=VALUE;...}. */
    @Override
    List<String> settingNames(String url) {
      String[] parts = url.split(";");
      return names(java.util.Arrays.copyOfRange(parts, 1, parts.length), false);
    }

    @Override
    long allocate(Connection connection, String tenant, int count) throws SQLException {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE incident_counters SET last_number = last_number + ? WHERE tenant = ?")) {
        update.setLong(1, count);
        update.setString(2, tenant);
        if (update.executeUpdate() == 1) {
          return lastNumber(connection, tenant);
        }
      }
      // First use of the tenant. Two first uses at once: the second insert waits for the first, then fails
      // with a unique violation, and the store runs the unit of work again, which then takes the update path.
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO incident_counters (tenant, last_number) VALUES (?, ?)")) {
        insert.setString(1, tenant);
        insert.setLong(2, count);
        insert.executeUpdate();
        return count;
      }
    }

    /** Reads the counter row the caller's transaction has just bumped (and so locked). */
    private static long lastNumber(Connection connection, String tenant) throws SQLException {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT last_number FROM incident_counters WHERE tenant = ?")) {
        select.setString(1, tenant);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("the counter row of tenant '" + tenant + "' vanished inside its own transaction");
          }
          return rs.getLong(1);
        }
      }
    }

    @Override
    String upsertRecord() {
      return "MERGE INTO incident_records (namespace, record_key, record_value) KEY (namespace, record_key) "
          + "VALUES (?, ?, ?)";
    }

    @Override
    boolean isTransientState(String sqlState) {
      // HYT00 lock timeout; 90131 concurrent update of a row (H2's MVCC write conflict).
      return "HYT00".equals(sqlState) || "90131".equals(sqlState);
    }

    @Override
    void checkUrl(String url) {
      String lower = url.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:h2:mem:")) {
        String name = lower.substring("jdbc:h2:mem:".length()).split(";", 2)[0];
        if (name.isEmpty()) {
          throw new IllegalArgumentException("'" + url + "' is a private in-memory H2 database: every pooled "
              + "connection would see a different, empty one; name it, as in jdbc:h2:mem:incidents;DB_CLOSE_DELAY=-1");
        }
        if (!lower.contains(";db_close_delay=-1")) {
          throw new IllegalArgumentException("'" + url + "' is an in-memory H2 database that vanishes whenever the "
              + "pool closes its last connection; add ;DB_CLOSE_DELAY=-1 to keep it until the JVM exits");
        }
      }
    }
  }
}
