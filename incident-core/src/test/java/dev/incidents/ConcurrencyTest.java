package dev.incidents;

import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.RequestContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.error.ConflictException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/** Many threads at once: numbers stay unique and increasing, one key stores one incident. */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 250;

  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Runs {@code task} on {@code threads} threads released at the same moment. */
  private <T> List<T> race(int threads, Callable<T> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  @RepeatedTest(3)
  void eightThreadsGetUniqueIncreasingNumbersPerTenant() throws Exception {
    List<List<Long>> perThread = race(THREADS, () -> {
      List<Long> numbers = new ArrayList<>();
      for (int i = 0; i < PER_THREAD; i++) {
        String tenant = i % 2 == 0 ? "even" : "odd";
        numbers.add(service.create(RequestContext.of(tenant, "DEVU-1"),
            IncidentCreateRequest.builder().title("t" + i).build()).number() * (tenant.equals("even") ? 1 : -1));
      }
      return numbers;
    });
    Set<Long> all = new HashSet<>();
    for (List<Long> numbers : perThread) {
      List<Long> even = numbers.stream().filter(n -> n > 0).toList();
      List<Long> odd = numbers.stream().filter(n -> n < 0).map(n -> -n).toList();
      assertThat(even).as("numbers one thread sees only grow").isSorted().doesNotHaveDuplicates();
      assertThat(odd).isSorted().doesNotHaveDuplicates();
      all.addAll(numbers);
    }
    int perTenant = THREADS * PER_THREAD / 2;
    assertThat(all).as("unique across threads, no gaps")
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, perTenant)
            .flatMap(n -> LongStream.of(n, -n)).boxed().toList());
  }

  @RepeatedTest(3)
  void sixteenThreadsRetryingOneKeyStoreOneIncident() throws Exception {
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("once").ownedBy("DEVU-1").build();
    List<Incident> incidents = race(16, () -> service.create(Fixture.SYS, request, IdempotencyKey.of("retry-me")));
    assertThat(new HashSet<>(incidents)).hasSize(1);
    assertThat(service.list(Fixture.SYS).incidents()).hasSize(1);
  }

  @RepeatedTest(3)
  void racingDifferentRequestsOnOneKeyLetExactlyOneWin() throws Exception {
    List<String> outcomes = race(16, () -> {
      String title = "t" + Thread.currentThread().getId();
      try {
        return service.create(Fixture.SYS, IncidentCreateRequest.builder().title(title).build(),
            IdempotencyKey.of("contended")).title().equals(title) ? "won" : "replayed";
      } catch (ConflictException e) {
        return "conflict";
      }
    });
    assertThat(outcomes).containsOnlyOnce("won").doesNotContain("replayed");
    assertThat(service.list(Fixture.SYS).incidents()).hasSize(1);
  }
}
