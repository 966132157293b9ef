package dev.incidents.tck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs tasks on several threads at once. A barrier releases them together so they really overlap; a
 * generous timeout turns a hung store into a failure instead of a hung build. Nothing here measures or
 * asserts how fast anything is.
 */
public final class Concurrently {

  private final int threads;
  private final long timeoutSeconds;
  private final String timeoutProperty;

  /**
   * @param threads how many tasks run at once
   * @param timeoutSeconds how long to wait for them before reporting a hang
   * @param timeoutProperty the system property that sets the timeout, for the message
   */
  public Concurrently(int threads, long timeoutSeconds, String timeoutProperty) {
    this.threads = threads;
    this.timeoutSeconds = timeoutSeconds;
    this.timeoutProperty = timeoutProperty;
  }

  /**
   * Runs {@code task.apply(i)} for every {@code i} from 0 to {@code threads - 1}, each on its own thread,
   * released together, and returns the results in index order.
   *
   * @param what what the tasks do, for messages
   * @throws AssertionError if a task failed an assertion or the tasks did not finish within the timeout
   */
  public <T> List<T> run(String what, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(what));
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await(timeoutSeconds, TimeUnit.SECONDS);
          return task.apply(index);
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      List<T> results = new ArrayList<>(threads);
      for (Future<T> future : futures) {
        results.add(await(what, future, deadline));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private <T> T await(String what, Future<T> future, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": " + threads + " threads did not finish within " + timeoutSeconds
          + " s (" + timeoutProperty + "); the store may be deadlocked or blocked on a lock it never releases", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + ": interrupted while waiting for the threads", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BrokenBarrierException || cause instanceof TimeoutException) {
        throw new AssertionError(what + ": the threads never all started (another one failed first)", cause);
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new AssertionError(what + ": a thread failed: " + cause, cause);
    }
  }

  private static ThreadFactory daemonThreads(String what) {
    AtomicInteger counter = new AtomicInteger();
    String prefix = "incidents-tck-" + what.replaceAll("[^A-Za-z0-9]+", "-") + "-";
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
