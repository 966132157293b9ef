package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.Batches;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoreLimits;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.StoredRecord;
import dev.incidents.spi.UpdateResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.mapdb.Engine;

/**
 * The embedded default {@link IncidentStore}: one MapDB 1.0.9 file, no server. Open it directly or through
 * {@link dev.incidents.IncidentStores#open} with {@code mapdb:PATH} or {@code mapdb:memory}:
 *
 * <pre>{@code
 * try (MapDbIncidentStore store = MapDbIncidentStore.open(Path.of("incidents.db"))) {
 *   IncidentService service = Incidents.builder().store(store).build();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> {@link #create}, {@link #update}, {@link #delete} and {@link #putRecord} return only
 * after MapDB's commit of the change has been synced to disk, so an acknowledged change survives
 * {@code kill -9} and power loss. Concurrent writers share one commit (group commit) and {@link #createAll}
 * commits up to 1,000 incidents at a time; both are much faster per change than one commit each. Each
 * change's event is written in the same commit. {@linkplain #inMemory() In memory} nothing survives the
 * object.
 *
 * <p><b>Lists.</b> Filtered lists are answered from index collections kept in the same commit as the
 * documents, so a page of a selective filter costs about what it returns; docs/STORES.md describes the
 * layout. A file written by the previous format (version 1) is upgraded when it is opened; its incidents
 * have no facets until the service indexes them ({@link #unindexed}).
 *
 * <p><b>Exclusive access.</b> A file store holds an OS lock on {@code PATH.lock} from {@link #open} to
 * {@link #close}: a second store on the same file, in this JVM or another process, fails to open with a
 * message naming the file. docs/STORES.md describes the files, backups and recovery.
 *
 * <p><b>Threads.</b> Thread-safe. One writer thread applies and commits every change; callers wait for it,
 * also when interrupted (the change may be committing; the interrupt is kept for the caller to see).
 * Reads run on the caller's thread and never see an uncommitted change; they wait for the writer only when
 * a commit is published while they read (MapDB itself holds readers back while it writes a commit to its
 * files).
 *
 * <p><b>Failures.</b> Arguments must not be {@code null} ({@link NullPointerException}). A renderer's exception
 * is rethrown as it is and fails only its own create. A storage failure is a
 * {@link dev.incidents.error.ServiceUnavailableException}; the changes it hits are reported failed only if
 * the store, recovered to its last commit, does not hold them. Calls after {@link #close} throw
 * {@link IllegalStateException}.
 */
public final class MapDbIncidentStore implements IncidentStore {

  /** Events removed per commit by {@link #pruneEvents}. */
  private static final int PRUNE_UNIT = 1_000;

  private final String where;
  private final @Nullable StoreLock lock;
  private final GroupWriter writer;
  private volatile boolean closed;

  private MapDbIncidentStore(String where, @Nullable StoreLock lock, Database database) {
    this.where = where;
    this.lock = lock;
    this.writer = new GroupWriter(where, database);
    writer.start();
  }

  /**
   * Opens the store in {@code file}, creating it (and its directory) if absent. Files and directories the
   * store creates are its owner's only (on file systems with POSIX permissions: files {@code 0600}, the
   * directory {@code 0700}).
   *
   * @param file the main file; MapDB keeps {@code file.p} and {@code file.t} next to it, this store
   *     {@code file.lock}
   * @throws dev.incidents.error.ServiceUnavailableException if another process or store holds the file, the
   *     file is damaged, not an incident store, or of a newer format, or it cannot be read or created
   */
  public static MapDbIncidentStore open(Path file) {
    return open(file, true, UnaryOperator.identity());
  }

  /**
   * Opens the existing store in {@code file}, creating nothing: for tools that only read, where a mistyped
   * path must be an error rather than a new, empty store. (An existing store that lacks only its lock file or
   * MapDB's log, as after a restore from a backup that left them out, gets them.)
   *
   * @throws dev.incidents.error.ServiceUnavailableException if {@code file} does not exist or is empty, or
   *     for any reason {@link #open(Path)} gives
   */
  public static MapDbIncidentStore openExisting(Path file) {
    return open(file, false, UnaryOperator.identity());
  }

  /** As {@link #open(Path)}, with a wrapper around MapDB's storage engine (tests inject faults with it). */
  static MapDbIncidentStore open(Path file, UnaryOperator<Engine> engineHook) {
    return open(file, true, engineHook);
  }

