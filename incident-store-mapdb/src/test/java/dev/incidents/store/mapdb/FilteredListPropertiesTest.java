package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Any sequence of creates, updates and deletes, then any filter, any page size and either order: paging
 * through the store returns exactly what {@link FacetFilter#matches} accepts of the live incidents, in
 * order, each once, with its current document and version. Small value domains make filters hit, miss and
 * overlap; gaps of failed creates make the windows grow.
 */
class FilteredListPropertiesTest {

  private static final String TENANT = "acme";
  private static final String[] OWNERS = {"don:identity:local:devo/acme:devu/1", "don:identity:local:devo/acme:devu/2",
      "don:identity:local:devo/acme:devu/3"};

  /** One incident's facets from a few small numbers. */
  private static IncidentFacets facets(int code) {
    Long severity = code % 5 == 4 ? null : (long) (code % 5);
    Set<String> owners = new HashSet<>();
    for (int i = 0; i < OWNERS.length; i++) {
      if ((code / 5 & 1 << i) != 0) {
        owners.add(OWNERS[i]);
      }
    }
    long state = 1 + (code / 40) % 3;
    Instant created = Instant.ofEpochSecond(1_700_000_000L + (code / 120) % 4 * 86_400);
    return new IncidentFacets(severity, null, state, state, owners, Set.of(), OWNERS[0], null, created, created,
        null, null);
  }

  /** A filter from a few small numbers: severities, owners and states each any subset; a date range sometimes. */
  private static FacetFilter filter(int code) {
    Set<Long> severities = new HashSet<>();
    for (long s = 0; s < 4; s++) {
      if ((code & 1 << s) != 0) {
        severities.add(s);
      }
    }
    Set<String> owners = new HashSet<>();
    for (int i = 0; i < OWNERS.length; i++) {
      if ((code >> 4 & 1 << i) != 0) {
        owners.add(OWNERS[i]);
      }
    }
    Set<Long> states = new HashSet<>();
    for (long s = 1; s <= 3; s++) {
      if ((code >> 7 & 1 << (s - 1)) != 0) {
        states.add(s);
      }
    }
    FacetFilter.Range created = (code >> 10 & 1) == 0 ? FacetFilter.Range.ALL
        : new FacetFilter.Range(Instant.ofEpochSecond(1_700_000_000L + 86_400), null);
    return new FacetFilter(severities, Set.of(), Set.of(), states, owners, Set.of(), Set.of(), Set.of(), created,
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static RenderedIncident rendering(long number, long version, IncidentFacets facets) {
    return new RenderedIncident(NewIncidents.document(number, "v" + version + " " + facets.hashCode()), facets, null);
  }

  record Live(StoredIncident incident, IncidentFacets facets) {}

  @Test
  void pagesReturnExactlyWhatTheFilterAccepts() {
    QuickTheory.qt().withExamples(150).forAll(
        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 150),
        integers().between(0, 2047),
        integers().between(1, 9),
        booleans().all()).checkAssert((operations, filterCode, pageSize, newestFirst) -> {
          try (MapDbIncidentStore store = MapDbIncidentStore.inMemory()) {
            Map<Long, Live> model = new TreeMap<>();
            for (int operation : operations) {
              apply(store, model, operation);
            }
            FacetFilter filter = filter(filterCode);
            ListQuery.Order order = newestFirst ? ListQuery.Order.NEWEST_FIRST : ListQuery.Order.OLDEST_FIRST;
            List<StoredIncident> expected = new ArrayList<>();
            for (Live live : model.values()) {
              if (filter.matches(live.facets())) {
                expected.add(live.incident());
              }
            }
            if (newestFirst) {
              Collections.reverse(expected);
            }
            List<StoredIncident> listed = new ArrayList<>();
            ListQuery query = ListQuery.first(filter, order, pageSize);
            for (List<StoredIncident> page; !(page = store.list(TENANT, query)).isEmpty(); ) {
              assertThat(page.size()).isLessThanOrEqualTo(pageSize);
              listed.addAll(page);
              if (page.size() < pageSize) {
                break;
              }
              query = query.after(page.get(page.size() - 1).number());
            }
            assertThat(listed).as("%s, pages of %d, %s", filter, pageSize, order).isEqualTo(expected);
          }
        });
  }

  /** 0-3: create (3: one whose renderer fails, a gap), 4-6: update, 7: delete; the rest picks values. */
  private static void apply(MapDbIncidentStore store, Map<Long, Live> model, int operation) {
    int kind = operation % 8;
    int rest = operation / 8;
    List<Long> numbers = new ArrayList<>(model.keySet());
    if (kind <= 3 || numbers.isEmpty()) {
      IncidentFacets facets = facets(rest % 480);
      if (kind == 3) {
        try {
          store.create(new NewIncident(TENANT, number -> {
            throw new IllegalStateException("a gap");
          }));
        } catch (IllegalStateException expected) {
          // the number is spent
        }
        return;
      }
      StoredIncident created = NewIncidents.created(store.create(new NewIncident(TENANT,
          number -> rendering(number, 1, facets))));
      model.put(created.number(), new Live(created, facets));
      return;
    }
    Live target = model.get(numbers.get(rest % numbers.size()));
    long number = target.incident().number();
    if (kind == 7) {
      assertThat(store.delete(new IncidentDeletion(TENANT, number, target.incident().version(), null)))
          .isInstanceOf(DeleteResult.Deleted.class);
      model.remove(number);
      return;
    }
    IncidentFacets facets = facets(rest / 64 % 480);
    UpdateResult result = store.update(new IncidentUpdate(TENANT, number, target.incident().version(),
        rendering(number, target.incident().version() + 1, facets)));
    assertThat(result).isInstanceOf(UpdateResult.Updated.class);
    model.put(number, new Live(((UpdateResult.Updated) result).incident(), facets));
  }
}
