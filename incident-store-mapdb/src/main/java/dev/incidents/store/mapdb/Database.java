package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Engine;
import org.mapdb.Fun;
import org.mapdb.Serializer;

/**
 * One open MapDB database and the store's four collections in it. The layout (format version
 * {@value #VERSION}):
 * <ul>
 *   <li>{@value #DOCUMENTS}: {@code (tenant, number) -> document bytes}, a B-tree whose keys sort by tenant,
 *       then number, so a page of a tenant's newest incidents is one range; documents live outside the tree
 *       nodes, so adding one rewrites a small leaf, not a leaf full of documents.
 *   <li>{@value #KEYS}: {@code (tenant, idempotency key) -> number and fingerprint} ({@link KeyRecord}).
 *   <li>{@value #COUNTERS}: {@code tenant -> highest number allocated}, including numbers of failed creates,
 *       so no number is ever handed out twice.
 *   <li>{@value #META}: {@code format} and {@code version}, so a foreign or newer file is refused.
 * </ul>
 * Only MapDB's own serializers are used, so the file names no class of this library.
 *
 * <p>Not thread-safe for writing: only the {@link GroupWriter} writes and commits. Reading from any thread
 * is safe (MapDB's maps are concurrent), but readers see the writer's uncommitted changes, which is why
 * the store filters reads through {@link Tenants#committed}.
 */
final class Database {

  static final String FORMAT = "dev.incidents.store.mapdb";
  static final int VERSION = 1;

  static final String META = "incidents.meta";
  static final String DOCUMENTS = "incidents.documents";
  static final String KEYS = "incidents.keys";
  static final String COUNTERS = "incidents.counters";

  final DB db;
  final BTreeMap<Fun.Tuple2<String, Long>, byte[]> documents;
  final BTreeMap<Fun.Tuple2<String, String>, byte[]> keys;
  final BTreeMap<String, Long> counters;
  /** The files, or {@code null} in memory. */
  private final StoreFiles files;
  /** Wraps MapDB's storage engine; the identity except in tests that inject faults. */
  private final UnaryOperator<Engine> engineHook;

  private Database(DB db, StoreFiles files, UnaryOperator<Engine> engineHook) {
    this.files = files;
    this.engineHook = engineHook;
    this.db = db;
    checkFormat(db, describe(files));
    this.documents = db.getTreeMap(DOCUMENTS);
    this.keys = db.getTreeMap(KEYS);
    this.counters = db.getTreeMap(COUNTERS);
  }

  /**
   * Opens (or creates) the store in {@code files}, which the caller has locked: memory-mapped index, data
   * and log through file channels, write-ahead log with a synced commit, a CRC32 on every record, and a
   * record cache the collector can take back.
   */
  static Database open(StoreFiles files, UnaryOperator<Engine> engineHook) {
    files.checkBeforeOpen();
    files.createMissingFiles();
    Supplier<DB> maker = () -> new Maker(engineHook)._newFileDB(files.main.toFile())
        .mmapFileEnablePartial()
        .checksumEnable()
        // MapDB's default cache keeps 32,768 records by count, whatever their size, and each document is a
        // record: with 200 KB documents that is 6 GB, and a 256 MiB JVM ran out of memory
        // (LargeDocumentsTest). Soft references let the collector take the cache back; create and get
        // stayed within 3% in incident-bench.
        .cacheSoftRefEnable()
        .make();
    if (files.logHoldsACommit()) {
      // MapDB 1.0.9 replays a sealed commit when it opens the files, but keeps the store header it read
      // before the replay (StoreWAL's constructor does not reload it) and writes that stale header back at
      // its next commit, handing out again space the replayed commit uses. Opening once to replay, then
      // closing (which writes no header), lets the real open start from the replayed header.
      DB replaying = make(maker, files);
      try {
        replaying.close();
      } catch (RuntimeException | Error e) {
        rethrowIfFatal(e);
        throw unavailable("cannot open the incident store " + files + ": replaying its last commit failed: " + e, e);
      }
    }
    return attach(make(maker, files), files, engineHook);
  }

  /** A new store in memory: the same engine and transactions as a file, on heap buffers. */
  static Database inMemory(UnaryOperator<Engine> engineHook) {
    // The cache as open() sets it up, and for the same reason.
    return attach(make(() -> new Maker(engineHook)._newMemoryDB().cacheSoftRefEnable().make(), null), null, engineHook);
  }

  private static DB make(Supplier<DB> maker, StoreFiles files) {
    try {
      return maker.get();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      throw unavailable("cannot open the incident store " + describe(files) + ": MapDB cannot read it (" + e
          + "); it is damaged, or was not written by this store", e);
    }
  }

