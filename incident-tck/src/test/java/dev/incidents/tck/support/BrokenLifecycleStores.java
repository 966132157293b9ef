package dev.incidents.tck.support;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import dev.incidents.testing.Renderings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stores with one deliberate defect each in what updates, deletes, filters, events and records promise, built
 * on {@link SimpleStore}: each must make the kit fail with the rule that names the defect.
 */
public final class BrokenLifecycleStores {

  private BrokenLifecycleStores() {}

  /**
   * Never compares versions: the last writer wins, so concurrent updates overwrite each other. On the kit's
   * worker threads a read waits, up to a second, for a second thread to read the same version of the same
   * incident, so that updates through the service that start together read one version every time (as
   * {@code RacyIdempotency} makes its race certain).
   */
  public static final class LostUpdate extends SimpleStore {
    private final java.util.Map<String, java.util.concurrent.CountDownLatch> readers =
        new java.util.concurrent.ConcurrentHashMap<>();

    public LostUpdate() {}

    @Override
    protected boolean versionMatches(Entry entry, long expected) {
      return true;
    }

    @Override
    public Optional<dev.incidents.spi.StoredIncident> get(String tenant, long number) {
      Optional<dev.incidents.spi.StoredIncident> found = super.get(tenant, number);
      if (found.isPresent() && Thread.currentThread().getName().startsWith("incidents-tck-")) {
        java.util.concurrent.CountDownLatch two = readers.computeIfAbsent(
            tenant + "#" + number + "@" + found.get().version(), k -> new java.util.concurrent.CountDownLatch(2));
        two.countDown();
        try {
          two.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return found;
    }
  }

  /** Adds two to the version with every update. */
  public static final class VersionSkips extends SimpleStore {
    public VersionSkips() {}

    @Override
    protected long nextVersion(long version) {
      return version + 2;
    }
  }

  /** Derives the next number from the highest incident not deleted, as {@code SELECT MAX(number) + 1} would. */
  public static final class NumbersFromHighestLiveIncident extends SimpleStore {
    public NumbersFromHighestLiveIncident() {}

    @Override
    protected long nextNumber(Tenant tenant) {
      long highest = 0;
      for (var e : tenant.incidents.entrySet()) {
        if (!e.getValue().deleted) {
          highest = e.getKey();
        }
      }
      // Overwrites the deleted incident that had the number, as an upsert would.
      tenant.lastNumber = highest + 1;
      tenant.incidents.remove(tenant.lastNumber);
      return tenant.lastNumber;
    }
  }

  /** Removes the idempotency key with the incident it created, so the key creates again. */
  public static final class DeletedKeyCreatesAgain extends SimpleStore {
    public DeletedKeyCreatesAgain() {}

    @Override
    protected boolean keysOutliveDeletes() {
      return false;
    }
  }

  /** Keeps deletes in memory only: reopening brings deleted incidents back. */
  public static final class ResurrectsDeletesOnReopen extends SimpleStore {
    public ResurrectsDeletesOnReopen() {}

    @Override
    protected void onReopen(State state) {
      state.tenants.values().forEach(t -> t.incidents.values().forEach(e -> e.deleted = false));
    }
  }

  /** Keeps records in memory only: reopening loses consumer positions. */
  public static final class LosesRecordsOnReopen extends SimpleStore {
    public LosesRecordsOnReopen() {}

    @Override
    protected void onReopen(State state) {
      state.records.clear();
    }
  }

  /** Ignores the subtype condition of every filter (an index the query planner forgot). */
  public static final class IgnoresTheSubtypeFilter extends SimpleStore {
    public IgnoresTheSubtypeFilter() {}

    @Override
    protected FacetFilter applied(FacetFilter f) {
      return new FacetFilter(f.severity(), f.reportedBy(), f.stage(), f.state(), f.ownedBy(), f.appliesToParts(),
          f.createdBy(), java.util.Set.of(), f.createdDate(), f.modifiedDate(), f.actualCloseDate(), f.targetCloseDate());
    }
  }

  /** Drops an incident's index entries when it is updated: filtered lists no longer find it. */
  public static final class LosesIndexEntryOnUpdate extends SimpleStore {
    public LosesIndexEntryOnUpdate() {}

    @Override
    protected boolean indexesUpdates() {
      return false;
    }
  }

  /**
   * An index whose buckets hold 256 postings of a value and then only append: an update that moves an old
   * incident into a value that crowded is lost from the value's filtered lists (as an insert into a full block
   * that neither splits nor grows would be).
   */
  public static final class LosesInsertsIntoFullBuckets extends SimpleStore {
    static final int BUCKET = 256;

    public LosesInsertsIntoFullBuckets() {}

    @Override
    public UpdateResult update(IncidentUpdate update) {
      synchronized (state) {
        UpdateResult result = super.update(update);
        Tenant tenant = state.tenants.get(update.tenant());
        if (result instanceof UpdateResult.Updated && tenant != null && tenant.incidents.size() > BUCKET
            && update.number() < tenant.lastNumber) {
          tenant.incidents.get(update.number()).indexed = false;
        }
        return result;
      }
    }
  }

  /**
   * Keeps each subtype's postings as distances from the previous number, each in one byte as a variable-length
   * integer that never sets its continuation bit: after a distance of 128 or more, the value's numbers read back
   * wrong, and its filtered lists miss incidents.
   */
  public static final class SubtypeDistancesInSevenBits extends SimpleStore {
    public SubtypeDistancesInSevenBits() {}

    @Override
    public List<StoredIncident> list(String tenant, ListQuery query) {
      List<StoredIncident> page = super.list(tenant, query);
      if (query.filter().subtype().isEmpty()) {
        return page;
      }
      synchronized (state) {
        Tenant t = state.tenants.get(tenant);
        Set<Long> readBack = new HashSet<>();
        for (String subtype : query.filter().subtype()) {
          long previous = 0;
          long decoded = 0;
          for (Entry entry : t == null ? List.<Entry>of() : t.incidents.values()) {
            if (!entry.deleted && entry.indexed && subtype.equals(entry.facets.subtype())) {
              decoded += (entry.incident.number() - previous) & 0x7f;
              previous = entry.incident.number();
              readBack.add(decoded);
            }
          }
        }
        return page.stream().filter(incident -> readBack.contains(incident.number())).toList();
      }
    }
  }

  /**
   * Records the sequence it was last asked to prune through (not the highest), and reads events one sequence
   * after another from there, as a store whose sequences are contiguous above its prune mark: after a prune
   * through a lower sequence it reads into events already removed, and stops.
   */
  public static final class PrunesBackwards extends SimpleStore {
    private static final String MARK = "pruned through";

    public PrunesBackwards() {}

    @Override
    public long pruneEvents(long throughSequence) {
      synchronized (state) {
        long removed = super.pruneEvents(throughSequence);
        state.extra.put(MARK, throughSequence);
        return removed;
      }
    }

    @Override
    public List<StoredEvent> events(long afterSequence, int limit) {
      synchronized (state) {
        long from = Math.max(afterSequence, (Long) state.extra.getOrDefault(MARK, 0L));
        List<StoredEvent> contiguous = new ArrayList<>();
        for (StoredEvent event : super.events(from, limit)) {
          if (event.sequence() != from + 1 + contiguous.size()) {
            break;
          }
          contiguous.add(event);
        }
        return contiguous;
      }
    }
  }

  /** Prunes at most a thousand events per call, as one step of a store that prunes in steps, and stops there. */
  public static final class PrunesOneStep extends SimpleStore {
    public PrunesOneStep() {}

    @Override
    public long pruneEvents(long throughSequence) {
      synchronized (state) {
        return super.pruneEvents(Math.min(throughSequence, sequenceAfter(0, 1_000)));
      }
    }
  }

  private static IncidentUpdate withoutEvent(IncidentUpdate u) {
    RenderedIncident r = u.rendered();
    return new IncidentUpdate(u.tenant(), u.number(), u.expectedVersion(), new RenderedIncident(r.document(), r.facets(), null));
  }

  /**
   * Writes the event of an update or delete before, and apart from, the change (an outbox row inserted in its
   * own transaction): a stale or missing write leaves its event behind.
   */
  public static final class EventOutsideTheUnit extends SimpleStore {
    public EventOutsideTheUnit() {}

    @Override
    public UpdateResult update(IncidentUpdate update) {
      synchronized (state) {
        checkOpen();
        appendEvent(update.tenant(), update.rendered().event());
      }
      return super.update(withoutEvent(update));
    }

    @Override
    public DeleteResult delete(IncidentDeletion deletion) {
      synchronized (state) {
        checkOpen();
        appendEvent(deletion.tenant(), deletion.event());
      }
      return super.delete(new IncidentDeletion(deletion.tenant(), deletion.number(), deletion.expectedVersion(), null));
    }
  }

  /** Drops the events of deletes: a change without its event. */
  public static final class DropsDeleteEvents extends SimpleStore {
    public DropsDeleteEvents() {}

    @Override
    public DeleteResult delete(IncidentDeletion deletion) {
      return super.delete(new IncidentDeletion(deletion.tenant(), deletion.number(), deletion.expectedVersion(), null));
    }
  }

  /** Waits, up to {@code millis}, until {@code events} has handed out a sequence of at least {@code sequence}. */
  private static void awaitHandedOut(SimpleStore store, long sequence, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (store.state) {
      while (store.state.handedOut < sequence) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        try {
          store.state.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Publishes an update's event before the change, and (to make the window show every time) waits until a
   * consumer has read it before it stores the change. Run only tck922 against it: without a consumer every
   * update waits a second.
   */
  public static final class EventVisibleBeforeItsChange extends SimpleStore {
    public EventVisibleBeforeItsChange() {}

    @Override
    public UpdateResult update(IncidentUpdate update) {
      long sequence;
      synchronized (state) {
        checkOpen();
        appendEvent(update.tenant(), update.rendered().event());
        sequence = state.lastSequence;
      }
      awaitHandedOut(this, sequence, 1000);
      try {
        // A moment more, so that the consumer looks for the change before it is there.
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.update(withoutEvent(update));
    }
  }

  /**
   * Gives an update's event its sequence when the update begins and publishes it at commit, without holding
   * back later events: an update current when it begins whose sequence is a multiple of three commits behind an
   * event a consumer has already read (made certain by waiting, up to a second, for a higher sequence to be
   * handed out first). Run only tck922 against it.
   */
  public static final class SequencesBeforeCommit extends SimpleStore {
    public SequencesBeforeCommit() {}

    @Override
    public UpdateResult update(IncidentUpdate update) {
      byte[] payload = update.rendered().event();
      if (payload == null) {
        return super.update(update);
      }
      long sequence;
      boolean willCommit;
      synchronized (state) {
        checkOpen();
        sequence = ++state.lastSequence;
        Entry entry = live(update.tenant(), update.number());
        willCommit = entry != null && versionMatches(entry, update.expectedVersion());
      }
      // Only an update that is current when it begins is held back: one already stale drops its event, and an
      // incident no other thread writes (tck922's writers own most of theirs) is sure to commit after the wait.
      if (sequence % 3 == 0 && willCommit) {
        awaitHandedOut(this, sequence + 1, 1000);
      }
      synchronized (state) {
        UpdateResult result = super.update(withoutEvent(update));
        if (result instanceof UpdateResult.Updated) {
          state.events.put(sequence, new StoredEvent(sequence, update.tenant(), payload));
        }
        return result;
      }
    }
  }

  /**
   * Answers {@code lastEventSequence} from the events reads have handed out, as a store that numbers pending
   * events only when they are read would: right after writes, it lags behind what is stored.
   */
  public static final class LastSequenceLagsBehindWrites extends SimpleStore {
    public LastSequenceLagsBehindWrites() {}

    @Override
    public long lastEventSequence() {
      synchronized (state) {
        checkOpen();
        return state.handedOut;
      }
    }
  }

  /**
   * Numbers pending events lazily, as a store that gives sequences when events are read does, but at most a
   * chunk of them per call of {@code events} or {@code lastEventSequence}, and answers with the last one
   * numbered: a backlog of more than a chunk is counted only in part.
   */
  public static final class NumbersEventsAChunkAtATime extends SimpleStore {
    private static final int CHUNK = 1_000;
    /** Events up to this sequence are numbered; the ones above wait for a later call. */
    private long numbered;

    public NumbersEventsAChunkAtATime() {}

    /** Each read of events, and each question for the last sequence, numbers one more chunk. */
    @Override
    protected long visibleThrough() {
      numbered = state.events.tailMap(numbered, false).size() >= CHUNK ? sequenceAfter(numbered, CHUNK)
          : Math.max(numbered, super.visibleThrough());
      return numbered;
    }
  }

  /** Computes the next event sequence from the highest event kept, so pruning everything reuses sequences. */
  public static final class PruneReusesSequences extends SimpleStore {
    public PruneReusesSequences() {}

    @Override
    public long pruneEvents(long throughSequence) {
      synchronized (state) {
        long removed = super.pruneEvents(throughSequence);
        state.lastSequence = state.events.isEmpty() ? 0 : state.events.lastKey();
        return removed;
      }
    }
  }

  /** Wraps whatever the renderer throws in its own ServiceUnavailableException. */
  public static final class WrapsRendererExceptions extends SimpleStore {
    public WrapsRendererExceptions() {}

    @Override
    public CreateResult create(NewIncident incident) {
      try {
        return super.create(incident);
      } catch (ServiceUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ServiceUnavailableException.of("the create failed: " + e, e);
      }
    }
  }

  /** Renders before it looks the key up, and throws the rendering away on a replay. */
  public static final class RendersReplays extends SimpleStore {
    public RendersReplays() {}

    @Override
    public CreateResult create(NewIncident incident) {
      RenderedIncident[] rendered = new RenderedIncident[1];
      long number;
      synchronized (state) {
        Tenant tenant = state.tenants.get(incident.tenant());
        number = tenant == null ? 1 : tenant.lastNumber + 1;
      }
      rendered[0] = incident.render(number);
      return super.create(new NewIncident(incident.tenant(), incident.idempotencyKey(), incident.fingerprint(),
          n -> n == number ? rendered[0] : incident.render(n)));
    }
  }

  /** Calls the renderer itself instead of through NewIncident.render, and stores an empty document for null. */
  public static final class StoresNullRenderings extends SimpleStore {
    public StoresNullRenderings() {}

    @Override
    public CreateResult create(NewIncident incident) {
      return super.create(new NewIncident(incident.tenant(), incident.idempotencyKey(), incident.fingerprint(), n -> {
        RenderedIncident rendered = incident.renderer().render(n);
        return rendered == null ? Renderings.of("{}") : rendered;
      }));
    }
  }

  /** Keeps keys of at most 200 characters and record values of at most 60,000 bytes, as too short columns would. */
  public static final class ShortColumns extends SimpleStore {
    public ShortColumns() {}

    @Override
    public CreateResult create(NewIncident incident) {
      String key = incident.idempotencyKey();
      return super.create(key == null || key.length() <= 200 ? incident
          : new NewIncident(incident.tenant(), key.substring(0, 200), incident.fingerprint(), incident.renderer()));
    }

    @Override
    public void putRecord(String namespace, String key, byte[] value) {
      super.putRecord(namespace, key, value.length <= 60_000 ? value : java.util.Arrays.copyOf(value, 60_000));
    }
  }

  /** Compares record keys ignoring case, as a MariaDB column with the default collation does. */
  public static final class RecordKeysIgnoreCase extends SimpleStore {
    public RecordKeysIgnoreCase() {}

    private static String folded(String key) {
      return key.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Optional<byte[]> record(String namespace, String key) {
      return super.record(namespace, folded(key));
    }

    @Override
    public void putRecord(String namespace, String key, byte[] value) {
      super.putRecord(namespace, folded(key), value);
    }

    @Override
    public boolean removeRecord(String namespace, String key) {
      return super.removeRecord(namespace, folded(key));
    }
  }
}
