package dev.incidents.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that injects failures, for deterministic tests of retries: the next executions of a
 * statement whose SQL contains a fragment, the next commits (before or after really committing), or the next
 * connection requests throw a given {@link SQLException}. It also records the auto-commit state of every
 * connection handed back, and counts statement executions per SQL fragment. Faults are one-shot each.
 */
final class FaultyDataSource {

  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch");

  private record StatementFault(String sqlFragment, SQLException failure, boolean afterExecuting) {}

  private record CommitFault(SQLException failure, boolean afterCommitting) {}

  private final DataSource target;
  private final List<StatementFault> statementFaults = new ArrayList<>();
  private final List<CommitFault> commitFaults = new ArrayList<>();
  private final List<SQLException> connectionFaults = new ArrayList<>();
  private final List<String> executed = new ArrayList<>();
  private final List<Boolean> autoCommitOnClose = new ArrayList<>();
  private Boolean autoCommitOnOpen;
  private int commits;

  FaultyDataSource(DataSource target) {
    this.target = target;
  }

  DataSource dataSource() {
    return proxy(DataSource.class, target, (method, args) -> {
      if (method.getName().equals("getConnection")) {
        SQLException fault = take(connectionFaults);
        if (fault != null) {
          throw fault;
        }
        Connection connection = (Connection) method.invoke(target, args);
        Boolean autoCommit = autoCommitOnOpen;
        if (autoCommit != null) {
          connection.setAutoCommit(autoCommit);
        }
        return connection(connection);
      }
      return method.invoke(target, args);
    });
  }

  /** The next execution of a statement whose SQL contains {@code sqlFragment} throws {@code failure}. */
  synchronized FaultyDataSource failStatement(String sqlFragment, SQLException failure) {
    statementFaults.add(new StatementFault(sqlFragment, failure, false));
    return this;
  }

  /**
   * The next execution of a statement whose SQL contains {@code sqlFragment} runs, and then throws
   * {@code failure}: a connection lost while the answer was on its way (in auto-commit mode, after the
   * statement committed).
   */
  synchronized FaultyDataSource failStatementAfterExecuting(String sqlFragment, SQLException failure) {
    statementFaults.add(new StatementFault(sqlFragment, failure, true));
    return this;
  }

  /** The next commit throws {@code failure}: after committing when {@code afterCommitting}, else instead of it. */
  synchronized FaultyDataSource failCommit(SQLException failure, boolean afterCommitting) {
    commitFaults.add(new CommitFault(failure, afterCommitting));
    return this;
  }

  /** The next connection request throws {@code failure}. */
  synchronized FaultyDataSource failConnection(SQLException failure) {
    connectionFaults.add(failure);
    return this;
  }

  /** How many statements containing {@code sqlFragment} were executed (or failed by a fault). */
  synchronized long executions(String sqlFragment) {
    return executed.stream().filter(sql -> sql.contains(sqlFragment)).count();
  }

  /** Connections are handed out with this auto-commit mode, as a pool configured so would. */
  synchronized FaultyDataSource autoCommitOnOpen(boolean autoCommit) {
    this.autoCommitOnOpen = autoCommit;
    return this;
  }

  /** How many times {@code commit} was called. */
  synchronized int commits() {
    return commits;
  }

  synchronized List<Boolean> autoCommitOnClose() {
    return List.copyOf(autoCommitOnClose);
  }

  static SQLException failure(String sqlState, int vendorCode) {
    return new SQLException("injected failure " + sqlState, sqlState, vendorCode);
  }

  private Connection connection(Connection connection) {
    return proxy(Connection.class, connection, (method, args) -> {
      switch (method.getName()) {
        case "prepareStatement" -> {
          PreparedStatement statement = (PreparedStatement) method.invoke(connection, args);
          return statement((String) args[0], statement);
        }
        case "commit" -> {
          synchronized (this) {
            commits++;
          }
          CommitFault fault = take(commitFaults);
          if (fault != null && fault.afterCommitting()) {
            connection.commit();
          }
          if (fault != null) {
            throw fault.failure();
          }
          return method.invoke(connection, args);
        }
        case "close" -> {
          synchronized (this) {
            autoCommitOnClose.add(connection.getAutoCommit());
          }
          return method.invoke(connection, args);
        }
        default -> {
          return method.invoke(connection, args);
        }
      }
    });
  }

  private PreparedStatement statement(String sql, PreparedStatement statement) {
    return proxy(PreparedStatement.class, statement, (method, args) -> {
      if (EXECUTIONS.contains(method.getName())) {
        StatementFault fault;
        synchronized (this) {
          executed.add(sql);
          fault = statementFaults.stream().filter(f -> sql.contains(f.sqlFragment())).findFirst().orElse(null);
          statementFaults.remove(fault);
        }
        if (fault != null && !fault.afterExecuting()) {
          throw fault.failure();
        }
        if (fault != null) {
          method.invoke(statement, args);
          throw fault.failure();
        }
      }
      return method.invoke(statement, args);
    });
  }

  private synchronized <T> T take(List<T> faults) {
    return faults.isEmpty() ? null : faults.remove(0);
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Object target, Handler handler) {
    InvocationHandler invocation = (self, method, args) -> {
      try {
        return handler.handle(method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
  }
}
