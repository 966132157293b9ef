package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.UpdateResult;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Work one caller hands to the {@link GroupWriter} and waits for. The writer applies it with the other jobs
 * of its group ({@link #apply}), commits, and then releases the caller ({@link #finish}); the caller reads
 * the outcome after {@link #await()}, which returns only once the outcome is final (committed, or known not
 * to be). A job records its own failures (a renderer that throws, a damaged record) in {@link #failure} and
 * stores nothing of what failed; anything {@link #apply} throws is a storage failure, which fails the
 * group. The thread that makes a job is the one that awaits it.
 */
abstract class Job {

  /** Why the job failed, or {@code null}. Writer thread until finished. */
  @Nullable Throwable failure;

  private final Thread caller = Thread.currentThread();
  private volatile boolean finished;

  /** How much this job adds to a group: incidents created, events pruned, or 1. */
  abstract int units();

  /** What the job does, for messages: "create", "update" ... */
  abstract String what();

  /** Applies the job through {@code writes}; writer thread. */
  abstract void apply(Writes writes);

  /** Fails the whole job with {@code cause}: nothing of it is stored. */
  void fail(Throwable cause) {
    failure = cause;
  }

  /** Publishes the outcome to the caller; writer thread, once. */
  final void finish() {
    finished = true;
    LockSupport.unpark(caller);
  }

  /**
   * Waits until the writer finishes the job. Not interruptible: the job may already be committing, and a
   * call that returns early must not turn out stored; an interrupt is kept for the caller to see.
   */
  final void await() {
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

  /**
   * A single create, or one unit of {@code createAll}. The writer fills {@link #results} in order; if an
   * incident fails, it records why in {@link #failure} and does not apply the incidents after it.
   */
  static final class Create extends Job {
    final List<NewIncident> incidents;
    /** The outcome of {@code incidents.get(i)}, for {@code i < done}. Writer thread until finished. */
    final CreateResult[] results;
    /** How many incidents have an outcome. Writer thread until finished. */
    int done;

    Create(List<NewIncident> incidents) {
      this.incidents = incidents;
      this.results = new CreateResult[incidents.size()];
    }

    @Override
    int units() {
      return incidents.size();
    }

    @Override
    String what() {
      return "create";
    }

    /** Stops the job at incident {@code index}, which failed because of {@code cause}. */
    void failAt(int index, Throwable cause) {
      done = index;
      failure = cause;
    }

    @Override
    void fail(Throwable cause) {
      failAt(0, cause);
    }

    /** The results of the incidents that were stored (or replayed), in order. */
    List<CreateResult> committed() {
      return Arrays.asList(results).subList(0, done);
    }

    @Override
    void apply(Writes writes) {
      for (int i = 0; i < incidents.size(); i++) {
        NewIncident incident = incidents.get(i);
        String key = incident.idempotencyKey();
        if (key != null) {
          CreateResult replay;
          try {
            replay = writes.replay(incident.tenant(), key);
          } catch (Writes.DamagedException e) {
            failAt(i, e.failure());
            return;
          }
          if (replay != null) {
            results[i] = replay;
            done = i + 1;
            continue;
          }
        }
        long number = writes.allocate(incident.tenant());
        RenderedIncident rendered;
        try {
          rendered = incident.render(number);
        } catch (RuntimeException | Error e) {
          rethrowIfFatal(e);
          failAt(i, e);
          return;
        }
        results[i] = new CreateResult.Created(writes.insert(incident, number, rendered));
        done = i + 1;
      }
    }
  }

  /** One {@code update}: compare and set. */
  static final class Update extends Job {
    final IncidentUpdate update;
    @Nullable UpdateResult result;

    Update(IncidentUpdate update) {
      this.update = update;
    }

    @Override
    int units() {
      return 1;
    }

    @Override
    String what() {
      return "update";
    }

    @Override
    void apply(Writes writes) {
      IncidentState current;
      try {
        current = writes.current(update.tenant(), update.number());
      } catch (Writes.DamagedException e) {
        fail(e.failure());
        return;
      }
      if (current == null) {
        result = new UpdateResult.Missing();
      } else if (current.version() != update.expectedVersion()) {
        result = new UpdateResult.Stale(current.stored(update.tenant(), update.number()));
      } else {
        result = new UpdateResult.Updated(writes.replace(update.tenant(), update.number(), current, update.rendered()));
      }
    }
  }

  /** One {@code delete}: compare and remove. */
  static final class Delete extends Job {
    final IncidentDeletion deletion;
    @Nullable DeleteResult result;

    Delete(IncidentDeletion deletion) {
      this.deletion = deletion;
    }

    @Override
    int units() {
      return 1;
    }

    @Override
    String what() {
      return "delete";
    }

    @Override
    void apply(Writes writes) {
      IncidentState current;
      try {
        current = writes.current(deletion.tenant(), deletion.number());
      } catch (Writes.DamagedException e) {
        fail(e.failure());
        return;
      }
      if (current == null) {
        result = new DeleteResult.Missing();
      } else if (current.version() != deletion.expectedVersion()) {
        result = new DeleteResult.Stale(current.stored(deletion.tenant(), deletion.number()));
      } else {
        writes.remove(deletion.tenant(), deletion.number(), current, deletion.event());
        result = new DeleteResult.Deleted();
      }
    }
  }

  /** Records the facets of an incident stored without them, if it is still at the version they were made from. */
  static final class Index extends Job {
    final String tenant;
    final long number;
    final long version;
    final IncidentFacets facets;

    Index(String tenant, long number, long version, IncidentFacets facets) {
      this.tenant = tenant;
      this.number = number;
      this.version = version;
      this.facets = facets;
    }

    @Override
    int units() {
      return 1;
    }

    @Override
    String what() {
      return "index";
    }

    @Override
    void apply(Writes writes) {
      IncidentState current;
      try {
        current = writes.current(tenant, number);
      } catch (Writes.DamagedException e) {
        fail(e.failure());
        return;
      }
      if (current != null && current.version() == version && current.facets() == null) {
        writes.index(tenant, number, current, facets);
      }
    }
  }

  /** Forgets that a tenant may hold incidents without facets, once a reader found none left. */
  static final class ForgetUnindexed extends Job {
    final String tenant;

    ForgetUnindexed(String tenant) {
      this.tenant = tenant;
    }

    @Override
    int units() {
      return 1;
    }

    @Override
    String what() {
      return "mark as indexed";
    }

    @Override
    void apply(Writes writes) {
      writes.forgetUnindexed(tenant);
    }
  }

  /** Puts or removes one service record. */
  static final class PutRecord extends Job {
    final String namespace;
    final String key;
    final byte @Nullable [] value;
    /** Whether the key had a value. */
    boolean existed;

    /** Puts {@code value}, or removes the record for {@code null}. */
    PutRecord(String namespace, String key, byte @Nullable [] value) {
      this.namespace = namespace;
      this.key = key;
      this.value = value;
    }

    @Override
    int units() {
      return 1;
    }

    @Override
    String what() {
      return value == null ? "record removal" : "record";
    }

    @Override
    void apply(Writes writes) {
      existed = writes.putRecord(namespace, key, value);
    }
  }

  /** Removes up to {@link #max} of the events numbered up to {@link #through}, lowest first. */
  static final class Prune extends Job {
    final long through;
    final int max;
    int removed;

    Prune(long through, int max) {
      this.through = through;
      this.max = max;
    }

    @Override
    int units() {
      return max;
    }

    @Override
    String what() {
      return "event pruning";
    }

    @Override
    void apply(Writes writes) {
      removed = writes.pruneEvents(through, max);
    }
  }
}
