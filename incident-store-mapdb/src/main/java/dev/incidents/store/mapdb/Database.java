package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;
import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import java.io.File;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.mapdb.Atomic;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Engine;
import org.mapdb.Fun;
import org.mapdb.Serializer;
import org.mapdb.Volume;

/**
 * One open MapDB database and the store's collections in it. The layout (format version {@value #VERSION}):
 * <ul>
 *   <li>{@value #DOCUMENTS}: {@code (tenant, number) -> document bytes}, a B-tree whose keys sort by tenant,
 *       then number, so a page of a tenant's incidents is one range; documents live outside the tree
 *       nodes, so adding one rewrites a small leaf, not a leaf full of documents. A deleted incident's entry
 *       is removed.
 *   <li>{@value #KEYS}: {@code (tenant, idempotency key) -> number and fingerprint} ({@link KeyRecord}); kept
 *       when the incident is deleted.
 *   <li>{@value #COUNTERS}: {@code tenant -> highest number allocated}, including numbers of failed creates
 *       and of deleted incidents, so no number is ever handed out twice.
 *   <li>{@value #VERSIONS} (since 2): {@code (tenant, number) -> version} for incidents changed since their
 *       create; an incident without an entry is at version 1.
 *   <li>{@value #FACETS} (since 2): {@code (tenant, number) -> facets} ({@link FacetRecord}), written with
 *       the document; an incident without an entry was stored by format version 1 and is not indexed yet.
 *   <li>{@value #POSTINGS} (since 2): {@code (tenant, term, first number of a block) -> the numbers of the
 *       block with the term} ({@link PostingBlocks}), one term per facet value filters test for equality
 *       ({@link FacetRecord#terms}), so a filter's incidents are ranges of blocks; each block is written at
 *       most once per group commit.
 *   <li>{@value #DELETED} (since 2): the set of {@code (tenant, number)} of deleted incidents, so that a key
 *       of a deleted incident replays as deleted, and a key naming a missing incident shows damage.
 *   <li>{@value #UNINDEXED} (since 2): {@code tenant -> highest number} stored before the file was upgraded
 *       from version 1: the incidents at or below it may lack facets. Dropped once all are indexed.
 *   <li>{@value #EVENTS} (since 2): {@code sequence -> tenant and payload} ({@link EventRecord}), outside the
 *       tree nodes; {@value #EVENTS_LAST} holds the last sequence given out, {@value #EVENTS_PRUNED} the
 *       sequence events were pruned through.
 *   <li>{@value #RECORDS} (since 2): {@code (namespace, key) -> value}, the service's records.
 *   <li>{@value #COMMITS} (since 2): how many group commits the store made, written by each: after a failed
 *       commit, the recovered value says whether the commit became durable.
 *   <li>{@value #META}: {@code format} and {@code version}, so a foreign or newer file is refused.
 * </ul>
 * Only MapDB's own serializers are used, so the file names no class of this library.
 *
 * <p>Not thread-safe for writing: only the {@link GroupWriter} writes and commits. Reading from any thread
 * is safe (MapDB's maps are concurrent), but readers see the writer's uncommitted changes, which is why
 * the store reads through a {@link View}.
 */
final class Database {

  static final String FORMAT = "dev.incidents.store.mapdb";
  static final int VERSION = 2;

  static final String META = "incidents.meta";
  static final String DOCUMENTS = "incidents.documents";
  static final String KEYS = "incidents.keys";
  static final String COUNTERS = "incidents.counters";
  static final String VERSIONS = "incidents.versions";
  static final String FACETS = "incidents.facets";
  static final String POSTINGS = "incidents.postings";
  static final String DELETED = "incidents.deleted";
  static final String UNINDEXED = "incidents.unindexed";
  static final String EVENTS = "incidents.events";
  static final String EVENTS_LAST = "incidents.events.last";
  static final String EVENTS_PRUNED = "incidents.events.pruned";
  static final String RECORDS = "incidents.records";
  static final String COMMITS = "incidents.commits";

  /** The collections of format version 1. */
  private static final List<String> VERSION_1 = List.of(DOCUMENTS, KEYS, COUNTERS);
  /** The collections format version 2 adds. */
  private static final List<String> ADDED_IN_2 = List.of(VERSIONS, FACETS, POSTINGS, DELETED, UNINDEXED, EVENTS,
      EVENTS_LAST, EVENTS_PRUNED, RECORDS, COMMITS);

