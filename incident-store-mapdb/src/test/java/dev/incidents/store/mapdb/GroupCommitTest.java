package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.NewIncidents.document;
import static dev.incidents.store.mapdb.NewIncidents.incident;
import static dev.incidents.store.mapdb.NewIncidents.keyed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.UpdateResult;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's group commit: what shares a commit, and that one create's failure stays its own. Each test
 * holds the writer inside a first create's renderer while the creates under test queue up behind it, so
 * they form one group deterministically.
 */
@Timeout(60)
class GroupCommitTest {

  /**
   * How long a step may take before the test calls the store hung: a guard, not a time limit, generous
   * because a thread of a loaded 2-core machine can wait seconds for a core.
   */
  private static final long GUARD_SECONDS = 120;


  @TempDir Path dir;
  private final FaultInjector engine = new FaultInjector();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private MapDbIncidentStore store;
  private final CountDownLatch writerHeld = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch finishSecond = new CountDownLatch(1);

  @BeforeEach
  void open() {
    store = MapDbIncidentStore.open(dir.resolve("incidents.db"), engine);
  }

  @AfterEach
  void close() {
    // A failed assertion must not leave the writer parked in a renderer, or close() would wait for it.
    release.countDown();
    finishSecond.countDown();
    callers.shutdownNow();
    store.close();
  }

  /** Starts a create whose renderer keeps the writer busy until {@link #release} opens. */
  private Future<CreateResult> holdWriter() throws InterruptedException {
    Future<CreateResult> held = submit(new NewIncident("hold", null, null, number -> {
      writerHeld.countDown();
      await(release);
      return NewIncidents.rendered(number, "held");
    }));
    assertThat(writerHeld.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    return held;
  }

  private Future<CreateResult> submit(NewIncident incident) {
    return callers.submit(() -> store.create(incident));
  }

  /**
   * Submits a create in tenant "t" whose renderer counts down {@code rendering} and then waits for
   * {@link #finishSecond}: while it waits, the writer holds its group open with everything before it uncommitted.
   */
  private Future<CreateResult> submitRenderingUntilFinished(CountDownLatch rendering,
      LongFunction<RenderedIncident> rendered) {
    return submit(new NewIncident("t", null, null, number -> {
      rendering.countDown();
      await(finishSecond);
      return rendered.apply(number);
    }));
  }

  private void awaitQueued(int jobs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (store.queued() < jobs) {
      assertThat(System.nanoTime()).as("%d creates queued behind the held writer", jobs).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void concurrentCreatesShareOneCommit() throws Exception {
    Future<CreateResult> held = holdWriter();
    List<Future<CreateResult>> creates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      creates.add(submit(incident(i % 2 == 0 ? "even" : "odd", "create " + i)));
    }
    awaitQueued(20);
    int commitsBefore = engine.commits();

    release.countDown();
    held.get();
    List<Long> evenNumbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      StoredIncident stored = NewIncidents.created(creates.get(i).get());
      if (i % 2 == 0) {
        evenNumbers.add(stored.number());
      }
      assertThat(store.get(stored.tenant(), stored.number())).contains(stored);
    }

    assertThat(engine.commits() - commitsBefore).as("the held create's commit, then one for all 20").isEqualTo(2);
    assertThat(evenNumbers).doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= 10);
  }

