package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.rethrowIfFatal;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.StoredRecord;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.mapdb.Fun;

/**
 * The committed state of the store, as one read sees it ({@link GroupWriter#read}): the maps as they are,
 * with what the writer has not committed yet hidden. Every read of an incident or record reads the maps
 * first and the {@link Overlay} last, and takes the overlay's committed state whole when it has one.
 *
 * <p><b>Pages</b> are read forwards only: MapDB's B-link tree is safe to walk forwards while the writer splits
 * leaves, but its descending iteration is not (it looks each next key up again, and a leaf that split
 * meanwhile hides the keys that moved right: the TCK's paging rule, tck504, caught a page that skipped the
 * newest committed incident). So a page is assembled from windows of numbers next to the boundary, each
 * read forwards and then taken in the page's order; a window twice as wide follows until the page is full
 * or the tenant's range is covered. Within a window, the candidates come from the filter's narrowest
 * condition there: for each equality facet the filter constrains, the postings of its wanted values in the
 * window (the blocks that overlap it, see {@link PostingBlocks}), and the facet with the fewest wins; every
 * candidate is then checked against the whole filter on its stored facets. A page of a selective filter thus reads about the postings and facets of
 * what it returns, whatever the size of the tenant. A filter on dates only, or none, walks the documents'
 * keys instead.
 */
final class View {

  private final Database db;
  private final Tenants tenants;
  private final Overlay overlay;
  private final Unindexed unindexed;
  private final long lastEvent;
  private final long prunedThrough;
  private final LongSupplier pruning;

  View(Database db, Tenants tenants, Overlay overlay, Unindexed unindexed, long lastEvent, long prunedThrough,
      LongSupplier pruning) {
    this.db = db;
    this.tenants = tenants;
    this.overlay = overlay;
    this.unindexed = unindexed;
    this.lastEvent = lastEvent;
    this.prunedThrough = prunedThrough;
    this.pruning = pruning;
  }

  // Incidents

  /** The committed incident, or {@code null}. */
  @Nullable StoredIncident get(String tenant, long number) {
    if (number < 1 || number > tenants.committed(tenant)) {
      return null;
    }
    return document(tenant, number, FacetFilter.NONE);
  }

  /**
   * The committed incident if {@code filter} accepts it. Reads its facets first (unless the filter is empty),
   * then its document, and the overlay after each.
   */
  private @Nullable StoredIncident candidate(String tenant, long number, FacetFilter filter) {
    if (!filter.isEmpty()) {
      byte[] facets = outsideNode(() -> db.facets.get(Fun.t2(tenant, number)),
          () -> overlay.incident(tenant, number) != null);
      IncidentState committed = overlay.incident(tenant, number);
      if (committed != null) {
        return committed.matches(filter) ? committed.stored(tenant, number) : null;
      }
      if (facets == null || !filter.matches(FacetRecord.decode(facets))) {
        return null;
      }
    }
    return document(tenant, number, filter);
  }

  /** The committed document and version; if the overlay holds the incident, as it holds it, filter checked. */
  private @Nullable StoredIncident document(String tenant, long number, FacetFilter filter) {
    Fun.Tuple2<String, Long> key = Fun.t2(tenant, number);
    byte[] document = outsideNode(() -> db.documents.get(key), () -> overlay.incident(tenant, number) != null);
    Long version = document == null ? null : db.versions.get(key);
    IncidentState committed = overlay.incident(tenant, number);
    if (committed != null) {
      return committed.matches(filter) ? committed.stored(tenant, number) : null;
    }
    return document == null ? null : new StoredIncident(tenant, number, version == null ? 1 : version, document);
  }

