package dev.incidents.store.mapdb;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates one caller hands to the {@link GroupWriter} and waits for: a single create, or one batch of
 * {@code createAll}. The writer fills {@link #results} in order; if an incident fails, the writer records why
 * in {@link #failure} and does not apply the incidents after it. The caller reads the outcome after
 * {@link #await()}, which the writer releases only once the outcome is final (committed, or known not to be).
 * The thread that makes a job is the one that awaits it.
 */
final class Job {

  final List<NewIncident> incidents;
  /** The outcome of {@code incidents.get(i)}, for {@code i < done}. Writer thread until finished. */
  final CreateResult[] results;
  /** How many incidents have an outcome. Writer thread until finished. */
  int done;
  /** Why {@code incidents.get(done)} failed, or {@code null}. Writer thread until finished. */
  Throwable failure;

  private final Thread caller = Thread.currentThread();
  private volatile boolean finished;

  Job(List<NewIncident> incidents) {
    this.incidents = incidents;
    this.results = new CreateResult[incidents.size()];
  }

  /** Stops the job at incident {@code index}, which failed because of {@code cause}. */
  void failAt(int index, Throwable cause) {
    done = index;
    failure = cause;
  }

  /** The results of the incidents that were stored (or replayed), in order. */
  List<CreateResult> committed() {
    return Arrays.asList(results).subList(0, done);
  }

  /** Publishes the outcome to the caller; writer thread, once. */
  void finish() {
    finished = true;
    LockSupport.unpark(caller);
  }

  /**
   * Waits until the writer finishes the job. Not interruptible: the create may already be committing, and a
   * create that returns early must not turn out stored; an interrupt is kept for the caller to see.
   */
  void await() {
    boolean interrupted = false;
    while (!finished) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
