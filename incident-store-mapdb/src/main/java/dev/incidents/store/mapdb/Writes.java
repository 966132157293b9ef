package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.unavailable;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.store.mapdb.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.mapdb.Fun;

/**
 * The writer's side of one group: every change the jobs make goes through here, which keeps the collections
 * consistent with each other (document, version, facets, postings, tombstone, key, event) and keeps the
 * committed state of whatever it changes in the {@link Overlay} first. Writer thread only; reused from group
 * to group.
 *
 * <p>The writer reads its own uncommitted changes, so a job sees what earlier jobs of its group did: a key
 * recorded earlier in the group replays, an update made from a version an earlier update replaced is stale.
 */
final class Writes {

  /** A record of the store that cannot be read: the job that needs it fails, the group goes on. */
  static final class DamagedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ServiceUnavailableException failure;

    DamagedException(ServiceUnavailableException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }

    ServiceUnavailableException failure() {
      return failure;
    }
  }

  private final String where;
  private final Tenants tenants;
  private final Overlay overlay;
  private final Unindexed unindexed;
  /** The group's posting changes, written block by block at its end. */
  private final PostingBlocks postings = new PostingBlocks();
  private Database db;

  /** The last event sequence given out: the writer's, ahead of the published one while a group is open. */
  private long lastEvent;
  private boolean eventsWritten;
  /** Events are pruned through this sequence (the writer's view). */
  private long prunedThrough;
  /**
   * Events up to this sequence are being pruned or are pruned: readers skip them at once, since their
   * records may be freed and reused before the prune commits (and every consumer has seen them).
   */
  private volatile long pruning;
  private boolean pruned;
  /** Whether the group changed anything, so that it needs a commit. */
  private boolean changed;
  /** Tenants whose counter moved in this group. */
  final List<Tenant> dirty = new ArrayList<>();
  /** Tenants whose incidents are all indexed as of this group. */
  final List<String> forgotten = new ArrayList<>();

  Writes(String where, Database db, Tenants tenants, Overlay overlay, Unindexed unindexed) {
    this.where = where;
    this.tenants = tenants;
    this.overlay = overlay;
    this.unindexed = unindexed;
    reset(db);
  }

  /** Starts from the committed state of {@code db}: after opening, and after recovering from a failure. */
  void reset(Database database) {
    this.db = database;
    this.lastEvent = database.eventsLast.get();
    this.prunedThrough = database.eventsPruned.get();
    this.pruning = prunedThrough;
    this.eventsWritten = false;
    this.pruned = false;
    this.changed = false;
    this.forgotten.clear();
    postings.clear();
    tenants.resetTo(database, dirty);
    unindexed.resetTo(database);
  }

  long lastEvent() {
    return lastEvent;
  }

  long prunedThrough() {
    return prunedThrough;
  }

  /** See {@link #pruning}; any thread. */
  long pruning() {
    return pruning;
  }

  /** Whether the group changed anything: a group of replays, stale updates and reads commits nothing. */
  boolean changed() {
    return changed;
  }

  /**
   * Writes what the group changed in memory (posting blocks, counters, the event sequence) and the mark of
   * commit number {@code commit}, which tells after a failure whether the commit became durable; the commit
   * follows.
   */
  void end(long commit) {
    postings.writeTo(db.postings);
    db.commits.set(commit);
    for (Tenant t : dirty) {
      db.counters.put(t.name, t.next);
    }
    if (eventsWritten) {
      db.eventsLast.set(lastEvent);
    }
    if (pruned) {
      db.eventsPruned.set(prunedThrough);
    }
  }

  /** After the commit is published: what was written is now the committed state. */
  void committed() {
    for (Tenant t : dirty) {
      t.dirty = false;
    }
    dirty.clear();
    forgotten.clear();
    postings.clear();
    eventsWritten = false;
    pruned = false;
    changed = false;
  }

  // Incidents

  /** The incident as the writer sees it, or {@code null} if there is none (never created, or deleted). */
  @Nullable IncidentState current(String tenant, long number) throws DamagedException {
    Fun.Tuple2<String, Long> key = Fun.t2(tenant, number);
    byte[] document = db.documents.get(key);
    if (document == null) {
      return null;
    }
    Long version = db.versions.get(key);
    byte[] facets = db.facets.get(key);
    try {
      return new IncidentState(document, version == null ? 1 : version, facets == null ? null : FacetRecord.decode(facets));
    } catch (IllegalArgumentException e) {
      throw damaged("the facets of incident " + number + " of tenant '" + tenant + "' are unusable: " + e.getMessage(), e);
    }
  }

  /**
   * What a create with a recorded key returns instead of creating: the incident the key created, or that
   * it was deleted; {@code null} if the key is not recorded.
   */
  @Nullable CreateResult replay(String tenant, String key) throws DamagedException {
    byte[] recorded = db.keys.get(Fun.t2(tenant, key));
    if (recorded == null) {
      return null;
    }
    try {
      KeyRecord record = KeyRecord.decode(recorded);
      Fun.Tuple2<String, Long> incident = Fun.t2(tenant, record.number());
      byte[] document = db.documents.get(incident);
      if (document != null) {
        Long version = db.versions.get(incident);
        return new CreateResult.Replayed(
            new StoredIncident(tenant, record.number(), version == null ? 1 : version, document), record.fingerprint());
      }
      if (db.deleted.contains(incident)) {
        return new CreateResult.ReplayedDeleted(record.number(), record.fingerprint());
      }
      throw new IllegalArgumentException("it names incident " + record.number()
          + ", which is missing and was never deleted");
    } catch (IllegalArgumentException e) {
      throw damaged("the record of idempotency key '" + key + "' of tenant '" + tenant + "' is unusable: "
          + e.getMessage(), e);
    }
  }

  /** Allocates the tenant's next number; spent even if the create fails. */
  long allocate(String tenant) {
    Tenant t = tenants.forWriter(tenant);
    if (!t.dirty) {
      t.dirty = true;
      dirty.add(t);
    }
    changed = true;
    return ++t.next;
  }

  /** Stores a new incident (version 1) under {@code number}, its key, facets and event. */
  StoredIncident insert(NewIncident incident, long number, RenderedIncident rendered) {
    String tenant = incident.tenant();
    Fun.Tuple2<String, Long> key = Fun.t2(tenant, number);
    db.documents.put(key, rendered.document());
    db.facets.put(key, FacetRecord.encode(rendered.facets()));
    for (String term : FacetRecord.terms(rendered.facets())) {
      postings.add(tenant, term, number);
    }
    if (incident.idempotencyKey() != null) {
      db.keys.put(Fun.t2(tenant, incident.idempotencyKey()),
          new KeyRecord(number, Objects.requireNonNull(incident.fingerprint(), "a keyed create has a fingerprint"))
              .encode());
    }
    event(tenant, rendered.event());
    return new StoredIncident(tenant, number, 1, rendered.document());
  }

  /** Replaces an incident's document and facets, one version up, with its event. */
  StoredIncident replace(String tenant, long number, IncidentState current, RenderedIncident rendered) {
    overlay.keepIncident(tenant, number, current);
    changed = true;
    Fun.Tuple2<String, Long> key = Fun.t2(tenant, number);
    Set<String> before = current.facets() == null ? Set.of() : FacetRecord.terms(current.facets());
    Set<String> after = FacetRecord.terms(rendered.facets());
    for (String term : after) {
      if (!before.contains(term)) {
        postings.add(tenant, term, number);
      }
    }
    for (String term : before) {
      if (!after.contains(term)) {
        postings.remove(tenant, term, number);
      }
    }
    long oldFacets = ValueRecords.recordOf(db.facets, key);
    long oldDocument = ValueRecords.recordOf(db.documents, key);
    db.facets.put(key, FacetRecord.encode(rendered.facets()));
    db.documents.put(key, rendered.document());
    ValueRecords.free(db.db.getEngine(), oldFacets);
    ValueRecords.free(db.db.getEngine(), oldDocument);
    long version = current.version() + 1;
    db.versions.put(key, version);
    event(tenant, rendered.event());
    return new StoredIncident(tenant, number, version, rendered.document());
  }

  /** Removes an incident, leaving a tombstone for its key (the key record and the counter stay). */
  void remove(String tenant, long number, IncidentState current, byte @Nullable [] event) {
    overlay.keepIncident(tenant, number, current);
    changed = true;
    Fun.Tuple2<String, Long> key = Fun.t2(tenant, number);
    long oldFacets = ValueRecords.recordOf(db.facets, key);
    long oldDocument = ValueRecords.recordOf(db.documents, key);
    if (current.facets() != null) {
      for (String term : FacetRecord.terms(current.facets())) {
        postings.remove(tenant, term, number);
      }
      db.facets.remove(key);
    }
    db.documents.remove(key);
    // The document's bytes go with it: a deleted incident is not kept (docs/CONTRACT.md clause 14.13.5).
    ValueRecords.free(db.db.getEngine(), oldFacets);
    ValueRecords.free(db.db.getEngine(), oldDocument);
    db.versions.remove(key);
    db.deleted.add(key);
    event(tenant, event);
  }

  /** Stores the facets of an incident that had none. */
  void index(String tenant, long number, IncidentState current, IncidentFacets facets) {
    overlay.keepIncident(tenant, number, current);
    changed = true;
    db.facets.put(Fun.t2(tenant, number), FacetRecord.encode(facets));
    for (String term : FacetRecord.terms(facets)) {
      postings.add(tenant, term, number);
    }
  }

  /** Drops the bound of the tenant's incidents without facets: none is left. */
  void forgetUnindexed(String tenant) {
    if (db.unindexed.remove(tenant) != null) {
      forgotten.add(tenant);
      changed = true;
    }
  }

  private void event(String tenant, byte @Nullable [] payload) {
    if (payload != null) {
      db.events.put(++lastEvent, EventRecord.encode(tenant, payload));
      eventsWritten = true;
    }
  }

  // Events and records

  /** Removes up to {@code max} events numbered up to {@code through}, lowest first; how many it removed. */
  int pruneEvents(long through, int max) {
    if (through <= prunedThrough) {
      return 0;
    }
    List<Long> doomed = new ArrayList<>(Math.min(max, 1024));
    for (Long sequence : db.events.subMap(prunedThrough, false, through, true).keySet()) {
      if (doomed.size() == max) {
        break;
      }
      doomed.add(sequence);
    }
    pruning = through;
    for (Long sequence : doomed) {
      long record = ValueRecords.recordOf(db.events, sequence);
      db.events.remove(sequence);
      ValueRecords.free(db.db.getEngine(), record);
    }
    prunedThrough = doomed.size() < max ? through : doomed.get(doomed.size() - 1);
    pruned = true;
    changed = true;
    return doomed.size();
  }

  /** Puts a record's value, or removes it for {@code null}; whether it had a value. */
  boolean putRecord(String namespace, String key, byte @Nullable [] value) {
    Fun.Tuple2<String, String> entry = Fun.t2(namespace, key);
    byte[] old = db.records.get(entry);
    if (value == null && old == null) {
      return false;
    }
    overlay.keepRecord(namespace, key, old);
    changed = true;
    long record = ValueRecords.recordOf(db.records, entry);
    if (value == null) {
      db.records.remove(entry);
    } else {
      db.records.put(entry, value);
    }
    ValueRecords.free(db.db.getEngine(), record);
    return old != null;
  }

  private DamagedException damaged(String detail, Exception cause) {
    return new DamagedException(unavailable("the MapDB store " + where + " is damaged: " + detail, cause));
  }
}
