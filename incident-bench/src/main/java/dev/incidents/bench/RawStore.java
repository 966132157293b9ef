package dev.incidents.bench;

import dev.incidents.spi.IncidentStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Fun;
import org.mapdb.Serializer;

/**
 * The baseline of a store: the same document bytes written the plainest way the same storage allows, with
 * the same durability, in a {@link Workspace} of its own. Number allocation is an {@link AtomicLong}: a
 * baseline has no tenants, no idempotency keys and no rendering, which is exactly the cost the ratios show.
 */
abstract class RawStore implements AutoCloseable {

  static final String TENANT = "raw";

  final AtomicLong numbers = new AtomicLong();
  private @Nullable Workspace ownWorkspace;

  /** A writer for one thread (a JDBC connection of its own, for the databases). */
  abstract Writer writer();

  /** Closes the storage, then deletes the workspace. */
  @Override
  public final void close() {
    try {
      closeStorage();
    } finally {
      if (ownWorkspace != null) {
        ownWorkspace.close();
      }
    }
  }

  abstract void closeStorage();

  interface Writer {
    /** Writes {@code document} as the next number and commits. */
    void write(byte[] document) throws Exception;

    /** Writes {@code count} documents and commits once. */
    void writeBatch(byte[] document, int count) throws Exception;
  }

  /** A new, empty baseline of {@code kind}, in a new workspace that {@link #close()} deletes. */
  static RawStore open(StoreKind kind) {
    Workspace workspace = Workspace.create(kind);
    try {
      RawStore raw = switch (kind) {
        case MEMORY -> new Heap();
        case MAPDB_MEMORY -> new MapDb(DBMaker.newMemoryDB().checksumEnable().make());
        // As Database.open configures the store's file: memory-mapped index, WAL with a synced commit, CRC32.
        case MAPDB_FILE -> new MapDb(DBMaker.newFileDB(workspace.mapDbFile().toFile())
            .mmapFileEnablePartial().checksumEnable().make());
        case H2_FILE, POSTGRESQL, MARIADB -> new Jdbc(workspace);
      };
      raw.ownWorkspace = workspace;
      return raw;
    } catch (RuntimeException e) {
      workspace.close();
      throw e;
    }
  }

  /**
   * A {@link ConcurrentHashMap} put, into at most {@value #KEYS} keys: the numbers wrap around, so that later
   * puts replace entries. Unbounded, eight threads putting about ten million a second filled the fork's 4 GB heap
   * within two iterations and the collector then ran for minutes. A replacing put hashes, finds its bin and
   * writes as an adding one does; only the map's growth is left out of the baseline.
   */
  static final class Heap extends RawStore {
    static final int KEYS = 1 << 20;
    private final ConcurrentHashMap<Long, byte[]> documents = new ConcurrentHashMap<>();

    @Override
    Writer writer() {
      return new Writer() {
        @Override
        public void write(byte[] document) {
          documents.put(numbers.incrementAndGet() & (KEYS - 1), document);
        }

        @Override
        public void writeBatch(byte[] document, int count) {
          for (int i = 0; i < count; i++) {
            write(document);
          }
        }
      };
    }

    /** Documents held now. */
    int size() {
      return documents.size();
    }

    @Override
    void closeStorage() {
      documents.clear();
    }
  }

  /**
   * A put into a tree map shaped as the store's documents map, then a commit. MapDB 1.0 has one
   * transaction per database, so writers take turns: put and commit are one critical section.
   */
  private static final class MapDb extends RawStore {
    private final DB db;
    private final BTreeMap<Fun.Tuple2<String, Long>, byte[]> documents;

    MapDb(DB db) {
      this.db = db;
      this.documents = db.createTreeMap("documents").keySerializer(BTreeKeySerializer.TUPLE2)
          .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
      db.commit();
    }

    @Override
    Writer writer() {
      return new Writer() {
        @Override
        public void write(byte[] document) {
          synchronized (db) {
            documents.put(Fun.t2(TENANT, numbers.incrementAndGet()), document);
            db.commit();
          }
        }

        @Override
        public void writeBatch(byte[] document, int count) {
          synchronized (db) {
            for (int i = 0; i < count; i++) {
              documents.put(Fun.t2(TENANT, numbers.incrementAndGet()), document);
            }
            db.commit();
          }
        }
      };
    }

    @Override
    void closeStorage() {
      db.close();
    }
  }

  /**
   * An INSERT into the store's own {@code incidents} table (created by the store's migration, so the
   * columns, types, constraints and indexes are the same), then a commit, on a connection per writer.
   */
  private static final class Jdbc extends RawStore {
    private final Workspace workspace;
    private final String insert;
    private final List<Connection> connections = new ArrayList<>();

    Jdbc(Workspace workspace) {
      this.workspace = workspace;
      try (IncidentStore migrated = workspace.openStore()) {
        // opened only to create the tables
      }
      this.insert = "INSERT INTO incidents (tenant, number, document) VALUES (?, ?, "
          + (workspace.kind == StoreKind.POSTGRESQL ? "CAST(? AS jsonb)" : "?") + ")";
    }

    @Override
    synchronized Writer writer() {
      try {
        Connection connection = workspace.connect();
        connection.setAutoCommit(false);
        connections.add(connection);
        PreparedStatement statement = connection.prepareStatement(insert);
        return new Writer() {
          @Override
          public void write(byte[] document) throws SQLException {
            bind(document);
            statement.executeUpdate();
            connection.commit();
          }

          @Override
          public void writeBatch(byte[] document, int count) throws SQLException {
            for (int i = 0; i < count; i++) {
              bind(document);
              statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
          }

          private void bind(byte[] document) throws SQLException {
            statement.setString(1, TENANT);
            statement.setLong(2, numbers.incrementAndGet());
            // As the store does: documents travel as UTF-8 text.
            statement.setString(3, new String(document, StandardCharsets.UTF_8));
          }
        };
      } catch (SQLException e) {
        throw new IllegalStateException("cannot connect to " + workspace.jdbcUrl() + ": " + e.getMessage(), e);
      }
    }

    @Override
    synchronized void closeStorage() {
      for (Connection connection : connections) {
        try {
          connection.close();
        } catch (SQLException e) {
          // closing at the end of a trial: the workspace is deleted next anyway
        }
      }
    }
  }
}