  private static MapDbIncidentStore open(Path file, boolean create, UnaryOperator<Engine> engineHook) {
    StoreFiles files = new StoreFiles(Objects.requireNonNull(file, "file"));
    if (create) {
      files.prepareDirectory();
    } else {
      files.requireExisting();
    }
    StoreLock lock = StoreLock.acquire(files);
    try {
      return start("mapdb:" + files, lock, Database.open(files, engineHook));
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** A new, empty store in memory: the whole contract but durability; {@link #close} drops everything. */
  public static MapDbIncidentStore inMemory() {
    return inMemory(UnaryOperator.identity());
  }

  /** As {@link #inMemory()}, with a wrapper around MapDB's storage engine. */
  static MapDbIncidentStore inMemory(UnaryOperator<Engine> engineHook) {
    return start("mapdb:memory", null, Database.inMemory(engineHook));
  }

  /** The store over an open database, which is closed again if the store cannot start (its counters unreadable). */
  private static MapDbIncidentStore start(String where, @Nullable StoreLock lock, Database database) {
    try {
      return new MapDbIncidentStore(where, lock, database);
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      database.closeQuietly();
      throw e instanceof ServiceUnavailableException failure ? failure
          : unavailable("cannot open the incident store " + where + ": its counters cannot be read (" + e
              + "); it is damaged", e);
    }
  }

  @Override
  public CreateResult create(NewIncident incident) {
    Job.Create job = new Job.Create(List.of(Objects.requireNonNull(incident, "incident")));
    checkOpen();
    writer.execute(job);
    if (job.failure != null) {
      throw Failures.rethrow(job.failure);
    }
    return job.results[0];
  }

  /**
   * Creates the incidents in order, committing up to 1,000 at a time. If an incident's renderer throws, the
   * incidents before it are committed and returned by {@link BatchFailedException#committed()}, and none
   * after it is attempted; if a commit fails, its batch is not stored (or, if recovery finds it stored, is
   * counted as committed).
   */
  @Override
  public List<CreateResult> createAll(List<NewIncident> incidents) {
    List<NewIncident> all = List.copyOf(incidents);
    checkOpen();
    return Batches.inUnits(all, GroupWriter.MAX_GROUP, unit -> {
      Job.Create job = new Job.Create(unit);
      writer.execute(job);
      if (job.failure != null) {
        throw new BatchFailedException(job.committed(), job.failure);
      }
      return job.committed();
    });
  }

  @Override
  public UpdateResult update(IncidentUpdate update) {
    Job.Update job = new Job.Update(Objects.requireNonNull(update, "update"));
    execute(job);
    return Objects.requireNonNull(job.result);
  }

  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    Job.Delete job = new Job.Delete(Objects.requireNonNull(deletion, "deletion"));
    execute(job);
    return Objects.requireNonNull(job.result);
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    Objects.requireNonNull(tenant, "tenant");
    return Optional.ofNullable(read("read an incident", view -> view.get(tenant, number)));
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    return read("list incidents", view -> view.page(tenant, query));
  }

  /**
   * Incidents kept by format version 1 that the service has not indexed yet, by tenant name, then number.
   * Once a tenant has none left, the store records that (one small commit) and stops looking in it.
   */
  @Override
  public List<StoredIncident> unindexed(int limit) {
    checkLimit(limit, StoreLimits.MAX_LIST_LIMIT);
    View.Unindexing found = read("find incidents without facets", view -> view.unindexed(limit));
    found.advance().forEach(Runnable::run);
    for (String tenant : found.done()) {
      execute(new Job.ForgetUnindexed(tenant));
    }
    return found.incidents();
  }

  @Override
  public void index(String tenant, long number, long version, IncidentFacets facets) {
    Objects.requireNonNull(tenant, "tenant");
    execute(new Job.Index(tenant, number, version, Objects.requireNonNull(facets, "facets")));
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    checkLimit(limit, StoreLimits.MAX_EVENTS_LIMIT);
    return read("read events", view -> view.events(afterSequence, limit));
  }

  @Override
  public long lastEventSequence() {
    checkOpen();
    return writer.publishedEvent();
  }

  /** Removes the events in commits of up to {@value #PRUNE_UNIT}, so that writers never wait long behind it. */
  @Override
  public long pruneEvents(long throughSequence) {
    checkOpen();
    // Never beyond what readers may see: events of a commit in progress are not "seen by every consumer".
    long through = Math.min(throughSequence, writer.publishedEvent());
    long removed = 0;
    while (true) {
      Job.Prune job = new Job.Prune(through, PRUNE_UNIT);
      execute(job);
      removed += job.removed;
      if (job.removed < PRUNE_UNIT) {
        return removed;
      }
    }
  }

  @Override
  public Optional<byte[]> record(String namespace, String key) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(read("read a record", view -> view.record(namespace, key)));
  }

  @Override
  public void putRecord(String namespace, String key, byte[] value) {
    execute(new Job.PutRecord(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(value, "value")));
  }

  @Override
  public boolean removeRecord(String namespace, String key) {
    Job.PutRecord job = new Job.PutRecord(Objects.requireNonNull(namespace, "namespace"),
        Objects.requireNonNull(key, "key"), null);
    execute(job);
    return job.existed;
  }

  @Override
  public List<StoredRecord> records(String namespace, String afterKey, int limit) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(afterKey, "afterKey");
    checkLimit(limit, 1_000);
    return read("list records", view -> view.records(namespace, afterKey, limit));
  }

  /** Hands a job other than a create to the writer and rethrows its failure. */
  private void execute(Job job) {
    checkOpen();
    writer.execute(job);
    if (job.failure != null) {
      throw Failures.rethrow(job.failure);
    }
  }

  private static void checkLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("a limit is 1 to " + max + ", got " + limit);
    }
  }

  /** Runs a read against the committed state; a failure is a {@link ServiceUnavailableException}. */
  private <T> T read(String what, Function<View, T> query) {
    checkOpen();
    try {
      return writer.read(query);
    } catch (GroupWriter.ReadFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof ServiceUnavailableException failure) {
        throw failure;
      }
      checkOpen();
      throw unavailable("the MapDB store " + where + " failed to " + what + ": " + cause, cause);
    }
  }

  /** Finishes the changes already handed to the writer, closes the database and releases the lock. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      writer.close();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /** How many jobs wait for the writer (for tests that need a group to form). */
  int queued() {
    return writer.queued();
  }

  private void checkOpen() {
    if (closed) {
      throw writer.closed();
    }
  }

  @Override
  public String toString() {
    return "MapDbIncidentStore[" + where + (closed ? ", closed" : "") + "]";
  }
}
