package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.store.mapdb.Tenants.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.mapdb.Fun;

/**
 * The one thread that writes. MapDB 1.0 has one transaction per database, shared by every thread, so
 * creates cannot commit independently; instead the writer takes every {@link Job} waiting in its queue (up
 * to {@value #MAX_GROUP} incidents), applies them one after another, commits once (MapDB syncs the commit
 * to disk), and only then releases the callers: group commit. One caller waiting alone gets a commit of its
 * own; many callers share one, which is how concurrent creators and imports get past the disk's sync rate.
 *
 * <p>Applying one incident: look up its idempotency key (the writer sees keys recorded earlier in the same
 * group, since it reads its own uncommitted puts), allocate the tenant's next number, render the document,
 * then put document and key. The renderer runs before any put, so a renderer that throws fails its own
 * create and leaves nothing to undo; its number stays spent. Anything MapDB throws fails the whole group:
 * the writer recovers the last committed state ({@link Database#recover}) and settles every create by what
 * that state holds, so a caller is told "failed" only if its incident is not there.
 */
final class GroupWriter {

  /** The most incidents applied in one commit; also {@code createAll}'s batch size. */
  static final int MAX_GROUP = 1000;
  private static final int QUEUE_CAPACITY = 4096;
  /** Put in the queue by {@link #close()}: the writer finishes what is queued before it, then stops. */
  private static final Job SHUTDOWN = new Job(List.of());

  private final String where;
  private final Tenants tenants;
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private volatile Database database;
  private volatile boolean closing;
  /** Set when recovery failed: the store can do nothing more until it is opened again. */
  private volatile Throwable broken;

  // The writer thread's own, reused from group to group.
  private final ArrayList<Job> group = new ArrayList<>();
  private final ArrayList<Tenant> dirty = new ArrayList<>();

  GroupWriter(String where, Database database) {
    this.where = where;
    this.database = database;
    this.tenants = new Tenants(database);
    this.thread = new Thread(this::loop, "incidents-mapdb-writer " + where);
    // A daemon: an application that forgets close() still exits, losing nothing that was acknowledged.
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The database readers should use now; it changes only when the writer recovers from a failure. */
  Database database() {
    return database;
  }

  /** How many jobs wait in the queue (for tests that need a group to form). */
  int queued() {
    return queue.size();
  }

  /** See {@link Tenants#committed}. */
  long committed(String tenant) {
    return tenants.committed(tenant);
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
    try {
      database.close();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      if (broken == null) { // a broken store's database failed already; closing it again tells nothing new
        throw unavailable("the MapDB store " + where + " failed to close: " + e, e);
      }
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
      int size = first.incidents.size();
      Job next;
      while (size < MAX_GROUP && (next = queue.poll()) != null) {
        if (next == SHUTDOWN) {
          stopping = true;
          break;
        }
        group.add(next);
        size += next.incidents.size();
      }
      if (broken == null) {
        write();
      } else {
        for (Job job : group) {
          job.failAt(0, brokenFailure());
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
        job.failAt(0, closed());
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

  /** Applies and commits {@link #group}; on a storage failure, recovers and settles the group. */
  private void write() {
    Database db = database;
    try {
      for (Job job : group) {
        apply(job, db);
      }
      for (Tenant t : dirty) {
        db.counters.put(t.name, t.next);
      }
      db.db.commit();
    } catch (RuntimeException | Error e) {
      recover(e);
      return;
    }
    for (Tenant t : dirty) {
      t.committed = t.next;
      t.dirty = false;
    }
    dirty.clear();
  }

  private void apply(Job job, Database db) {
    List<NewIncident> incidents = job.incidents;
    for (int i = 0; i < incidents.size(); i++) {
      NewIncident incident = incidents.get(i);
      String tenant = incident.tenant();
      String key = incident.idempotencyKey();
      Fun.Tuple2<String, String> keyEntry = key == null ? null : Fun.t2(tenant, key);
      if (keyEntry != null) {
        byte[] recorded = db.keys.get(keyEntry);
        if (recorded != null) {
          if (!replay(job, i, db, keyEntry, recorded)) {
            return;
          }
          continue;
        }
      }
      Tenant t = tenants.forWriter(tenant);
      long number = ++t.next;
      if (!t.dirty) {
        t.dirty = true;
        dirty.add(t);
      }
      byte[] document;
      try {
        document = incident.renderer().render(number);
        if (document == null) {
          throw new NullPointerException("the DocumentRenderer returned null for incident " + number);
        }
      } catch (RuntimeException | Error e) {
        rethrowIfFatal(e);
        job.failAt(i, e);
        return;
      }
      db.documents.put(Fun.t2(tenant, number), document);
      if (keyEntry != null) {
        db.keys.put(keyEntry, new KeyRecord(number, incident.fingerprint()).encode());
      }
      job.results[i] = new CreateResult.Created(new StoredIncident(tenant, number, document));
      job.done = i + 1;
    }
  }

  /** Records the replay of the incident a key created before; false if the key's record is damaged. */
  private boolean replay(Job job, int i, Database db, Fun.Tuple2<String, String> keyEntry, byte[] recorded) {
    String tenant = keyEntry.a;
    KeyRecord record;
    byte[] first;
    try {
      record = KeyRecord.decode(recorded);
      first = db.documents.get(Fun.t2(tenant, record.number()));
      if (first == null) {
        throw new IllegalArgumentException("it names incident " + record.number() + ", which is missing");
      }
    } catch (IllegalArgumentException e) {
      job.failAt(i, unavailable("the MapDB store " + where + " is damaged: the record of idempotency key '"
          + keyEntry.b + "' of tenant '" + tenant + "' is unusable: " + e.getMessage(), e));
      return false;
    }
    job.results[i] = new CreateResult.Replayed(new StoredIncident(tenant, record.number(), first),
        record.fingerprint());
    job.done = i + 1;
    return true;
  }

  /**
   * A put or the commit failed, so the database holds an unknown part of the group. Recover the last
   * committed state and keep what it holds: MapDB commits atomically, so either the whole group is there (the
   * failure came after the commit became durable) or none of it is.
   */
  private void recover(Throwable cause) {
    try {
      Database recovered = database.recover();
      tenants.resetTo(recovered, dirty);
      database = recovered;
      for (Job job : group) {
        settle(job, recovered, cause);
      }
    } catch (RuntimeException | Error e) {
      e.addSuppressed(cause);
      broken = e;
      for (Job job : group) {
        job.failAt(0, unavailable("the MapDB store " + where + " failed to commit (" + cause
            + ") and then to recover (" + e + "); these creates may or may not be stored: reopen the store "
            + "and retry them with their idempotency keys", e));
      }
    }
  }

  /**
   * Cuts {@code job} at its first outcome that {@code recovered} does not hold; a job the failure stopped
   * part way (or before it began) fails where it stopped.
   */
  private void settle(Job job, Database recovered, Throwable cause) {
    for (int i = 0; i < job.done; i++) {
      StoredIncident incident = job.results[i].incident();
      byte[] stored = recovered.documents.get(Fun.t2(incident.tenant(), incident.number()));
      if (stored == null || !Arrays.equals(stored, incident.document())) {
        job.failAt(i, lost(cause));
        return;
      }
    }
    if (job.failure == null && job.done < job.incidents.size()) {
      job.failAt(job.done, lost(cause));
    }
  }

  private ServiceUnavailableException lost(Throwable cause) {
    return unavailable("the MapDB store " + where + " failed to write: " + cause + "; nothing of this create is "
        + "stored", cause);
  }
}