  @Test
  void aThrowingRendererFailsOnlyItsOwnCreate() throws Exception {
    Future<CreateResult> held = holdWriter();
    RuntimeException boom = new IllegalStateException("renderer failed");
    AtomicLong failedNumber = new AtomicLong();
    Future<CreateResult> before = submit(incident("t", "before"));
    awaitQueued(1);
    Future<CreateResult> failing = submit(new NewIncident("t", "key", NewIncidents.fingerprint("x"), number -> {
      failedNumber.set(number);
      throw boom;
    }));
    awaitQueued(2);
    Future<CreateResult> after = submit(keyed("t", "other key", "after"));
    awaitQueued(3);
    int commitsBefore = engine.commits();

    release.countDown();
    held.get();

    assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
    assertThat(engine.commits() - commitsBefore).isEqualTo(2);
    assertThat(before.get().number()).isEqualTo(1);
    assertThat(failedNumber.get()).isEqualTo(2);
    assertThat(after.get().number()).isEqualTo(3);
    assertThat(store.get("t", 2)).isEmpty();
    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).extracting(StoredIncident::number).containsExactly(3L, 1L);
    // The key of the failed create was not recorded: using it again creates.
    assertThat(store.create(keyed("t", "key", "x"))).isInstanceOf(CreateResult.Created.class)
        .extracting(r -> r.number()).isEqualTo(4L);
  }

  @Test
  void aNumberSpentOnAFailedRenderIsNotReusedAfterReopening() {
    assertThatThrownBy(() -> store.create(new NewIncident("t", null, null, number -> {
      throw new IllegalArgumentException("no");
    }))).hasMessage("no");
    store.close();
    store = MapDbIncidentStore.open(dir.resolve("incidents.db"), engine);

    assertThat(store.create(incident("t", "next")).number()).isEqualTo(2);
  }

  @Test
  void aKeyUsedTwiceInOneGroupCreatesOnce() throws Exception {
    Future<CreateResult> held = holdWriter();
    Future<CreateResult> first = submit(keyed("t", "retry", "request"));
    awaitQueued(1);
    Future<CreateResult> second = submit(keyed("t", "retry", "request"));
    awaitQueued(2);
    Future<CreateResult> otherTenant = submit(keyed("u", "retry", "request"));
    awaitQueued(3);

    release.countDown();
    held.get();

    assertThat(first.get()).isInstanceOf(CreateResult.Created.class);
    assertThat(second.get()).isEqualTo(
        new CreateResult.Replayed(NewIncidents.created(first.get()), NewIncidents.fingerprint("request")));
    assertThat(otherTenant.get()).isInstanceOf(CreateResult.Created.class);
    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).hasSize(1);
  }

  @Test
  void readsDoNotSeeAGroupBeforeItsCommit() throws Exception {
    Future<CreateResult> held = holdWriter();
    CountDownLatch secondRendering = new CountDownLatch(1);
    Future<CreateResult> first = submit(incident("t", "first"));
    awaitQueued(1);
    Future<CreateResult> second = submitRenderingUntilFinished(secondRendering,
        number -> NewIncidents.rendered(number, "second"));
    awaitQueued(2);
    release.countDown();
    held.get();

    // The writer has put the first document and now renders the second, both uncommitted.
    assertThat(secondRendering.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(store.get("t", 1)).isEmpty();
    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).isEmpty();

    finishSecond.countDown();
    StoredIncident one = NewIncidents.created(first.get());
    StoredIncident two = NewIncidents.created(second.get());
    assertThat(store.get("t", 1)).contains(one);
    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).containsExactly(two, one);
  }

  private static FacetFilter severity(long severity) {
    return new FacetFilter(Set.of(severity), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static RenderedIncident withSeverity(long number, String text, long severity) {
    return new RenderedIncident(document(number, text), NewIncidents.facets(severity),
        ("event of " + text).getBytes(StandardCharsets.UTF_8));
  }

  private List<Long> numbers(FacetFilter filter) {
    return store.list("t", ListQuery.first(filter, ListQuery.Order.NEWEST_FIRST, 10)).stream()
        .map(StoredIncident::number).toList();
  }

  @Test
  void readsDoNotSeeUpdatesAndDeletesBeforeTheirCommit() throws Exception {
    StoredIncident one = NewIncidents.created(store.create(new NewIncident("t", n -> withSeverity(n, "one", 0))));
    StoredIncident two = NewIncidents.created(store.create(new NewIncident("t", n -> withSeverity(n, "two", 0))));
    long events = store.lastEventSequence();
    Future<CreateResult> held = holdWriter();
    Future<UpdateResult> update = callers.submit(() -> store.update(
        new IncidentUpdate("t", 1, 1, withSeverity(1, "one, changed", 1))));
    awaitQueued(1);
    Future<DeleteResult> delete = callers.submit(() -> store.delete(
        new IncidentDeletion("t", 2, 1, "two deleted".getBytes(StandardCharsets.UTF_8))));
    awaitQueued(2);
    CountDownLatch thirdRendering = new CountDownLatch(1);
    Future<CreateResult> third = submitRenderingUntilFinished(thirdRendering,
        number -> withSeverity(number, "three", 1));
    awaitQueued(3);
    release.countDown();
    held.get();

    // The writer has applied the update and the delete, and renders the third create: none is committed.
    assertThat(thirdRendering.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.get("t", 1)).contains(one);
    assertThat(store.get("t", 2)).contains(two);
    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).containsExactly(two, one);
    assertThat(numbers(severity(0))).containsExactly(2L, 1L);
    assertThat(numbers(severity(1))).isEmpty();
    assertThat(store.lastEventSequence()).isEqualTo(events);
    assertThat(store.events(0, 100)).hasSize((int) events);

    finishSecond.countDown();
    StoredIncident changed = ((UpdateResult.Updated) update.get()).incident();
    assertThat(delete.get()).isInstanceOf(DeleteResult.Deleted.class);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(store.get("t", 1)).contains(changed);
    assertThat(store.get("t", 2)).isEmpty();
    assertThat(numbers(severity(0))).isEmpty();
    assertThat(numbers(severity(1))).containsExactly(3L, 1L);
    assertThat(store.events(events, 100)).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
        .containsExactly("event of one, changed", "two deleted", "event of three");
  }

  @Test
  void readsDoNotSeeRecordsBeforeTheirCommit() throws Exception {
    store.putRecord("ns", "a", bytes("a, old"));
    store.putRecord("ns", "b", bytes("b, old"));
    Future<CreateResult> held = holdWriter();
    Future<Boolean> removed = callers.submit(() -> store.removeRecord("ns", "a"));
    awaitQueued(1);
    Future<?> put = callers.submit(() -> store.putRecord("ns", "b", bytes("b, new")));
    awaitQueued(2);
    Future<?> added = callers.submit(() -> store.putRecord("ns", "c", bytes("c, new")));
    awaitQueued(3);
    CountDownLatch lastRendering = new CountDownLatch(1);
    Future<CreateResult> last = submitRenderingUntilFinished(lastRendering,
        number -> NewIncidents.rendered(number, "last"));
    awaitQueued(4);
    release.countDown();
    held.get();

    // The writer has removed a, changed b, added c, and renders the create: none of it is committed, and the
    // removed record, which a walk of the map no longer meets, comes first.
    assertThat(lastRendering.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(store.record("ns", "a")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("a, old"));
    assertThat(store.record("ns", "b")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("b, old"));
    assertThat(store.record("ns", "c")).isEmpty();
    assertThat(store.records("ns", "", 10)).extracting(r -> r.key() + "=" + text(r.value()))
        .containsExactly("a=a, old", "b=b, old");
    assertThat(store.records("ns", "", 1)).extracting(r -> r.key() + "=" + text(r.value()))
        .containsExactly("a=a, old");

    finishSecond.countDown();
    assertThat(removed.get()).isTrue();
    put.get();
    added.get();
    last.get();
    assertThat(store.records("ns", "", 10)).extracting(r -> r.key() + "=" + text(r.value()))
        .containsExactly("b=b, new", "c=c, new");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void updatesInOneGroupSeeEachOther() throws Exception {
    store.create(incident("t", "one"));
    Future<CreateResult> held = holdWriter();
    Future<UpdateResult> first = callers.submit(() -> store.update(new IncidentUpdate("t", 1, 1,
        NewIncidents.rendered(1, "first"))));
    awaitQueued(1);
    Future<UpdateResult> second = callers.submit(() -> store.update(new IncidentUpdate("t", 1, 1,
        NewIncidents.rendered(1, "second"))));
    awaitQueued(2);
    int commitsBefore = engine.commits();

    release.countDown();
    held.get();

    assertThat(first.get()).isInstanceOf(UpdateResult.Updated.class);
    assertThat(second.get()).isEqualTo(new UpdateResult.Stale(((UpdateResult.Updated) first.get()).incident()));
    assertThat(engine.commits() - commitsBefore).as("the held create's commit, then one for both").isEqualTo(2);
  }

  @Test
  void createAllCommitsABatchAtATime() {
    List<NewIncident> incidents = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      incidents.add(keyed("t", "line-" + i, "line " + i));
    }
    int commitsBefore = engine.commits();

    List<CreateResult> results = store.createAll(incidents);

    assertThat(engine.commits() - commitsBefore).isEqualTo(3);
    assertThat(results).hasSize(2_500).allMatch(r -> r instanceof CreateResult.Created);
    assertThat(results.get(2_499).number()).isEqualTo(2_500);
    assertThat(store.createAll(incidents)).allMatch(r -> r instanceof CreateResult.Replayed);
  }

  @Test
  void createAllStopsAtAFailingRendererAndKeepsWhatCameBefore() {
    List<NewIncident> incidents = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      int line = i;
      incidents.add(line == 1_500
          ? new NewIncident("t", "line-" + line, NewIncidents.fingerprint("bad"), number -> {
            throw new IllegalStateException("line " + line + " cannot be rendered");
          })
          : keyed("t", "line-" + line, "line " + line));
    }

    assertThatThrownBy(() -> store.createAll(incidents))
        .isInstanceOfSatisfying(BatchFailedException.class, e -> {
          assertThat(e.committed()).hasSize(1_500);
          assertThat(e.getCause()).hasMessage("line 1500 cannot be rendered");
        });

    assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 1_000))).hasSize(1_000)
        .first().extracting(StoredIncident::number).isEqualTo(1_500L);
    assertThat(store.list("t", NewIncidents.below(1_000, 1_000))).hasSize(999);
    assertThat(store.create(keyed("t", "line-1501", "line 1501"))).isInstanceOf(CreateResult.Created.class)
        .extracting(r -> r.number()).isEqualTo(1_502L);
  }
}
