package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.store.mapdb.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one thread that writes. MapDB 1.0 has one transaction per database, shared by every thread, so
 * changes cannot commit independently; instead the writer takes every {@link Job} waiting in its queue (up
 * to {@value #MAX_GROUP} units: incidents created, or changes), applies them one after another, commits once
 * (MapDB syncs the commit to disk), publishes the commit to readers, and only then releases the callers:
 * group commit. One caller waiting alone gets a commit of its own; many callers share one, which is how
 * concurrent writers and imports get past the disk's sync rate. Creates, updates, deletes, service records
 * and event pruning all take this path, so every event gets its sequence in commit order.
 *
 * <p>A job's own failure (a renderer that throws, a damaged record) fails only that job, which stores nothing.
 * Anything MapDB throws fails the whole group: the writer recovers the last committed state
 * ({@link Database#recover}) and reads the commit mark the group wrote: if the recovered
 * state holds it, the commit became durable before the failure and every job stands; otherwise nothing of
 * the group is stored and every job fails.
 *
 * <p><b>Readers</b> ({@link #read}) never see uncommitted changes, without waiting for the writer in the
 * common case: creates are hidden by each tenant's committed high-water mark ({@link Tenants}), events by
 * the published last sequence, and changes of existing incidents and records by the committed state the
 * writer keeps in the {@link Overlay} before it changes them. Publishing a commit (moving the marks, dropping
 * the overlay) happens under the write lock of a {@link StampedLock}; a read runs optimistically and is
 * repeated under the read lock only if a publication overlapped it.
 */
final class GroupWriter {

  /** The most units applied in one commit; also {@code createAll}'s batch size. */
  static final int MAX_GROUP = 1000;
  private static final int QUEUE_CAPACITY = 4096;
  /** Put in the queue by {@link #close()}: the writer finishes what is queued before it, then stops. */
  private static final Job SHUTDOWN = new Job.ForgetUnindexed("");

  private final String where;
  private final Tenants tenants;
  private final Overlay overlay = new Overlay();
  private final Unindexed unindexed = new Unindexed();
  private final Writes writes;
  private final StampedLock publication = new StampedLock();
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private volatile Database database;
  /** The last event sequence readers may see. */
  private volatile long publishedEvent;
  /** Events are pruned through this sequence, as committed. */
  private volatile long publishedPruned;
  /** The commit mark of the last commit. Writer thread. */
  private long commits;
  private volatile boolean closing;
  /** Set when recovery failed: the store can do nothing more until it is opened again. */
  private volatile @Nullable Throwable broken;

  // The writer thread's own, reused from group to group.
  private final ArrayList<Job> group = new ArrayList<>();

  GroupWriter(String where, Database database) {
    this.where = where;
    this.database = database;
    this.tenants = new Tenants(database);
    this.writes = new Writes(where, database, tenants, overlay, unindexed);
    this.commits = database.commits.get();
    this.publishedEvent = writes.lastEvent();
    this.publishedPruned = writes.prunedThrough();
    this.thread = new Thread(this::loop, "incidents-mapdb-writer " + where);
    // A daemon: an application that forgets close() still exits, losing nothing that was acknowledged.
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** How many jobs wait in the queue (for tests that need a group to form). */
  int queued() {
    return queue.size();
  }

  /**
   * Runs {@code query} against the committed state: first optimistically, and again under the read lock if
   * the writer published a commit meanwhile (then no commit is published until it returns).
   *
   * @throws ReadFailure if the query failed against a consistent state (a damaged record, a closed store)
   */
  <T> T read(Function<View, T> query) {
    long stamp = publication.tryOptimisticRead();
    if (stamp != 0) {
      try {
        T result = query.apply(view());
        if (publication.validate(stamp)) {
          return result;
        }
      } catch (RuntimeException | Error e) {
        rethrowIfFatal(e);
        if (publication.validate(stamp)) {
          throw new ReadFailure(e);
        }
        // an inconsistent state (a commit published, or a database swapped, meanwhile): read again, locked
      }
    }
    stamp = publication.readLock();
    try {
      return query.apply(view());
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      throw new ReadFailure(e);
    } finally {
      publication.unlockRead(stamp);
    }
  }

  /** A read failed against a consistent state; the cause says why. */
  static final class ReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailure(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }

  private View view() {
    if (broken != null) {
      throw brokenFailure();
    }
    return new View(database, tenants, overlay, unindexed, publishedEvent, publishedPruned, writes::pruning);
  }

  /** The last event sequence readers may see. */
  long publishedEvent() {
    return publishedEvent;
  }

  /**
   * Hands {@code job} to the writer and waits until it is finished.
   *
   * @throws IllegalStateException if the store is closed (then the job did nothing)
   * @throws dev.incidents.error.ServiceUnavailableException if the store broke earlier (same)
   */
  void execute(Job job) {
    checkUsable();
    enqueue(job);
    // close() may have run between the check and the put, and the writer may be gone: take the job back.
    if (closing && queue.remove(job)) {
      throw closed();
    }
    job.await();
  }

  private void checkUsable() {
    if (broken != null) {
      throw brokenFailure();
    }
    if (closing) {
      throw closed();
    }
  }

  private ServiceUnavailableException brokenFailure() {
    return unavailable("the MapDB store " + where + " failed and cannot recover: " + broken
        + "; close it and open it again", broken);
  }

  IllegalStateException closed() {
    return new IllegalStateException("the MapDB store " + where + " is closed");
  }

  /** Puts {@code job} in the queue, waiting for room; an interrupt is kept for the caller to see. */
  private void enqueue(Job job) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(job);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Finishes every job queued so far, stops the writer thread and closes the database. */
  void close() {
    closing = true;
    enqueue(SHUTDOWN);
    boolean interrupted = Thread.interrupted();
    while (thread.isAlive() && thread != Thread.currentThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // Under the write lock, so that no read is using the database while it closes.
    long stamp = publication.writeLock();
    try {
      database.close();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      if (broken == null) { // a broken store's database failed already; closing it again tells nothing new
        throw unavailable("the MapDB store " + where + " failed to close: " + e, e);
      }
    } finally {
      publication.unlockWrite(stamp);
    }
  }

  /** The writer thread's body: take a group, write it, release its callers; until {@link #SHUTDOWN}. */
  private void loop() {
    boolean stopping = false;
    while (!stopping) {
      Job first = take();
      if (first == SHUTDOWN) {
        break;
      }
      group.add(first);
      int size = first.units();
      Job next;
      while (size < MAX_GROUP && (next = queue.poll()) != null) {
        if (next == SHUTDOWN) {
          stopping = true;
          break;
        }
        group.add(next);
        size += next.units();
      }
      if (broken == null) {
        write();
      } else {
        for (Job job : group) {
          job.fail(brokenFailure());
        }
      }
      for (Job job : group) {
        job.finish();
      }
      group.clear();
    }
    // Jobs that raced with close(): their callers see the store closed.
    for (Job job; (job = queue.poll()) != null; ) {
      if (job != SHUTDOWN) {
        job.fail(closed());
        job.finish();
      }
    }
  }

  private Job take() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Nobody but close() may stop the writer; it does so through the queue.
      }
    }
  }

  /** Applies, commits and publishes {@link #group}; on a storage failure, recovers and settles the group. */
  private void write() {
    Database db = database;
    long commit = commits + 1;
    try {
      for (Job job : group) {
        job.apply(writes);
      }
      if (!writes.changed()) {
        return; // replays, stale or missing changes only: nothing to commit, the results stand
      }
      writes.end(commit);
      db.db.commit();
    } catch (RuntimeException | Error e) {
      recover(e, commit);
      return;
    }
    commits = commit;
    publish();
  }

  /** Makes the committed group visible to readers: its creates, changes and events, all at once. */
  private void publish() {
    long stamp = publication.writeLock();
    try {
      for (Tenant t : writes.dirty) {
        t.committed = t.next;
      }
      for (String tenant : writes.forgotten) {
        unindexed.forget(tenant);
      }
      publishedEvent = writes.lastEvent();
      publishedPruned = writes.prunedThrough();
      overlay.clear();
    } finally {
      publication.unlockWrite(stamp);
    }
    writes.committed();
  }

  /**
   * A put or the commit failed, so the database holds an unknown part of the group. Recover the last
   * committed state (readers wait meanwhile) and read its commit mark: MapDB commits atomically, so either
   * the whole group is there (the failure came after the commit became durable) or none of it is.
   */
  private void recover(Throwable cause, long commit) {
    boolean durable;
    long stamp = publication.writeLock();
    try {
      Database recovered = database.recover();
      database = recovered;
      durable = recovered.commits.get() == commit;
      commits = recovered.commits.get();
      overlay.clear();
      writes.reset(recovered);
      publishedEvent = writes.lastEvent();
      publishedPruned = writes.prunedThrough();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      e.addSuppressed(cause);
      broken = e;
      for (Job job : group) {
        job.fail(unavailable("the MapDB store " + where + " failed to commit (" + cause + ") and then to recover ("
            + e + "); this " + job.what() + " may or may not be stored: reopen the store and check (retry a create "
            + "with its idempotency key)", e));
      }
      return;
    } finally {
      publication.unlockWrite(stamp);
    }
    if (!durable) {
      for (Job job : group) {
        if (!(job instanceof Job.Create create && create.done == 0 && create.failure != null)) {
          // (a create that failed on its own before the storage did keeps its own failure)
          job.fail(unavailable("the MapDB store " + where + " failed to write: " + cause + "; nothing of this "
              + job.what() + " is stored", cause));
        }
      }
    }
  }
}