  /** The page {@code query} asks for. */
  List<StoredIncident> page(String tenant, ListQuery query) {
    long highest = tenants.committed(tenant);
    boolean newestFirst = query.order() == ListQuery.Order.NEWEST_FIRST;
    long boundary = query.boundary();
    if (newestFirst ? boundary <= 1 : boundary >= highest) {
      return List.of();
    }
    // The numbers still to cover, inclusive: beyond the boundary, up to the committed high-water mark.
    long low = newestFirst ? 1 : Math.max(boundary, 0) + 1;
    long high = newestFirst ? Math.min(boundary - 1, highest) : highest;
    final long first = low;
    final long last = high;
    FacetFilter filter = query.filter();
    List<List<String>> conditions = FacetRecord.conditions(filter);
    int limit = query.limit();
    List<StoredIncident> page = new ArrayList<>(Math.min(limit, 64));
    Set<Long> seen = new HashSet<>();
    Window window = new Window(limit);
    while (page.size() < limit && low <= high) {
      long width = window.next(high - low + 1);
      long from = newestFirst ? high - width + 1 : low;
      long to = newestFirst ? high : low + width - 1;
      List<Long> candidates = window.candidates(tenant, conditions, from, to);
      for (int i = 0; i < candidates.size() && page.size() < limit; i++) {
        long number = candidates.get(newestFirst ? candidates.size() - 1 - i : i);
        seen.add(number);
        StoredIncident incident = candidate(tenant, number, filter);
        if (incident != null) {
          page.add(incident);
        }
      }
      if (newestFirst) {
        high = from - 1;
      } else {
        low = to + 1;
      }
    }
    // An uncommitted deletion or change hides the incident's keys from the walk; bring back the committed
    // incidents the overlay holds within the range the page covers.
    boolean full = page.size() == limit;
    long coveredFrom = newestFirst && full ? page.get(page.size() - 1).number() : first;
    long coveredTo = !newestFirst && full ? page.get(page.size() - 1).number() : last;
    boolean added = false;
    for (Map.Entry<Fun.Tuple2<String, Long>, IncidentState> entry : overlay.incidents(tenant, coveredFrom, coveredTo)) {
      long number = entry.getKey().b;
      if (!seen.contains(number) && entry.getValue().matches(filter)) {
        page.add(entry.getValue().stored(tenant, number));
        added = true;
      }
    }
    if (added) {
      Comparator<StoredIncident> byNumber = Comparator.comparingLong(StoredIncident::number);
      page.sort(newestFirst ? byNumber.reversed() : byNumber);
      if (page.size() > limit) {
        page.subList(limit, page.size()).clear();
      }
    }
    return page;
  }

  /**
   * The windows of one page: their widths, doubling from the page's limit, and their candidates. Remembers
   * which condition was narrowest in the last window and tries it first in the next, so that the others can
   * stop reading as soon as they hold more.
   */
  private final class Window {
    private long width;
    private int narrowest;

    Window(int limit) {
      this.width = Math.max(limit, 16);
    }

    /** The width of the next window, at most {@code remaining}. */
    long next(long remaining) {
      long now = Math.min(width, remaining);
      width = width > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : width * 2;
      return now;
    }

    /** The numbers in {@code from..to} that may satisfy every condition, ascending. */
    List<Long> candidates(String tenant, List<List<String>> conditions, long from, long to) {
      if (conditions.isEmpty()) {
        List<Long> numbers = new ArrayList<>();
        // Keys only: documents live outside the tree's nodes.
        for (Fun.Tuple2<String, Long> key : db.documents.subMap(Fun.t2(tenant, from), true, Fun.t2(tenant, to), true)
            .keySet()) {
          numbers.add(key.b);
        }
        return numbers;
      }
      List<Long> best = null;
      int bestIndex = narrowest;
      for (int n = 0; n < conditions.size(); n++) {
        int index = (narrowest + n) % conditions.size();
        List<Long> numbers = postings(tenant, conditions.get(index), from, to,
            best == null ? Integer.MAX_VALUE : best.size());
        if (numbers != null) {
          best = numbers;
          bestIndex = index;
        }
      }
      narrowest = bestIndex;
      return best == null ? List.of() : best;
    }

