package dev.incidents;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Turns for the writers of one incident in this service, once they contend (docs/CONTRACT.md 10.5). An update
 * or delete first tries its compare-and-set without a turn; after it loses one, or while another writer of a
 * nearby incident is taking turns, it waits for a turn, in arrival order, and keeps it until it is done. So
 * writers in this service never starve each other: without turns, eight threads updating one incident nonstop
 * made one of them lose 50 races in a row within seconds, since a loser pausing before its retry kept losing
 * to writers arriving fresh. Writers in other processes still meet at the store's compare-and-set only.
 *
 * <p>Turns are striped: incidents whose keys share a stripe share turns, which only costs them concurrency
 * while they contend.
 */
final class IncidentTurns {

  private static final int STRIPES = 256;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  IncidentTurns() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock(true);
    }
  }

  /** One writer's turn-taking: {@link #beforeAttempt} before each attempt, {@link #close} when done. */
  final class Writer implements AutoCloseable {
    private final ReentrantLock stripe;
    private @Nullable ReentrantLock held;

    private Writer(String tenant, long number) {
      int hash = 31 * tenant.hashCode() + Long.hashCode(number);
      this.stripe = stripes[Math.floorMod(hash ^ (hash >>> 16), STRIPES)];
    }

    /** Before attempt {@code attempt} (from 1): takes a turn after a lost race, or when others are taking them. */
    void beforeAttempt(int attempt) {
      if (held == null && (attempt > 1 || stripe.isLocked())) {
        stripe.lock();
        held = stripe;
      }
    }

    @Override
    public void close() {
      ReentrantLock lock = held;
      if (lock != null) {
        held = null;
        lock.unlock();
      }
    }
  }

  Writer writer(String tenant, long number) {
    return new Writer(tenant, number);
  }
}
