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

  private record StatementFault(String sqlFragment, SQLException failure) {}

  private record CommitFault(SQLException failure, boolean afterCommitting) {}

  private final DataSource target;
  private final List<StatementFault> statementFaults = new ArrayList<>();
  private final List<CommitFault> commitFaults = new ArrayList<>();
  private final List<SQLException> connectionFaults = new ArrayList<>();
  private final List<String> executed = new ArrayList<>();
  private final List<Boolean> autoCommitOnClose = new ArrayList<>();

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
        return connection((Connection) method.invoke(target, args));
      }
      return method.invoke(target, args);
    });
  }

  /** The next execution of a statement whose SQL contains {@code sqlFragment} throws {@code failure}. */
  synchronized FaultyDataSource failStatement(String sqlFragment, SQLException failure) {
    statementFaults.add(new StatementFault(sqlFragment, failure));
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
        SQLException fault;
        synchronized (this) {
          executed.add(sql);
          fault = statementFaults.stream().filter(f -> sql.contains(f.sqlFragment())).findFirst()
              .map(f -> {
                statementFaults.remove(f);
                return f.failure();
              }).orElse(null);
        }
        if (fault != null) {
          throw fault;
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