    /**
     * The numbers in {@code from..to} posted under any of {@code terms}, ascending and distinct; {@code null}
     * as soon as there are {@code atMost} or more (another condition is as narrow).
     */
    private @Nullable List<Long> postings(String tenant, List<String> terms, long from, long to, int atMost) {
      List<Long> numbers = new ArrayList<>();
      for (String term : terms) {
        for (Map.Entry<Fun.Tuple3<String, String, Long>, byte[]> block : db.postings.subMap(
            Fun.t3(tenant, term, PostingBlocks.start(from)), true, Fun.t3(tenant, term, PostingBlocks.start(to)), true)
            .entrySet()) {
          long start = block.getKey().c;
          BitSet offsets = PostingBlocks.decode(block.getKey(), block.getValue());
          for (int i = offsets.nextSetBit((int) Math.max(from - start, 0)); i >= 0 && start + i <= to;
              i = offsets.nextSetBit(i + 1)) {
            if (numbers.size() >= atMost) {
              return null;
            }
            numbers.add(start + i);
          }
        }
      }
      if (terms.size() > 1) {
        numbers = numbers.stream().distinct().sorted().toList();
      }
      return numbers.size() >= atMost ? null : numbers;
    }
  }

  /**
   * Incidents without facets (stored by format version 1), by tenant, then number, at most {@code limit};
   * advances each tenant's {@link Unindexed.Bound#from} hint only through {@code advance}, which the caller
   * applies once the read is known to be consistent.
   */
  Unindexing unindexed(int limit) {
    List<StoredIncident> found = new ArrayList<>();
    List<Runnable> advance = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (Unindexed.Bound bound : unindexed.bounds()) {
      if (found.size() == limit) {
        break;
      }
      String tenant = bound.tenant;
      long from = bound.from;
      List<StoredIncident> tenantFound = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      boolean complete = true;
      for (Fun.Tuple2<String, Long> key : db.documents.subMap(Fun.t2(tenant, from), true, Fun.t2(tenant, bound.to), true)
          .keySet()) {
        if (found.size() + tenantFound.size() == limit) {
          complete = false;
          break;
        }
        long number = key.b;
        seen.add(number);
        boolean indexed = db.facets.containsKey(key);
        IncidentState committed = overlay.incident(tenant, number);
        if (committed != null) {
          if (committed.facets() == null) {
            tenantFound.add(committed.stored(tenant, number));
          }
        } else if (!indexed) {
          StoredIncident incident = document(tenant, number, FacetFilter.NONE);
          if (incident != null) {
            tenantFound.add(incident);
          }
        }
      }
      long coveredTo = complete ? bound.to
          : tenantFound.isEmpty() ? from - 1 : tenantFound.get(tenantFound.size() - 1).number();
      for (Map.Entry<Fun.Tuple2<String, Long>, IncidentState> entry : overlay.incidents(tenant, from, coveredTo)) {
        if (!seen.contains(entry.getKey().b) && entry.getValue().facets() == null) {
          tenantFound.add(entry.getValue().stored(tenant, entry.getKey().b));
        }
      }
      tenantFound.sort(Comparator.comparingLong(StoredIncident::number));
      if (tenantFound.isEmpty() && complete) {
        done.add(tenant);
      } else if (!tenantFound.isEmpty()) {
        long firstFound = tenantFound.get(0).number();
        advance.add(() -> bound.from = Math.max(bound.from, firstFound));
      }
      for (StoredIncident incident : tenantFound) {
        if (found.size() < limit) {
          found.add(incident);
        }
      }
    }
    return new Unindexing(found, advance, done);
  }

  /**
   * What {@link #unindexed} found: the incidents, the hints to advance, and the tenants found to have none
   * left (whose bound the store drops).
   */
  record Unindexing(List<StoredIncident> incidents, List<Runnable> advance, List<String> done) {}

  // Events

