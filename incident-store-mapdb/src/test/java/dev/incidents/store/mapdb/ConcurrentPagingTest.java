package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Paging a filter while other threads update, delete and create (docs/CONTRACT.md clause 14.6.3): every
 * incident that matched from before paging began until it ended is visited exactly once, and none twice.
 * Some incidents keep matching while their documents change; others move out of the filter and back, or
 * are deleted; new ones arrive. Bounded by rounds, not time.
 */
@Timeout(120)
class ConcurrentPagingTest {

  private static final String TENANT = "acme";
  private static final int STABLE = 400;
  private static final int MOVING = 200;
  private static final int ROUNDS = 12;

  private static FacetFilter severity(long severity) {
    return new FacetFilter(Set.of(severity), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static RenderedIncident rendering(long number, String text, long severity, String owner) {
    IncidentFacets facets = NewIncidents.facets(severity, owner);
    return new RenderedIncident(NewIncidents.document(number, text), facets, null);
  }

  @Test
  void pagingVisitsEveryIncidentThatMatchedThroughoutOnce() throws Exception {
    try (MapDbIncidentStore store = MapDbIncidentStore.inMemory()) {
      // Interleaved: stable incidents (severity 0 forever), and moving ones (severity 0 at first).
      List<NewIncident> initial = new ArrayList<>();
      for (int i = 0; i < STABLE + MOVING; i++) {
        initial.add(new NewIncident(TENANT, n -> rendering(n, "initial", 0, "o0")));
      }
      store.createAll(initial);
      Set<Long> stable = new HashSet<>();
      List<Long> moving = new ArrayList<>();
      for (long n = 1; n <= STABLE + MOVING; n++) {
        if (n % 3 == 0) {
          moving.add(n);
        } else {
          stable.add(n);
        }
      }
      ExecutorService writers = Executors.newFixedThreadPool(3);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          AtomicBoolean paging = new AtomicBoolean(true);
          int r = round;
          List<Future<?>> running = List.of(
              writers.submit(() -> rewrite(store, new ArrayList<>(stable), paging, r, true)),
              writers.submit(() -> rewrite(store, moving, paging, r, false)),
              writers.submit(() -> {
                while (paging.get()) {
                  store.create(new NewIncident(TENANT, n -> rendering(n, "new", 0, "o1")));
                }
              }));
          ListQuery.Order order = round % 2 == 0 ? ListQuery.Order.NEWEST_FIRST : ListQuery.Order.OLDEST_FIRST;
          List<Long> visited = new ArrayList<>();
          ListQuery query = ListQuery.first(severity(0), order, 1 + round % 7);
          for (List<StoredIncident> page; !(page = store.list(TENANT, query)).isEmpty(); ) {
            for (StoredIncident incident : page) {
              visited.add(incident.number());
            }
            query = query.after(page.get(page.size() - 1).number());
          }
          paging.set(false);
          for (Future<?> writer : running) {
            writer.get(60, TimeUnit.SECONDS);
          }
          assertThat(visited).as("round %d, %s", round, order).doesNotHaveDuplicates().containsAll(stable);
          assertThat(new ArrayList<>(visited)).as("round %d: in order", round)
              .isSortedAccordingTo(order == ListQuery.Order.NEWEST_FIRST ? (a, b) -> Long.compare(b, a) : Long::compare);
        }
      } finally {
        writers.shutdownNow();
      }
    }
  }

  /**
   * Rewrites incidents while paging goes on: stable ones keep severity 0 (their owner and document change,
   * which moves their postings of another facet); moving ones go to severity 1 and back, and a few are
   * deleted and replaced by nothing.
   */
  private static void rewrite(MapDbIncidentStore store, List<Long> numbers, AtomicBoolean paging, int round,
      boolean stable) {
    Random random = new Random(round * 31L + (stable ? 1 : 2));
    while (paging.get()) {
      long number = numbers.get(random.nextInt(numbers.size()));
      StoredIncident current = store.get(TENANT, number).orElse(null);
      if (current == null) {
        continue;
      }
      if (!stable && random.nextInt(50) == 0) {
        store.delete(new IncidentDeletion(TENANT, number, current.version(), null));
        continue;
      }
      long severity = stable ? 0 : random.nextInt(2);
      UpdateResult result = store.update(new IncidentUpdate(TENANT, number, current.version(),
          rendering(number, "v" + (current.version() + 1), severity, "o" + random.nextInt(3))));
      assertThat(result).isInstanceOf(UpdateResult.Updated.class);
    }
  }
}
