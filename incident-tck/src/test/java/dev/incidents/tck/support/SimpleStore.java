package dev.incidents.tck.support;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A store that is correct because it is simple: one lock around everything, plain maps, deleted incidents
 * kept with a flag. The base of the broken stores of the lifecycle rules, each of which overrides one
 * protected hook or method to break one clause. Durable in the way the kit's own tests need: its
 * {@link State} outlives a handle, {@link #reopen()} gives a new handle over it (after {@link #onReopen},
 * where a broken store loses what it does not keep).
 */
public class SimpleStore implements IncidentStore {

  /** Everything the store keeps; guarded by itself. */
  protected static final class State {
    final Map<String, Tenant> tenants = new HashMap<>();
    final TreeMap<Long, StoredEvent> events = new TreeMap<>();
    long lastSequence;
    /** The highest sequence {@link #events} has handed out. */
    long handedOut;
    final Map<String, TreeMap<String, byte[]>> records = new HashMap<>();
    /** What a broken store keeps beyond this (by a name of its choice), so that it survives reopen too. */
    final Map<String, Object> extra = new HashMap<>();
  }

  /** One tenant's incidents (deleted ones too, flagged) and keys. */
  protected static final class Tenant {
    long lastNumber;
    final TreeMap<Long, Entry> incidents = new TreeMap<>();
    final Map<String, Keyed> keys = new HashMap<>();
  }

  /** An incident: its latest version, document and facets, whether its facets are indexed, and whether it is deleted. */
  protected static final class Entry {
    StoredIncident incident;
    IncidentFacets facets;
    boolean indexed = true;
    boolean deleted;

    Entry(StoredIncident incident, IncidentFacets facets) {
      this.incident = incident;
      this.facets = facets;
    }
  }

  record Keyed(long number, String fingerprint) {}

  /** The state; a new handle of {@link #reopen()} takes over its predecessor's, before anyone sees it. */
  protected State state = new State();
  private volatile boolean closed;

  public SimpleStore() {}

  /** Closes this handle and returns a new one over the same state, as reopening a file would. */
  public SimpleStore reopen() {
    close();
    synchronized (state) {
      onReopen(state);
    }
    return again(state);
  }

  /** What reopening does to the state: nothing, for a correct store. */
  protected void onReopen(State state) {}

  /** A new handle of the same class (through its no-argument constructor) over {@code state}. */
  private SimpleStore again(State state) {
    SimpleStore again;
    try {
      again = getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(getClass() + " needs a public no-argument constructor", e);
    }
    again.state = state;
    return again;
  }

  // ---- hooks a broken store overrides ----

  /** The number of a new incident. */
  protected long nextNumber(Tenant tenant) {
    return ++tenant.lastNumber;
  }

  /** The key a create looks up and records for an idempotency key. */
  protected String storedKey(String key) {
    return key;
  }

  /** The fingerprint a create records with its key, as a replay gives it back. */
  protected String storedFingerprint(String fingerprint) {
    return fingerprint;
  }

  /** The tenant an event is stored with, as {@link #events} gives it back. */
  protected String storedEventTenant(String tenant) {
    return tenant;
  }

  /** The number reads, updates and deletes look up for {@code number}. */
  protected long lookedUp(long number) {
    return number;
  }

  /** Whether an update or delete from {@code expected} may go ahead. */
  protected boolean versionMatches(Entry entry, long expected) {
    return entry.incident.version() == expected;
  }

  /** The version after {@code version}. */
  protected long nextVersion(long version) {
    return version + 1;
  }

  /** Whether a delete keeps the incident's idempotency key recorded. */
  protected boolean keysOutliveDeletes() {
    return true;
  }

  /** Whether an update keeps the incident in the index. */
  protected boolean indexesUpdates() {
    return true;
  }

  /** The filter the store really applies. */
  protected FacetFilter applied(FacetFilter filter) {
    return filter;
  }

  // ---- the SPI ----

  @Override
  public CreateResult create(NewIncident incident) {
    synchronized (state) {
      checkOpen();
      Tenant tenant = state.tenants.computeIfAbsent(incident.tenant(), t -> new Tenant());
      String key = incident.idempotencyKey();
      if (key != null) {
        Keyed keyed = tenant.keys.get(storedKey(key));
        if (keyed != null) {
          Entry entry = tenant.incidents.get(keyed.number());
          return entry.deleted ? new CreateResult.ReplayedDeleted(keyed.number(), keyed.fingerprint())
              : new CreateResult.Replayed(entry.incident, keyed.fingerprint());
        }
      }
      long number = nextNumber(tenant);
      RenderedIncident rendered = incident.render(number);
      StoredIncident stored = new StoredIncident(incident.tenant(), number, 1, rendered.document());
      tenant.incidents.put(number, new Entry(stored, rendered.facets()));
      if (key != null) {
        tenant.keys.put(storedKey(key), new Keyed(number, storedFingerprint(incident.fingerprint())));
      }
      appendEvent(incident.tenant(), rendered.event());
      return new CreateResult.Created(stored);
    }
  }

  protected @Nullable Entry live(String tenant, long number) {
    Tenant t = state.tenants.get(tenant);
    Entry entry = t == null ? null : t.incidents.get(lookedUp(number));
    return entry == null || entry.deleted ? null : entry;
  }

