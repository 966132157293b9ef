package dev.incidents.store.jdbc;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.Batches;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.StoredRecord;
import dev.incidents.spi.UpdateResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IncidentStore} in a relational database reached through a {@link DataSource}: H2 2.x (embedded,
 * file or memory), PostgreSQL 15 or MariaDB 10.11. For host applications that already run one, and for
 * several JVMs sharing one database.
 *
 * <pre>{@code
 * IncidentStore store = JdbcIncidentStore.builder(dataSource).build();   // the host's pool and credentials
 * IncidentService service = Incidents.builder().store(store).build();
 * }</pre>
 *
 * <p>{@link #builder(DataSource)} wraps a data source the host owns: {@link #close()} does not close it.
 * {@code IncidentStores.open("jdbc:postgresql://...")} builds a HikariCP pool instead, which the store then
 * owns and closes (see {@link JdbcStoreProvider}).
 *
 * <p>On H2 each create is one transaction: it bumps the tenant's row in {@code incident_counters}, renders the
 * incident with the number it got, and inserts the document with its idempotency key, facets, owners, parts
 * and event; {@link #createAll} does the same for up to {@link Builder#batchSize(int)} incidents per
 * transaction. Creates in one tenant therefore take turns on that tenant's counter row until they commit,
 * and a failed create's rollback returns its number. On PostgreSQL and MariaDB the bump is a transaction of
 * its own (on PostgreSQL one that commits without waiting for the disk), and the inserts then commit in a
 * second transaction: creates of one tenant overlap, a failed create leaves a gap, and concurrent creates may
 * become visible out of number order (docs/STORES.md says why this is safe).
 *
 * <p>Updates and deletes are a compare and set on the row's version ({@code UPDATE ... WHERE version = ?});
 * a deleted incident stays as a tombstone row without its content, so its number and idempotency key stay
 * used. Filtered lists run on one index per facet (migration V3; docs/STORES.md lists them). Events are
 * written unnumbered with their change and numbered in commit order when they are read ({@link #events}), so
 * writers never wait on a shared counter and readers never miss an event that commits late. Failures that may pass on a second try
 * (a lost connection, a deadlock or serialization failure, a lock timeout, a lost race on a unique key) are
 * retried with bounded, jittered backoff; a commit that failed ambiguously is retried only when every
 * incident of the transaction has an idempotency key, since only then does the retry find out what happened
 * (it may then report {@link CreateResult.Replayed} for the first attempt's own incident). Without keys the
 * store throws a {@link ServiceUnavailableException} saying the outcome is unknown: the one case in which a
 * create (or a batch of {@link #createAll}) that threw may nonetheless be stored, as with any database
 * reached over a network.
 *
 * <p>Thread-safe. No method accepts or returns {@code null}. Database failures are
 * {@link ServiceUnavailableException}s saying what failed; a {@link dev.incidents.spi.DocumentRenderer}'s
 * exception is passed on unchanged after the rollback. Calls after {@link #close()} throw
 * {@link IllegalStateException}.
 */
public final class JdbcIncidentStore implements IncidentStore {

  private final Dialect dialect;
  private final IncidentTables tables;
  private final EventTables events;
  private final RecordTables records;
  private final Transactions transactions;
  private final int batchSize;
  private final @Nullable AutoCloseable owned;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcIncidentStore(Dialect dialect, Transactions transactions, int batchSize, @Nullable AutoCloseable owned) {
    this.dialect = dialect;
    this.tables = new IncidentTables(dialect);
    this.events = new EventTables(dialect);
    this.records = new RecordTables(dialect);
    this.transactions = transactions;
    this.batchSize = batchSize;
    this.owned = owned;
  }

  /**
   * A builder of a store over {@code dataSource}, which stays the caller's: the store borrows connections
   * and never closes it.
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public CreateResult create(NewIncident incident) {
    checkOpen();
    Objects.requireNonNull(incident, "incident");
    return createBatch(List.of(incident)).get(0);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Commits up to {@link Builder#batchSize(int)} incidents per transaction.
   */
  @Override
  public List<CreateResult> createAll(List<NewIncident> incidents) {
    checkOpen();
    incidents.forEach(incident -> Objects.requireNonNull(incident, "incident"));
    return Batches.inUnits(incidents, batchSize, this::createBatch);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: an {@code UPDATE ... WHERE version = ?} (the compare and set), the owners and parts,
   * and the event. A commit cut off by a lost connection is reported as an unknown outcome, not retried.
   */
  @Override
  public UpdateResult update(IncidentUpdate update) {
    checkOpen();
    RenderedIncident rendered = update.rendered();
    return transactions.write("update incident " + update.number() + " of tenant '" + update.tenant() + "'", false,
        connection -> {
          if (tables.update(connection, update.tenant(), update.number(), update.expectedVersion(),
              rendered.document(), rendered.facets())) {
            insertEvent(connection, update.tenant(), rendered.event());
            return new UpdateResult.Updated(new StoredIncident(update.tenant(), update.number(),
                update.expectedVersion() + 1, rendered.document()));
          }
          IncidentTables.Current current = unchanged(connection, update.tenant(), update.number(),
              update.expectedVersion());
          return current == null ? new UpdateResult.Missing() : new UpdateResult.Stale(current.incident());
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The row stays as a tombstone (its document replaced by {@code {}}, its facets dropped), which keeps the
   * number used and the idempotency key recorded.
   */
  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    checkOpen();
    return transactions.write("delete incident " + deletion.number() + " of tenant '" + deletion.tenant() + "'",
        false, connection -> {
          if (tables.delete(connection, deletion.tenant(), deletion.number(), deletion.expectedVersion())) {
            insertEvent(connection, deletion.tenant(), deletion.event());
            return new DeleteResult.Deleted();
          }
          IncidentTables.Current current = unchanged(connection, deletion.tenant(), deletion.number(),
              deletion.expectedVersion());
          return current == null ? new DeleteResult.Missing() : new DeleteResult.Stale(current.incident());
        });
  }

  /**
   * After a compare and set that changed no row: the live incident as it is, or {@code null} if there is none.
   * Its version differs from the expected one, unless a concurrent change committed between the two
   * statements in a way this read does not see yet; that case runs the unit again (SQLSTATE 40001).
   */
  private IncidentTables.@Nullable Current unchanged(Connection connection, String tenant, long number, long expectedVersion)
      throws SQLException {
    Optional<IncidentTables.Current> current = tables.current(connection, tenant, number);
    if (current.isEmpty() || current.get().deleted()) {
      return null;
    }
    if (current.get().incident().version() == expectedVersion) {
      throw new SQLException("incident " + number + " of tenant '" + tenant + "' is at version " + expectedVersion
          + " but was not changed; running the change again", "40001");
    }
    return current.get();
  }

  private void insertEvent(Connection connection, String tenant, byte @Nullable [] event) throws SQLException {
    if (event != null) {
      events.insert(connection, List.of(new EventTables.Pending(tenant, event)));
    }
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    checkOpen();
    Objects.requireNonNull(tenant, "tenant");
    return transactions.read("read incident " + number + " of tenant '" + tenant + "'",
        connection -> tables.get(connection, tenant, number));
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    checkOpen();
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    return transactions.read("list the incidents of tenant '" + tenant + "'",
        connection -> tables.list(connection, tenant, query));
  }

  /** {@inheritDoc} Here: the incidents of schemas written before migration V3, until they are indexed. */
  @Override
  public List<StoredIncident> unindexed(int limit) {
    checkOpen();
    return transactions.read("list the incidents without facets", connection -> tables.unindexed(connection, limit));
  }

  @Override
  public void index(String tenant, long number, long version, IncidentFacets facets) {
    checkOpen();
    Objects.requireNonNull(facets, "facets");
    transactions.write("index incident " + number + " of tenant '" + tenant + "'", true,
        connection -> tables.index(connection, tenant, number, version, facets));
  }

  /**
   * {@inheritDoc}
   *
   * <p>First numbers the events committed since the last call (see {@link EventTables} for why this order
   * never hands an event out behind another), then reads.
   */
  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    checkOpen();
    return transactions.write("read the events after sequence " + afterSequence, true, connection -> {
      events.sequencePending(connection);
      return events.after(connection, afterSequence, limit);
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Numbers every event committed before the call first, so that a consumer starting after it receives
   * none of them; a read of events numbers at most {@value EventTables#SEQUENCE_MAX} per call.
   */
  @Override
  public long lastEventSequence() {
    checkOpen();
    return transactions.write("read the last event sequence", true, events::sequenceAllPending);
  }

  @Override
  public long pruneEvents(long throughSequence) {
    checkOpen();
    return transactions.write("prune the events through sequence " + throughSequence, false,
        connection -> events.prune(connection, throughSequence));
  }

  @Override
  public Optional<byte[]> record(String namespace, String key) {
    checkOpen();
    return transactions.read("read record '" + key + "' of " + namespace,
        connection -> records.get(connection, namespace, key));
  }

  @Override
  public void putRecord(String namespace, String key, byte[] value) {
    checkOpen();
    Objects.requireNonNull(value, "value");
    transactions.write("store record '" + key + "' of " + namespace, true, connection -> {
      records.put(connection, namespace, key, value);
      return true;
    });
  }

  @Override
  public boolean removeRecord(String namespace, String key) {
    checkOpen();
    return transactions.write("remove record '" + key + "' of " + namespace, false,
        connection -> records.remove(connection, namespace, key));
  }

  @Override
  public List<StoredRecord> records(String namespace, String afterKey, int limit) {
    checkOpen();
    return transactions.read("list the records of " + namespace,
        connection -> records.after(connection, namespace, afterKey, limit));
  }

  /** Closes the pool the store opened itself (through {@link JdbcStoreProvider}); never a host's data source. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the connection pool of " + this + " failed: " + e, e);
      }
    }
  }

  @Override
  public String toString() {
    return "JdbcIncidentStore[" + dialect + (closed.get() ? ", closed" : "") + "]";
  }

  /**
   * The incidents of {@code batch}, in order, as if created one by one: in one transaction, or, where the
   * dialect allocates numbers outside the create ({@link Dialect#allocatesOutsideTheCreate()}), numbers
   * first and then one transaction of inserts.
   */
  private List<CreateResult> createBatch(List<NewIncident> batch) {
    boolean everyOneKeyed = batch.stream().allMatch(i -> i.idempotencyKey() != null);
    String what = batch.size() == 1 ? "create an incident in tenant '" + batch.get(0).tenant() + "'"
        : "create a batch of " + batch.size() + " incidents";
    if (!dialect.allocatesOutsideTheCreate()) {
      return transactions.write(what, everyOneKeyed, connection -> {
        Planned planned = plan(connection, batch);
        tables.insert(connection, planned.rows());
        events.insert(connection, planned.events());
        return planned.results();
      });
    }
    return transactions.writeCommittingItself(what, everyOneKeyed, (connection, committing) -> {
      Planned planned = plan(connection, batch);
      if (!planned.rows().isEmpty()) {
        connection.setAutoCommit(false);
        tables.insert(connection, planned.rows());
        events.insert(connection, planned.events());
        committing.run();
        connection.commit();
      }
      return planned.results();
    });
  }

  private record TenantKey(String tenant, String key) {}

  /** What a batch will store: the result of each incident, the rows still to insert, and their events. */
  private record Planned(List<CreateResult> results, List<IncidentTables.Row> rows, List<EventTables.Pending> events) {}

  /**
   * All of a batch but the insert: replays for keys recorded before (or earlier in the batch), numbers for
   * the rest, allocated per tenant in tenant order (so two batches never lock counters in opposite orders),
   * then rendering. Events are listed in the batch's order.
   */
  private Planned plan(Connection connection, List<NewIncident> batch) throws SQLException {
    CreateResult[] results = new CreateResult[batch.size()];
    RenderedIncident[] rendered = new RenderedIncident[batch.size()];
    Map<TenantKey, CreateResult> recorded = recordedKeys(connection, batch);
    Map<TenantKey, Integer> firstWithKey = new HashMap<>();
    int[] repeats = new int[batch.size()];
    Arrays.fill(repeats, -1);
    Map<String, List<Integer>> fresh = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) {
      NewIncident incident = batch.get(i);
      if (incident.idempotencyKey() != null) {
        TenantKey key = new TenantKey(incident.tenant(), incident.idempotencyKey());
        CreateResult before = recorded.get(key);
        if (before != null) {
          results[i] = before;
          continue;
        }
        Integer first = firstWithKey.putIfAbsent(key, i);
        if (first != null) {
          repeats[i] = first;
          continue;
        }
      }
      fresh.computeIfAbsent(incident.tenant(), t -> new ArrayList<>()).add(i);
    }
    List<IncidentTables.Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> tenant : fresh.entrySet()) {
      List<Integer> positions = tenant.getValue();
      long number = dialect.allocate(connection, tenant.getKey(), positions.size()) - positions.size() + 1;
      for (int position : positions) {
        NewIncident incident = batch.get(position);
        rendered[position] = incident.render(number);
        StoredIncident stored = new StoredIncident(incident.tenant(), number, 1, rendered[position].document());
        number++;
        rows.add(new IncidentTables.Row(stored, rendered[position].facets(), incident.idempotencyKey(),
            incident.fingerprint()));
        results[position] = new CreateResult.Created(stored);
      }
    }
    List<EventTables.Pending> pending = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (repeats[i] >= 0) {
        StoredIncident first = ((CreateResult.Created) results[repeats[i]]).incident();
        results[i] = new CreateResult.Replayed(first,
            Objects.requireNonNull(batch.get(repeats[i]).fingerprint(), "a repeated key has a fingerprint"));
      } else if (rendered[i] != null && rendered[i].event() != null) {
        pending.add(new EventTables.Pending(batch.get(i).tenant(), rendered[i].event()));
      }
    }
    return new Planned(List.of(results), rows, pending);
  }

  private Map<TenantKey, CreateResult> recordedKeys(Connection connection, List<NewIncident> batch)
      throws SQLException {
    Map<String, List<String>> keysByTenant = new LinkedHashMap<>();
    for (NewIncident incident : batch) {
      if (incident.idempotencyKey() != null) {
        List<String> keys = keysByTenant.computeIfAbsent(incident.tenant(), t -> new ArrayList<>());
        if (!keys.contains(incident.idempotencyKey())) {
          keys.add(incident.idempotencyKey());
        }
      }
    }
    Map<TenantKey, CreateResult> recorded = new HashMap<>();
    for (Map.Entry<String, List<String>> tenant : keysByTenant.entrySet()) {
      tables.findByKeys(connection, tenant.getKey(), tenant.getValue())
          .forEach((key, replay) -> recorded.put(new TenantKey(tenant.getKey(), key), replay));
    }
    return recorded;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this JdbcIncidentStore is closed");
    }
  }

  /**
   * Builds a {@link JdbcIncidentStore}. Each setting is checked when it is set; {@link #build()} connects,
   * recognises the database and creates or checks the tables. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private boolean migrate = true;
    private int batchSize = 500;
    private int maxAttempts = Transactions.Policy.DEFAULT.maxAttempts();
    private Duration firstPause = Transactions.Policy.DEFAULT.firstPause();
    private Duration maxPause = Transactions.Policy.DEFAULT.maxPause();
    private @Nullable AutoCloseable owned;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Whether {@link #build()} creates and upgrades the tables with the bundled Flyway migrations (default
     * {@code true}). With {@code false}, a DBA runs them (docs/STORES.md says how) and {@code build()} only
     * checks that the tables are there.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * The most incidents {@link JdbcIncidentStore#createAll} commits in one transaction (default 500). Larger
     * batches import faster but hold the tenant's counter row longer.
     *
     * @throws IllegalArgumentException unless 1 to 10,000
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batchSize must be from 1 to 10000, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The most times one transaction is tried when it fails in a way that may pass next time (default 5;
     * 1 turns retries off).
     *
     * @throws IllegalArgumentException unless 1 to 100
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be from 1 to 100, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The pauses between attempts; for tests, which want them short. */
    Builder pauses(Duration first, Duration max) {
      this.firstPause = first;
      this.maxPause = max;
      return this;
    }

    /** Something the store closes with itself: the pool {@link JdbcStoreProvider} built. */
    Builder owning(AutoCloseable resource) {
      this.owned = resource;
      return this;
    }

    /**
     * The store, with its tables created or upgraded (or checked, without {@link #migrate(boolean)}).
     *
     * @throws IllegalArgumentException if the data source reaches a database other than H2 2.x, PostgreSQL
     *     or MariaDB
     * @throws ServiceUnavailableException if the database cannot be reached or the tables cannot be made
     */
    public JdbcIncidentStore build() {
      Dialect dialect = recognise(dataSource);
      if (migrate) {
        Migrations.migrate(dataSource, dialect);
      } else {
        Migrations.check(dataSource, dialect);
      }
      Transactions.Policy policy = new Transactions.Policy(maxAttempts, firstPause, maxPause);
      return new JdbcIncidentStore(dialect, new Transactions(dataSource, dialect, policy), batchSize, owned);
    }

    private static Dialect recognise(DataSource dataSource) {
      String product;
      int major;
      try (Connection connection = dataSource.getConnection()) {
        DatabaseMetaData metaData = connection.getMetaData();
        product = metaData.getDatabaseProductName();
        major = metaData.getDatabaseMajorVersion();
      } catch (SQLException e) {
        throw ServiceUnavailableException.of("cannot connect to the database of the incident store: "
            + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
      }
      Dialect dialect = Dialect.forProduct(product);
      if (dialect == null || (dialect == Dialect.H2 && major < 2)) {
        throw new IllegalArgumentException("the data source reaches " + product + " " + major
            + ", but JdbcIncidentStore supports " + Dialect.supported());
      }
      return dialect;
    }
  }
}
