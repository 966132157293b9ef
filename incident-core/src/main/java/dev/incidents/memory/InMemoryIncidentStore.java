package dev.incidents.memory;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link IncidentStore} in memory, with no dependencies: for unit tests of applications that
 * embed the library, and as the reference the TCK's own tests run against. Nothing survives the object;
 * {@link #close()} drops everything.
 *
 * <pre>{@code
 * IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
 * }</pre>
 *
 * <p>Writes in one tenant are serialized by that tenant's lock; other tenants and all reads proceed in
 * parallel, and reads never block, except filtered pages. Filtered lists walk the postings of the filter's
 * most selective condition (an index per facet value, kept with every write, and read under the tenant's
 * lock), so a selective page costs what it returns, not the size of the tenant.
 */
public final class InMemoryIncidentStore implements IncidentStore {

  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final EventLog events = new EventLog();
  private final Map<String, ConcurrentNavigableMap<String, byte[]>> records = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** An empty store. */
  public InMemoryIncidentStore() {}

  /** One tenant's incidents, keys and indexes. Written under its monitor, read without it. */
  private static final class Tenant {
    private final String name;
    /** The highest number allocated. Guarded by {@code this}. */
    private long lastNumber;
    private final ConcurrentNavigableMap<Long, Entry> live = new ConcurrentSkipListMap<>();
    private final Map<String, Keyed> byKey = new ConcurrentHashMap<>();
    private final FacetIndex index = new FacetIndex();

    Tenant(String name) {
      this.name = name;
    }
  }

  /** A live incident with the facets it is indexed under. */
  record Entry(StoredIncident incident, IncidentFacets facets) {}

  private record Keyed(long number, String fingerprint) {}

  @Override
  public CreateResult create(NewIncident incident) {
    checkOpen();
    Tenant tenant = tenants.computeIfAbsent(incident.tenant(), Tenant::new);
    synchronized (tenant) {
      String key = incident.idempotencyKey();
      if (key != null) {
        Keyed keyed = tenant.byKey.get(key);
        if (keyed != null) {
          Entry entry = tenant.live.get(keyed.number());
          return entry == null ? new CreateResult.ReplayedDeleted(keyed.number(), keyed.fingerprint())
              : new CreateResult.Replayed(entry.incident(), keyed.fingerprint());
        }
      }
      // The number is spent even if rendering fails: numbers are never reused.
      long number = ++tenant.lastNumber;
      RenderedIncident rendered = incident.render(number);
      StoredIncident stored = new StoredIncident(tenant.name, number, 1, rendered.document());
      // Document, then its postings, then its key and event: nothing that points to the incident is visible
      // before the incident itself.
      tenant.live.put(number, new Entry(stored, rendered.facets()));
      tenant.index.add(number, rendered.facets());
      if (key != null) {
        tenant.byKey.put(key, new Keyed(number,
            Objects.requireNonNull(incident.fingerprint(), "NewIncident gives a fingerprint with every key")));
      }
      events.append(tenant.name, rendered.event());
      return new CreateResult.Created(stored);
    }
  }

  @Override
  public UpdateResult update(IncidentUpdate update) {
    checkOpen();
    Tenant tenant = tenants.get(update.tenant());
    if (tenant == null) {
      return new UpdateResult.Missing();
    }
    synchronized (tenant) {
      Entry current = tenant.live.get(update.number());
      if (current == null) {
        return new UpdateResult.Missing();
      }
      if (current.incident().version() != update.expectedVersion()) {
        return new UpdateResult.Stale(current.incident());
      }
      RenderedIncident rendered = update.rendered();
      StoredIncident stored = new StoredIncident(tenant.name, update.number(), update.expectedVersion() + 1,
          rendered.document());
      // New postings before the entry, old ones after it: a reader paging through an index never misses an
      // incident that matches both before and after the change.
      tenant.index.add(update.number(), rendered.facets());
      tenant.live.put(update.number(), new Entry(stored, rendered.facets()));
      tenant.index.removeStale(update.number(), current.facets(), rendered.facets());
      events.append(tenant.name, rendered.event());
      return new UpdateResult.Updated(stored);
    }
  }

  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    checkOpen();
    Tenant tenant = tenants.get(deletion.tenant());
    if (tenant == null) {
      return new DeleteResult.Missing();
    }
    synchronized (tenant) {
      Entry current = tenant.live.get(deletion.number());
      if (current == null) {
        return new DeleteResult.Missing();
      }
      if (current.incident().version() != deletion.expectedVersion()) {
        return new DeleteResult.Stale(current.incident());
      }
      // The key stays recorded and the counter untouched: the number is never handed out again.
      tenant.live.remove(deletion.number());
      tenant.index.remove(deletion.number(), current.facets());
      events.append(tenant.name, deletion.event());
      return new DeleteResult.Deleted();
    }
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    checkOpen();
    Tenant t = tenants.get(tenant);
    Entry entry = t == null ? null : t.live.get(number);
    return entry == null ? Optional.empty() : Optional.of(entry.incident());
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    checkOpen();
    Tenant t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    if (query.filter().isEmpty()) {
      return t.index.page(t.live, query);
    }
    // The postings are plain collections that writers change under the tenant's lock: read them under it too.
    synchronized (t) {
      return t.index.page(t.live, query);
    }
  }

  /** Empty: this store keeps the facets of every incident from its create on. */
  @Override
  public List<StoredIncident> unindexed(int limit) {
    checkOpen();
    return List.of();
  }

  /** Nothing to do: {@link #unindexed} is always empty. */
  @Override
  public void index(String tenant, long number, long version, IncidentFacets facets) {
    checkOpen();
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    checkOpen();
    return events.after(afterSequence, limit);
  }

  @Override
  public long lastEventSequence() {
    checkOpen();
    return events.last();
  }

  @Override
  public long pruneEvents(long throughSequence) {
    checkOpen();
    return events.prune(throughSequence);
  }

  @Override
  public Optional<byte[]> record(String namespace, String key) {
    checkOpen();
    NavigableMap<String, byte[]> ns = records.get(namespace);
    return ns == null ? Optional.empty() : Optional.ofNullable(ns.get(key));
  }

  @Override
  public void putRecord(String namespace, String key, byte[] value) {
    checkOpen();
    records.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>()).put(key, value);
  }

  @Override
  public boolean removeRecord(String namespace, String key) {
    checkOpen();
    NavigableMap<String, byte[]> ns = records.get(namespace);
    return ns != null && ns.remove(key) != null;
  }

  @Override
  public List<StoredRecord> records(String namespace, String afterKey, int limit) {
    checkOpen();
    NavigableMap<String, byte[]> ns = records.get(namespace);
    if (ns == null) {
      return List.of();
    }
    List<StoredRecord> page = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : ns.tailMap(afterKey, false).entrySet()) {
      if (page.size() == limit) {
        break;
      }
      page.add(new StoredRecord(e.getKey(), e.getValue()));
    }
    return page;
  }

  @Override
  public void close() {
    closed = true;
    tenants.clear();
    records.clear();
    events.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this InMemoryIncidentStore is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryIncidentStore[" + tenants.size() + " tenants]";
  }

  /** The store's events, in sequence order. */
  private static final class EventLog {
    private final ConcurrentNavigableMap<Long, StoredEvent> bySequence = new ConcurrentSkipListMap<>();
    /** Guarded by {@code this}. */
    private long last;

    /** Appends an event; a sequence is taken and published under one lock, so none appears behind another. */
    synchronized void append(String tenant, byte @Nullable [] payload) {
      if (payload != null) {
        long sequence = ++last;
        bySequence.put(sequence, new StoredEvent(sequence, tenant, payload));
      }
    }

    List<StoredEvent> after(long sequence, int limit) {
      List<StoredEvent> page = new ArrayList<>(Math.min(limit, 256));
      for (StoredEvent event : bySequence.tailMap(sequence, false).values()) {
        if (page.size() == limit) {
          break;
        }
        page.add(event);
      }
      return page;
    }

    synchronized long last() {
      return last;
    }

    long prune(long through) {
      NavigableMap<Long, StoredEvent> head = bySequence.headMap(through, true);
      long removed = head.size();
      head.clear();
      return removed;
    }

    void clear() {
      bySequence.clear();
    }
  }
}
