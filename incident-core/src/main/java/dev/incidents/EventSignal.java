package dev.incidents;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes a service's waiting event consumers when one of its writes may have stored an event. A writer pays one
 * atomic increment and, only while someone waits, a notification: consumers never slow creates down.
 */
final class EventSignal {

  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger waiters = new AtomicInteger();
  private final Object lock = new Object();

  /** A number that changes with every {@link #changed}; pass it to {@link #await}. */
  long generation() {
    return generation.get();
  }

  /** Says that events may have been stored (or that a waiter should look again). */
  void changed() {
    generation.incrementAndGet();
    // A waiter counts itself before it checks the generation, so either it sees the new generation or we see it.
    if (waiters.get() > 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  /** Waits until the generation is no longer {@code seen}, or {@code nanos} passed. */
  void await(long seen, long nanos) throws InterruptedException {
    waiters.incrementAndGet();
    try {
      long deadline = System.nanoTime() + nanos;
      synchronized (lock) {
        while (generation.get() == seen) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      }
    } finally {
      waiters.decrementAndGet();
    }
  }
}