  /** The store's collections in {@code db}, which this object then owns (closed here if that fails). */
  private static Database attach(DB db, StoreFiles files, UnaryOperator<Engine> engineHook) {
    try {
      return new Database(db, files, engineHook);
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      closeQuietly(db);
      throw e instanceof ServiceUnavailableException failure ? failure
          : unavailable("cannot open the incident store " + describe(files) + ": reading its collections failed ("
              + e + "); it is damaged", e);
    }
  }

  /**
   * A database in the last committed state, after a write or a commit failed part way: for a file the files
   * are closed and opened again, exactly as after a crash (MapDB replays a sealed log, drops an unsealed
   * one); in memory the transaction is rolled back. Either way the collections are opened afresh, since
   * MapDB's B-trees keep a little state on the heap that a rollback does not restore. This object is
   * unusable afterwards.
   */
  Database recover() {
    if (files == null) {
      db.rollback();
      return attach(new DB(db.getEngine()), null, engineHook);
    }
    closeQuietly(db);
    return open(files, engineHook);
  }

  void close() {
    db.close();
  }

  /** Closes the database after a failure, which matters more than whatever closing reports. */
  void closeQuietly() {
    closeQuietly(db);
  }

  /** Checks the catalog holds this library's collections in a format it reads, or creates them in a new file. */
  private static void checkFormat(DB db, String where) {
    if (db.exists(META)) {
      BTreeMap<String, String> meta = db.getTreeMap(META);
      String format = meta.get("format");
      String version = meta.get("version");
      if (!FORMAT.equals(format) || version == null || !version.matches("[0-9]{1,9}")) {
        throw unavailable("the incident store " + where + " is a MapDB file of something else (its format is '"
            + format + "' version '" + version + "', not '" + FORMAT + "'); the store leaves it as it is", null);
      }
      if (Integer.parseInt(version) > VERSION) {
        throw unavailable("the incident store " + where + " was written in format version " + version
            + " by a newer incident-store-mapdb; this one reads format version " + VERSION
            + "; the store leaves it as it is", null);
      }
      for (String name : List.of(DOCUMENTS, KEYS, COUNTERS)) {
        if (!db.exists(name)) {
          throw unavailable("the incident store " + where + " is damaged: its collection '" + name
              + "' is missing", null);
        }
      }
      return;
    }
    if (!db.getCatalog().isEmpty()) {
      throw unavailable("the incident store " + where + " is a MapDB file of something else (it holds "
          + collectionNames(db) + ", not the collections of an incident store); the store leaves it as it is",
          null);
    }
    // A new file, or one whose creation was cut short before this commit: create everything in one commit.
    BTreeMap<String, String> meta = db.createTreeMap(META)
        .keySerializer(BTreeKeySerializer.STRING).valueSerializer(Serializer.STRING).make();
    db.createTreeMap(DOCUMENTS).keySerializer(BTreeKeySerializer.TUPLE2)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    // Small leaves: every keyed create rewrites one, and small rewrites make imports with keys faster.
    db.createTreeMap(KEYS).keySerializer(BTreeKeySerializer.TUPLE2).valueSerializer(Serializer.BYTE_ARRAY)
        .nodeSize(16).make();
    db.createTreeMap(COUNTERS).keySerializer(BTreeKeySerializer.STRING).valueSerializer(Serializer.LONG).make();
    meta.put("format", FORMAT);
    meta.put("version", Integer.toString(VERSION));
    db.commit();
  }

  /** The names in MapDB's catalog, which records each collection as {@code name.type} among other entries. */
  private static List<String> collectionNames(DB db) {
    return db.getCatalog().keySet().stream().filter(k -> k.endsWith(".type"))
        .map(k -> k.substring(0, k.length() - ".type".length())).toList();
  }

  private static String describe(StoreFiles files) {
    return files == null ? "mapdb:memory" : files.toString();
  }

  private static void closeQuietly(DB db) {
    try {
      db.close();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      // closing a failed database may fail again; what matters is that nothing more is written through it
    }
  }

  /** MapDB's builder, with a hook around the storage engine (below MapDB's cache, above the files). */
  private static final class Maker extends DBMaker<Maker> {
    private final UnaryOperator<Engine> engineHook;

    Maker(UnaryOperator<Engine> engineHook) {
      this.engineHook = engineHook;
    }

    @Override
    protected Engine extendWrapStore(Engine engine) {
      return engineHook.apply(engine);
    }
  }
}
