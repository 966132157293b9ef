package dev.incidents.store.jdbc;

import dev.incidents.error.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work on connections of a {@link DataSource}, each in one transaction, and runs a unit again
 * when it failed in a way that left nothing behind and may pass next time: a lost connection, a serialization
 * failure or deadlock, a lock timeout, or a unique violation (a race another transaction won, which the next
 * run sees). Attempts are bounded; the pauses between them grow exponentially with full jitter.
 *
 * <p>A commit cut off by a lost connection is ambiguous: the transaction may have committed (an error the
 * server answered with, such as a serialization failure, is not: nothing was committed). Such a unit runs
 * again only when the caller says a second run detects the first one's success (every create carries an
 * idempotency key); otherwise the failure says the outcome is unknown.
 *
 * <p>A unit may also start in auto-commit mode and manage its commits itself ({@link #writeCommittingItself}):
 * PostgreSQL's and MariaDB's creates allocate numbers in a statement that commits by itself, then insert in a transaction
 * of their own.
 *
 * <p>Connections are borrowed per attempt and handed back as they came (auto-commit restored), so a
 * host's pool is not left with changed connections. Thread-safe.
 */
final class Transactions {

  /** One unit of work; may throw {@link SQLException} (handled here) or a runtime exception (passed on). */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * How often and how patiently to try.
   *
   * @param maxAttempts the most runs of one unit, 1 for no retries
   * @param firstPause the longest pause before the second attempt; it doubles each time
   * @param maxPause the cap of a pause
   */
  record Policy(int maxAttempts, Duration firstPause, Duration maxPause) {
    static final Policy DEFAULT = new Policy(5, Duration.ofMillis(20), Duration.ofSeconds(1));

    Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      if (firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
        throw new IllegalArgumentException("pauses must satisfy 0 <= firstPause <= maxPause, got "
            + firstPause + " and " + maxPause);
      }
    }

    /** The pause after failed attempt {@code attempt} (1-based): uniform in [0, min(max, first * 2^(attempt-1))]. */
    long pauseNanos(int attempt) {
      long cap = Math.min(maxPause.toNanos(), firstPause.toNanos() << Math.min(attempt - 1, 20));
      return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }
  }

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Policy policy;

  Transactions(DataSource dataSource, Dialect dialect, Policy policy) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.policy = policy;
  }

  /**
   * A unit of work that commits by itself, on a connection handed over in auto-commit mode (it may turn
   * auto-commit off for a transaction of its own, and commit it). It calls {@code committing.run()} just
   * before the statement or commit whose failure may nonetheless have committed.
   */
  @FunctionalInterface
  interface SelfCommittingWork<T> {
    T run(Connection connection, Runnable committing) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction and commits it.
   *
   * @param what what the unit does, for messages ("create an incident in tenant 'acme'")
   * @param rerunDetectsCommit whether running the unit again finds out that an earlier run committed, so
   *     that a commit that failed ambiguously may be retried
   * @throws ServiceUnavailableException if the database failed for good, or the commit's outcome is unknown
   */
  <T> T write(String what, boolean rerunDetectsCommit, Work<T> work) {
    return run(what, Mode.TRANSACTION, rerunDetectsCommit, (connection, committing) -> {
      T result = work.run(connection);
      committing.run();
      connection.commit();
      return result;
    });
  }

  /**
   * Runs {@code work}, which commits by itself in auto-commit mode, with the retries and the treatment of
   * ambiguous commits of {@link #write}.
   */
  <T> T writeCommittingItself(String what, boolean rerunDetectsCommit, SelfCommittingWork<T> work) {
    return run(what, Mode.AUTO_COMMIT, rerunDetectsCommit, work);
  }

  /** Runs a read-only {@code work}: any failure before the result is read may be retried. */
  <T> T read(String what, Work<T> work) {
    return run(what, Mode.AS_IS, true, (connection, committing) -> {
      T result = work.run(connection);
      if (!connection.getAutoCommit()) {
        connection.commit(); // ends the read's transaction on a pool that hands out connections without auto-commit
      }
      return result;
    });
  }

  /** The auto-commit mode a unit starts in: off, on, or whatever the pool's connection has. */
  private enum Mode { TRANSACTION, AUTO_COMMIT, AS_IS }

  private <T> T run(String what, Mode mode, boolean rerunDetectsCommit, SelfCommittingWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      boolean[] committing = {false};
      Connection connection = null;
      Boolean autoCommitAsBorrowed = null;
      boolean rolledBack = true;
      try {
        connection = dataSource.getConnection();
        autoCommitAsBorrowed = connection.getAutoCommit();
        if (mode != Mode.AS_IS && autoCommitAsBorrowed != (mode == Mode.AUTO_COMMIT)) {
          connection.setAutoCommit(mode == Mode.AUTO_COMMIT);
        }
        return work.run(connection, () -> committing[0] = true);
      } catch (SQLException e) {
        rolledBack = rollbackQuietly(connection, e);
        boolean maybeCommitted = committing[0] && dialect.isConnectionLoss(e);
        if (maybeCommitted && !rerunDetectsCommit) {
          throw ServiceUnavailableException.of("the " + dialect + " database failed while committing, so it is "
              + "unknown whether it did " + what + " (retry with an idempotency key to find out): " + describe(e), e);
        }
        boolean again = dialect.isTransient(e) || dialect.isUniqueViolation(e) || maybeCommitted;
        if (!again || attempt >= policy.maxAttempts()) {
          throw ServiceUnavailableException.of("the " + dialect + " database failed to " + what
              + (again ? " in " + attempt + " attempts" : "") + ": " + describe(e), e);
        }
        pause(what, attempt, e);
      } catch (RuntimeException | Error e) {
        rolledBack = rollbackQuietly(connection, e);
        throw e;
      } finally {
        // Turning auto-commit on commits an open transaction: never after a rollback that failed.
        release(connection, rolledBack ? autoCommitAsBorrowed : null);
      }
    }
  }

  private void pause(String what, int attempt, SQLException cause) {
    try {
      TimeUnit.NANOSECONDS.sleep(policy.pauseNanos(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ServiceUnavailableException failure = ServiceUnavailableException.of("interrupted while waiting to retry: "
          + what + " after " + describe(cause), cause);
      failure.addSuppressed(e);
      throw failure;
    }
  }

  /** Rolls back an open transaction; false if that failed, and the transaction may still be open. */
  private static boolean rollbackQuietly(@Nullable Connection connection, Throwable failure) {
    if (connection == null) {
      return true;
    }
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  /** Hands the connection back as it came; a broken one is the pool's business, and never fails a finished unit. */
  private static void release(@Nullable Connection connection, @Nullable Boolean autoCommitAsBorrowed) {
    if (connection == null) {
      return;
    }
    try {
      if (autoCommitAsBorrowed != null && connection.getAutoCommit() != autoCommitAsBorrowed) {
        connection.setAutoCommit(autoCommitAsBorrowed);
      }
    } catch (SQLException | RuntimeException ignored) {
      // The connection is broken; closing it below tells the pool.
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException ignored) {
      // Nothing left to do with a connection that cannot even be closed.
    }
  }

  private static String describe(SQLException e) {
    return e.getMessage() + " (SQLSTATE " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
  }
}