  final DB db;
  final BTreeMap<Fun.Tuple2<String, Long>, byte[]> documents;
  final BTreeMap<Fun.Tuple2<String, String>, byte[]> keys;
  final BTreeMap<String, Long> counters;
  final BTreeMap<Fun.Tuple2<String, Long>, Long> versions;
  final BTreeMap<Fun.Tuple2<String, Long>, byte[]> facets;
  final BTreeMap<Fun.Tuple3<String, String, Long>, byte[]> postings;
  final NavigableSet<Fun.Tuple2<String, Long>> deleted;
  final BTreeMap<String, Long> unindexed;
  final BTreeMap<Long, byte[]> events;
  final Atomic.Long eventsLast;
  final Atomic.Long eventsPruned;
  final BTreeMap<Fun.Tuple2<String, String>, byte[]> records;
  final Atomic.Long commits;
  /** The files, or {@code null} in memory. */
  private final @Nullable StoreFiles files;
  /** Wraps MapDB's storage engine; the identity except in tests that inject faults. */
  private final UnaryOperator<Engine> engineHook;

  private Database(DB db, @Nullable StoreFiles files, UnaryOperator<Engine> engineHook) {
    this.files = files;
    this.engineHook = engineHook;
    this.db = db;
    checkFormat(db, describe(files));
    this.documents = db.getTreeMap(DOCUMENTS);
    this.keys = db.getTreeMap(KEYS);
    this.counters = db.getTreeMap(COUNTERS);
    this.versions = db.getTreeMap(VERSIONS);
    this.facets = db.getTreeMap(FACETS);
    this.postings = db.getTreeMap(POSTINGS);
    this.deleted = db.getTreeSet(DELETED);
    this.unindexed = db.getTreeMap(UNINDEXED);
    this.events = db.getTreeMap(EVENTS);
    this.eventsLast = db.getAtomicLong(EVENTS_LAST);
    this.eventsPruned = db.getAtomicLong(EVENTS_PRUNED);
    this.records = db.getTreeMap(RECORDS);
    this.commits = db.getAtomicLong(COMMITS);
  }

  /**
   * Opens (or creates) the store in {@code files}, which the caller has locked: memory-mapped index, data
   * through a file channel, write-ahead log kept in memory until its synced commit ({@link BufferedLog}), a
   * CRC32 on every record, and a record cache the collector can take back. A file of format version 1 is
   * upgraded in place.
   */
  static Database open(StoreFiles files, UnaryOperator<Engine> engineHook) {
    files.checkBeforeOpen();
    files.createMissingFiles();
    Supplier<DB> maker = () -> new Maker(engineHook, files.log.toFile())._newFileDB(files.main.toFile())
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
    return attach(make(() -> new Maker(engineHook, null)._newMemoryDB().cacheSoftRefEnable().make(), null), null, engineHook);
  }

  private static DB make(Supplier<DB> maker, @Nullable StoreFiles files) {
    try {
      return maker.get();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      throw unavailable("cannot open the incident store " + describe(files) + ": MapDB cannot read it (" + e
          + "); it is damaged, or was not written by this store", e);
    }
  }