  @Override
  public UpdateResult update(IncidentUpdate update) {
    synchronized (state) {
      checkOpen();
      Entry entry = live(update.tenant(), update.number());
      if (entry == null) {
        return new UpdateResult.Missing();
      }
      if (!versionMatches(entry, update.expectedVersion())) {
        return new UpdateResult.Stale(entry.incident);
      }
      RenderedIncident rendered = update.rendered();
      entry.incident = new StoredIncident(update.tenant(), update.number(), nextVersion(entry.incident.version()),
          rendered.document());
      entry.facets = rendered.facets();
      entry.indexed = entry.indexed && indexesUpdates();
      appendEvent(update.tenant(), rendered.event());
      return new UpdateResult.Updated(entry.incident);
    }
  }

  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    synchronized (state) {
      checkOpen();
      Entry entry = live(deletion.tenant(), deletion.number());
      if (entry == null) {
        return new DeleteResult.Missing();
      }
      if (!versionMatches(entry, deletion.expectedVersion())) {
        return new DeleteResult.Stale(entry.incident);
      }
      entry.deleted = true;
      if (!keysOutliveDeletes()) {
        state.tenants.get(deletion.tenant()).keys.values().removeIf(k -> k.number() == deletion.number());
      }
      appendEvent(deletion.tenant(), deletion.event());
      return new DeleteResult.Deleted();
    }
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    synchronized (state) {
      checkOpen();
      Entry entry = live(tenant, number);
      return entry == null ? Optional.empty() : Optional.of(entry.incident);
    }
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    synchronized (state) {
      checkOpen();
      Tenant t = state.tenants.get(tenant);
      if (t == null) {
        return List.of();
      }
      FacetFilter filter = applied(query.filter());
      NavigableMap<Long, Entry> beyond = query.order() == ListQuery.Order.NEWEST_FIRST
          ? t.incidents.headMap(query.boundary(), false).descendingMap() : t.incidents.tailMap(query.boundary(), false);
      List<StoredIncident> page = new ArrayList<>();
      for (Entry entry : beyond.values()) {
        if (page.size() == query.limit()) {
          break;
        }
        if (!entry.deleted && (filter.isEmpty() || entry.indexed && filter.matches(entry.facets))) {
          page.add(entry.incident);
        }
      }
      return page;
    }
  }

  @Override
  public List<StoredIncident> unindexed(int limit) {
    synchronized (state) {
      checkOpen();
      return List.of();
    }
  }

  @Override
  public void index(String tenant, long number, long version, IncidentFacets facets) {
    synchronized (state) {
      checkOpen();
    }
  }

  /** Appends an event, if there is one, with the next sequence. Call with the state's lock held. */
  protected void appendEvent(String tenant, byte @Nullable [] payload) {
    if (payload != null) {
      long sequence = ++state.lastSequence;
      state.events.put(sequence, new StoredEvent(sequence, storedEventTenant(tenant), payload));
    }
  }

  /**
   * The highest sequence {@link #events} and {@link #lastEventSequence} show: every event stored, unless a
   * broken store holds some back. Called with the state's lock held.
   */
  protected long visibleThrough() {
    return state.events.isEmpty() ? state.lastSequence : Math.max(state.lastSequence, state.events.lastKey());
  }

  /**
   * The sequence of the {@code count}th event stored after {@code afterSequence}, or of the last one if there
   * are fewer ({@code afterSequence} if none). Call with the state's lock held.
   */
  protected long sequenceAfter(long afterSequence, int count) {
    long sequence = afterSequence;
    int taken = 0;
    for (long stored : state.events.tailMap(afterSequence, false).keySet()) {
      sequence = stored;
      if (++taken == count) {
        break;
      }
    }
    return sequence;
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    synchronized (state) {
      checkOpen();
      List<StoredEvent> page = new ArrayList<>();
      long through = Math.max(afterSequence, visibleThrough());
      for (StoredEvent event : state.events.subMap(afterSequence, false, through, true).values()) {
        if (page.size() == limit) {
          break;
        }
        page.add(event);
        state.handedOut = Math.max(state.handedOut, event.sequence());
      }
      state.notifyAll();
      return page;
    }
  }

  @Override
  public long lastEventSequence() {
    synchronized (state) {
      checkOpen();
      return visibleThrough();
    }
  }

  @Override
  public long pruneEvents(long throughSequence) {
    synchronized (state) {
      checkOpen();
      NavigableMap<Long, StoredEvent> head = state.events.headMap(throughSequence, true);
      long removed = head.size();
      head.clear();
      return removed;
    }
  }

  @Override
  public Optional<byte[]> record(String namespace, String key) {
    synchronized (state) {
      checkOpen();
      TreeMap<String, byte[]> ns = state.records.get(namespace);
      return ns == null ? Optional.empty() : Optional.ofNullable(ns.get(key));
    }
  }

  @Override
  public void putRecord(String namespace, String key, byte[] value) {
    synchronized (state) {
      checkOpen();
      state.records.computeIfAbsent(namespace, n -> new TreeMap<>()).put(key, value);
    }
  }

  @Override
  public boolean removeRecord(String namespace, String key) {
    synchronized (state) {
      checkOpen();
      TreeMap<String, byte[]> ns = state.records.get(namespace);
      return ns != null && ns.remove(key) != null;
    }
  }

  @Override
  public List<StoredRecord> records(String namespace, String afterKey, int limit) {
    synchronized (state) {
      checkOpen();
      TreeMap<String, byte[]> ns = state.records.get(namespace);
      List<StoredRecord> page = new ArrayList<>();
      if (ns != null) {
        for (Map.Entry<String, byte[]> e : ns.tailMap(afterKey, false).entrySet()) {
          if (page.size() == limit) {
            break;
          }
          page.add(new StoredRecord(e.getKey(), e.getValue()));
        }
      }
      return page;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  protected void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
  }
}