  /**
   * Events after {@code afterSequence}, up to the last published one. Events being pruned are skipped from
   * the moment the writer starts pruning them (their records may be freed and reused before the prune
   * commits): the bound is read again after each event's value.
   */
  List<StoredEvent> events(long afterSequence, int limit) {
    long after = Math.max(afterSequence, Math.max(prunedThrough, pruning.getAsLong()));
    if (after >= lastEvent) {
      return List.of();
    }
    // Sequences above the pruned ones are contiguous (each event takes the next one, and only pruning removes),
    // so each is looked up by its key rather than found by an iterator walking the tree while the writer splits
    // its leaves: a published event an iterator skipped would let a consumer acknowledge past it. (The misses
    // ConsumerCrashTest once reported were its harness losing the child's last lines, not a skip here.)
    List<StoredEvent> page = new ArrayList<>(Math.min(limit, 256));
    for (long sequence = after + 1; sequence <= lastEvent && page.size() < limit; sequence++) {
      long current = sequence;
      byte[] value = outsideNode(() -> db.events.get(current), () -> current <= pruning.getAsLong());
      if (sequence <= pruning.getAsLong()) {
        continue;
      }
      if (value == null) {
        // A published event that is not being pruned read as absent while the writer changes the tree: end the
        // page before it, so that the next read returns it.
        break;
      }
      page.add(EventRecord.decode(sequence, value));
    }
    return page;
  }

  // Records

  byte @Nullable [] record(String namespace, String key) {
    byte[] value = outsideNode(() -> db.records.get(Fun.t2(namespace, key)),
        () -> overlay.record(namespace, key) != null);
    Overlay.RecordState committed = overlay.record(namespace, key);
    return committed != null ? committed.value() : value;
  }

  List<StoredRecord> records(String namespace, String afterKey, int limit) {
    List<StoredRecord> page = new ArrayList<>(Math.min(limit, 64));
    Set<String> seen = new HashSet<>();
    // Keys only: an entry iterator reads each value as it advances, outside outsideNode's reach.
    for (Fun.Tuple2<String, String> entryKey : db.records
        .subMap(Fun.t2(namespace, afterKey), false, Overlay.upper(namespace), true).keySet()) {
      if (page.size() == limit) {
        break;
      }
      String key = entryKey.b;
      seen.add(key);
      byte[] value = record(namespace, key);
      if (value != null) {
        page.add(new StoredRecord(key, value));
      }
    }
    boolean full = page.size() == limit;
    String lastKey = full ? page.get(page.size() - 1).key() : null;
    boolean added = false;
    for (Map.Entry<Fun.Tuple2<String, String>, Overlay.RecordState> entry : overlay.records(namespace, afterKey)) {
      String key = entry.getKey().b;
      if (lastKey != null && key.compareTo(lastKey) > 0) {
        break;
      }
      byte[] value = entry.getValue().value();
      if (!seen.contains(key) && value != null) {
        page.add(new StoredRecord(key, value));
        added = true;
      }
    }
    if (added) {
      page.sort(Comparator.comparing(StoredRecord::key));
      if (page.size() > limit) {
        page.subList(limit, page.size()).clear();
      }
    }
    return page;
  }

  /**
   * Reads a value kept outside the B-tree nodes (a document, facets, an event, a record). The writer frees such
   * a record when its group replaces or removes the value, and may reuse its space in the same group, so a
   * reader that took the old reference from a leaf just before can meet another record's bytes: MapDB then
   * fails ("data were read beyond record size", a cast) or returns them. The writer keeps the committed state
   * in the overlay (or marks an event as being pruned) before it frees anything, so when {@code excused} says
   * so the failure is that race and the caller's overlay check that follows decides; otherwise it is damage,
   * and it is thrown.
   */
  static byte @Nullable [] outsideNode(Supplier<byte @Nullable []> read, BooleanSupplier excused) {
    try {
      return read.get();
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      if (excused.getAsBoolean()) {
        return null;
      }
      throw e;
    }
  }
}
