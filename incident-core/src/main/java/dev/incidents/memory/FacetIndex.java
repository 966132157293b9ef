package dev.incidents.memory;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredIncident;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The postings of one tenant: for each facet that filters test for equality, the numbers of the incidents
 * having each value. A page is read by walking, in number order, the postings of the filter's condition with
 * the fewest entries and checking every other condition on the candidates' facets. Not thread-safe: the store
 * reads and writes it under the tenant's lock.
 */
final class FacetIndex {

  /** The equality facets: how to read each from an incident's facets and from a filter. */
  private enum Facet {
    SEVERITY(f -> one(f.severity()), FacetFilter::severity),
    REPORTED_BY(f -> one(f.reportedBy()), FacetFilter::reportedBy),
    STAGE(f -> Set.of(f.stage()), FacetFilter::stage),
    STATE(f -> Set.of(f.state()), FacetFilter::state),
    OWNED_BY(IncidentFacets::ownedBy, FacetFilter::ownedBy),
    APPLIES_TO_PARTS(IncidentFacets::appliesToParts, FacetFilter::appliesToParts),
    CREATED_BY(f -> Set.of(f.createdBy()), FacetFilter::createdBy),
    SUBTYPE(f -> one(f.subtype()), FacetFilter::subtype);

    final Function<IncidentFacets, Set<?>> values;
    final Function<FacetFilter, Set<?>> wanted;

    Facet(Function<IncidentFacets, Set<?>> values, Function<FacetFilter, Set<?>> wanted) {
      this.values = values;
      this.wanted = wanted;
    }

    private static Set<?> one(@Nullable Object value) {
      return value == null ? Set.of() : Set.of(value);
    }
  }

  private final Map<Facet, Map<Object, Postings>> postings = new HashMap<>();

  FacetIndex() {
    for (Facet facet : Facet.values()) {
      postings.put(facet, new HashMap<>());
    }
  }

  private Map<Object, Postings> postings(Facet facet) {
    return Objects.requireNonNull(postings.get(facet), "the constructor gives every facet its postings");
  }

  /** Indexes incident {@code number} under {@code facets}. */
  void add(long number, IncidentFacets facets) {
    for (Facet facet : Facet.values()) {
      for (Object value : facet.values.apply(facets)) {
        postings(facet).computeIfAbsent(value, v -> new Postings()).add(number);
      }
    }
  }

  /** Removes every posting of incident {@code number}, which had {@code facets}. */
  void remove(long number, IncidentFacets facets) {
    removeStale(number, facets, null);
  }

  /** Removes the postings of {@code old} that {@code current} does not have (all of them for {@code null}). */
  void removeStale(long number, IncidentFacets old, @Nullable IncidentFacets current) {
    for (Facet facet : Facet.values()) {
      Set<?> keep = current == null ? Set.of() : facet.values.apply(current);
      Map<Object, Postings> byValue = postings(facet);
      for (Object value : facet.values.apply(old)) {
        if (!keep.contains(value)) {
          Postings numbers = byValue.get(value);
          if (numbers != null) {
            numbers.remove(number);
            if (numbers.isEmpty()) {
              byValue.remove(value);
            }
          }
        }
      }
    }
  }

  /** The page {@code query} asks for, from the live incidents. */
  List<StoredIncident> page(NavigableMap<Long, InMemoryIncidentStore.Entry> live, ListQuery query) {
    FacetFilter filter = query.filter();
    List<Postings> narrowest = null;
    long narrowestSize = Long.MAX_VALUE;
    for (Facet facet : Facet.values()) {
      Set<?> wanted = facet.wanted.apply(filter);
      if (wanted.isEmpty()) {
        continue;
      }
      List<Postings> sets = new ArrayList<>(wanted.size());
      long size = 0;
      for (Object value : wanted) {
        Postings numbers = postings(facet).get(value);
        if (numbers != null) {
          sets.add(numbers);
          size += numbers.size();
        }
      }
      if (size < narrowestSize) {
        narrowest = sets;
        narrowestSize = size;
      }
    }
    boolean newestFirst = query.order() == ListQuery.Order.NEWEST_FIRST;
    // Boxed here either way: the live map is keyed by Long.
    Iterator<Long> candidates = narrowest == null
        ? beyond(live.navigableKeySet(), query.boundary(), newestFirst)
        : merged(narrowest, query.boundary(), newestFirst);
    List<StoredIncident> page = new ArrayList<>(Math.min(query.limit(), 64));
    while (page.size() < query.limit() && candidates.hasNext()) {
      InMemoryIncidentStore.Entry entry = live.get(candidates.next());
      if (entry != null && filter.matches(entry.facets())) {
        page.add(entry.incident());
      }
    }
    return page;
  }

  /** Every live number beyond the boundary: the candidates of a page with no equality condition. */
  private static Iterator<Long> beyond(NavigableSet<Long> numbers, long boundary, boolean newestFirst) {
    return newestFirst ? numbers.headSet(boundary, false).descendingIterator()
        : numbers.tailSet(boundary, false).iterator();
  }

  private static PrimitiveIterator.OfLong beyond(Postings numbers, long boundary, boolean newestFirst) {
    return newestFirst ? numbers.before(boundary) : numbers.after(boundary);
  }

  /** The numbers of several postings beyond the boundary, in order, each once. */
  private static PrimitiveIterator.OfLong merged(Collection<Postings> sets, long boundary, boolean newestFirst) {
    if (sets.size() == 1) {
      return beyond(sets.iterator().next(), boundary, newestFirst);
    }
    record Head(long number, PrimitiveIterator.OfLong rest) {}
    PriorityQueue<Head> heads = new PriorityQueue<>((a, b) ->
        newestFirst ? Long.compare(b.number, a.number) : Long.compare(a.number, b.number));
    for (Postings set : sets) {
      PrimitiveIterator.OfLong it = beyond(set, boundary, newestFirst);
      if (it.hasNext()) {
        heads.add(new Head(it.nextLong(), it));
      }
    }
    return new PrimitiveIterator.OfLong() {
      private boolean returnedAny;
      private long last;

      /** Drops the heads at the number returned last: a number found under several values comes once. */
      private void skipReturned() {
        while (returnedAny && !heads.isEmpty() && heads.peek().number() == last) {
          advance(heads.poll());
        }
      }

      @Override
      public boolean hasNext() {
        skipReturned();
        return !heads.isEmpty();
      }

      @Override
      public long nextLong() {
        skipReturned();
        if (heads.isEmpty()) {
          throw new NoSuchElementException();
        }
        Head head = heads.poll();
        last = head.number();
        returnedAny = true;
        advance(head);
        return last;
      }

      private void advance(Head head) {
        if (head.rest().hasNext()) {
          heads.add(new Head(head.rest().nextLong(), head.rest()));
        }
      }
    };
  }
}