  /** The store's collections in {@code db}, which this object then owns (closed here if that fails). */
  private static Database attach(DB db, @Nullable StoreFiles files, UnaryOperator<Engine> engineHook) {
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

  /**
   * Checks the catalog holds this library's collections in a format it reads, upgrades a file of format
   * version 1, or creates the collections in a new file; an upgrade or a creation is one commit.
   */
  private static void checkFormat(DB db, String where) {
    if (db.exists(META)) {
      BTreeMap<String, String> meta = db.getTreeMap(META);
      String format = meta.get("format");
      String version = meta.get("version");
      if (!FORMAT.equals(format) || version == null || !version.matches("[0-9]{1,9}")) {
        throw unavailable("the incident store " + where + " is a MapDB file of something else (its format is '"
            + format + "' version '" + version + "', not '" + FORMAT + "'); the store leaves it as it is", null);
      }
      int found = Integer.parseInt(version);
      if (found > VERSION) {
        throw unavailable("the incident store " + where + " was written in format version " + version
            + " by a newer incident-store-mapdb; this one reads format versions 1 to " + VERSION
            + "; the store leaves it as it is", null);
      }
      requireCollections(db, where, VERSION_1);
      if (found == 1) {
        upgradeFromVersion1(db, meta);
      }
      requireCollections(db, where, ADDED_IN_2);
      if (!"TreeMap".equals(db.getCatalog().get(POSTINGS + ".type"))) {
        // Development builds before the first release of format 2 kept one set entry per posting.
        throw unavailable("the incident store " + where + " was written by a development build of format version 2"
            + " (its '" + POSTINGS + "' is a " + db.getCatalog().get(POSTINGS + ".type") + ", not the blocks this"
            + " release keeps); the store leaves it as it is: export its incidents with that build and import them"
            + " into a new store", null);
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
    createVersion2Collections(db);
    meta.put("format", FORMAT);
    meta.put("version", Integer.toString(VERSION));
    db.commit();
  }

  /**
   * Format version 1 to 2, in one commit: the new collections, every tenant's highest number as the bound
   * of its incidents without facets (so {@code unindexed} finds them without a scan of what is indexed),
   * and the version. A crash before the commit leaves the file at version 1, to be upgraded at the next open.
   */
  private static void upgradeFromVersion1(DB db, BTreeMap<String, String> meta) {
    createVersion2Collections(db);
    BTreeMap<String, Long> counters = db.getTreeMap(COUNTERS);
    BTreeMap<String, Long> unindexed = db.getTreeMap(UNINDEXED);
    unindexed.putAll(counters);
    meta.put("version", Integer.toString(VERSION));
    db.commit();
  }

  private static void createVersion2Collections(DB db) {
    db.createTreeMap(VERSIONS).keySerializer(BTreeKeySerializer.TUPLE2).valueSerializer(Serializer.LONG).make();
    db.createTreeMap(FACETS).keySerializer(BTreeKeySerializer.TUPLE2)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    // Blocks of at most 129 bytes inside the nodes, 16 to a leaf: a block is rewritten with its leaf, and a
    // small leaf keeps that rewrite small (values outside the nodes would add a record per block and leave
    // readers holding references to records freed in the group).
    db.createTreeMap(POSTINGS).keySerializer(BTreeKeySerializer.TUPLE3).valueSerializer(Serializer.BYTE_ARRAY)
        .nodeSize(16).make();
    db.createTreeSet(DELETED).serializer(BTreeKeySerializer.TUPLE2).make();
    db.createTreeMap(UNINDEXED).keySerializer(BTreeKeySerializer.STRING).valueSerializer(Serializer.LONG).make();
    db.createTreeMap(EVENTS).keySerializer(BTreeKeySerializer.ZERO_OR_POSITIVE_LONG)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    db.createAtomicLong(EVENTS_LAST, 0);
    db.createAtomicLong(EVENTS_PRUNED, 0);
    db.createTreeMap(RECORDS).keySerializer(BTreeKeySerializer.TUPLE2)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    db.createAtomicLong(COMMITS, 0);
  }

  private static void requireCollections(DB db, String where, List<String> names) {
    for (String name : names) {
      if (!db.exists(name)) {
        throw unavailable("the incident store " + where + " is damaged: its collection '" + name
            + "' is missing", null);
      }
    }
  }

  /** The names in MapDB's catalog, which records each collection as {@code name.type} among other entries. */
  private static List<String> collectionNames(DB db) {
    return db.getCatalog().keySet().stream().filter(k -> k.endsWith(".type"))
        .map(k -> k.substring(0, k.length() - ".type".length())).toList();
  }

  private static String describe(@Nullable StoreFiles files) {
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

  /**
   * MapDB's builder, with a hook around the storage engine (below MapDB's cache, above the files) and, for a
   * file, the write-ahead log kept in memory between syncs ({@link BufferedLog}).
   */
  private static final class Maker extends DBMaker<Maker> {
    private final UnaryOperator<Engine> engineHook;
    private final @Nullable File log;

    Maker(UnaryOperator<Engine> engineHook, @Nullable File log) {
      this.engineHook = engineHook;
      this.log = log;
    }

    @Override
    protected Volume.Factory extendStoreVolumeFactory() {
      Volume.Factory files = super.extendStoreVolumeFactory();
      File logFile = log;
      if (logFile == null) {
        return files;
      }
      return new Volume.Factory() {
        @Override
        public Volume createIndexVolume() {
          return files.createIndexVolume();
        }

        @Override
        public Volume createPhysVolume() {
          return files.createPhysVolume();
        }

        @Override
        public Volume createTransLogVolume() {
          return new BufferedLog(logFile);
        }
      };
    }

    @Override
    protected Engine extendWrapStore(Engine engine) {
      return engineHook.apply(engine);
    }
  }
}
