package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.mapdb.Engine;
import org.mapdb.Fun;

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
 * <p><b>Durability.</b> {@link #create} returns only after MapDB's commit of the incident has been synced to
 * disk, so an acknowledged incident survives {@code kill -9} and power loss. Concurrent creates share one
 * commit (group commit) and {@link #createAll} commits up to 1,000 incidents at a time; both are much faster
 * per incident than one commit each. {@linkplain #inMemory() In memory} nothing survives the object.
 *
 * <p><b>Exclusive access.</b> A file store holds an OS lock on {@code PATH.lock} from {@link #open} to
 * {@link #close}: a second store on the same file, in this JVM or another process, fails to open with a
 * message naming the file. docs/STORES.md describes the files, backups and recovery.
 *
 * <p><b>Threads.</b> Thread-safe. One writer thread applies and commits all creates; callers wait for it,
 * also when interrupted (the create may be committing; the interrupt is kept for the caller to see).
 * {@link #get} and {@link #list} run on the caller's thread without a lock of this class and never see an
 * uncommitted create (MapDB itself holds readers back while it writes a commit to its files).
 *
 * <p><b>Failures.</b> Arguments must not be {@code null} ({@link NullPointerException}). A renderer's exception
 * is rethrown as it is and fails only its own create. A storage failure is a
 * {@link dev.incidents.error.ServiceUnavailableException}; the creates it hits are reported failed only if
 * the store, recovered to its last commit, does not hold them. Calls after {@link #close} throw
 * {@link IllegalStateException}.
 */
public final class MapDbIncidentStore implements IncidentStore {

  private final String where;
  private final StoreLock lock;
  private final GroupWriter writer;
  private volatile boolean closed;

  private MapDbIncidentStore(String where, StoreLock lock, Database database) {
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
  private static MapDbIncidentStore start(String where, StoreLock lock, Database database) {
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
    Job job = new Job(List.of(Objects.requireNonNull(incident, "incident")));
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
    List<CreateResult> results = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += GroupWriter.MAX_GROUP) {
      Job job = new Job(all.subList(from, Math.min(all.size(), from + GroupWriter.MAX_GROUP)));
      try {
        writer.execute(job);
      } catch (RuntimeException e) {
        throw new BatchFailedException(results, e);
      }
      results.addAll(job.committed());
      if (job.failure != null) {
        throw new BatchFailedException(results, job.failure);
      }
    }
    return results;
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    Objects.requireNonNull(tenant, "tenant");
    return read("read an incident", database -> {
      if (number < 1 || number > writer.committed(tenant)) {
        return Optional.empty();
      }
      byte[] document = database.documents.get(Fun.t2(tenant, number));
      return document == null ? Optional.empty() : Optional.of(new StoredIncident(tenant, number, document));
    });
  }

  /** @throws IllegalArgumentException if {@code limit} is below 1 */
  @Override
  public List<StoredIncident> list(String tenant, long beforeNumber, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return read("list incidents", database -> {
      long highest = Math.min(beforeNumber - 1, writer.committed(tenant));
      if (beforeNumber <= 1 || highest < 1) {
        return List.of();
      }
      return newestUpTo(database, tenant, highest, limit);
    });
  }

  /**
   * The newest {@code limit} documents of {@code tenant} numbered {@code highest} or less, newest first.
   *
   * <p>Read in ascending order over a window below {@code highest} that doubles until it holds enough:
   * MapDB's B-link tree is safe to walk forwards while the writer splits leaves, but its descending
   * iteration is not (it looks each next key up again, and a leaf that split meanwhile hides the keys
   * that moved right: the TCK's paging rule, tck504, caught a page that skipped the newest committed
   * incident). Numbers have gaps only after failures, so the first window nearly always suffices.
   */
  private static List<StoredIncident> newestUpTo(Database database, String tenant, long highest, int limit) {
    long size = limit;
    while (true) {
      long low = size >= highest ? 1 : highest - size + 1;
      // Keys only: documents live outside the tree's nodes, so a wide window reads no more than a page of them.
      ArrayDeque<Long> newest = new ArrayDeque<>(Math.min(limit, 64));
      for (Fun.Tuple2<String, Long> key : database.documents
          .subMap(Fun.t2(tenant, low), true, Fun.t2(tenant, highest), true).keySet()) {
        if (newest.size() == limit) {
          newest.removeFirst();
        }
        newest.addLast(key.b);
      }
      if (newest.size() == limit || low == 1) {
        List<StoredIncident> page = new ArrayList<>(newest.size());
        for (Iterator<Long> numbers = newest.descendingIterator(); numbers.hasNext(); ) {
          long number = numbers.next();
          page.add(new StoredIncident(tenant, number, database.documents.get(Fun.t2(tenant, number))));
        }
        return page;
      }
      size = size > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : size * 2;
    }
  }

  /**
   * Runs a read against the current database. If the writer swapped databases while it ran (recovering
   * from a failure, which closes the old one), the read is tried once more against the new one.
   */
  private <T> T read(String what, Function<Database, T> query) {
    checkOpen();
    Database database = writer.database();
    Throwable failure;
    try {
      return query.apply(database);
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      failure = e;
    }
    checkOpen();
    Database now = writer.database();
    if (now != database) {
      try {
        return query.apply(now);
      } catch (RuntimeException | Error e) {
        rethrowIfFatal(e);
        failure = e;
      }
    }
    throw unavailable("the MapDB store " + where + " failed to " + what + ": " + failure, failure);
  }

  /** Finishes the creates already handed to the writer, closes the database and releases the lock. Idempotent. */
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

  /** How many creates wait for the writer (for tests that need a group to form). */
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
