package dev.incidents.store.jdbc;

import static dev.incidents.store.jdbc.Documents.incident;
import static dev.incidents.store.jdbc.Documents.keyed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.VersionedIncident;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What could go wrong per dialect, beyond the TCK's rules: counters and keys under real concurrency, exact
 * comparison of tenants and keys (collations), JSON that survives the column type, batches, and the whole
 * service on top. Each subclass runs these against one database.
 */
abstract class StoreBehaviourTest {

  /** A new store over an empty schema. */
  abstract IncidentStore openStore();

  private IncidentStore store;

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void concurrent_first_creates_of_fresh_tenants_number_each_tenant_from_1_without_gaps() throws Exception {
    int threads = 8;
    int perThread = 25;
    List<String> tenants = List.of("t-a", "t-b", "t-c");
    CyclicBarrier start = new CyclicBarrier(threads);
    ConcurrentLinkedQueue<StoredIncident> created = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String tenant = tenants.get((thread + i) % tenants.size());
            created.add(Documents.stored(store.create(incident(tenant, thread + "-" + i))));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String tenant : tenants) {
      List<Long> numbers = created.stream().filter(s -> s.tenant().equals(tenant)).map(StoredIncident::number)
          .sorted().toList();
      assertThat(numbers).as("numbers of %s", tenant)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
      for (StoredIncident stored : created.stream().filter(s -> s.tenant().equals(tenant)).toList()) {
        assertThat(Documents.tree(store.get(tenant, stored.number()).orElseThrow().document()))
            .isEqualTo(Documents.tree(stored.document()));
      }
    }
  }

  @Test
  void racing_creates_with_one_key_store_one_incident_and_all_see_it() throws Exception {
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<CreateResult>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return store.create(keyed("acme", "same-key", "first"));
        }));
      }
      List<CreateResult> all = new ArrayList<>();
      for (Future<CreateResult> r : results) {
        all.add(r.get());
      }
      assertThat(all).filteredOn(r -> r instanceof CreateResult.Created).hasSize(1);
      long winner = all.get(0).number();
      assertThat(all).extracting(r -> r.number()).containsOnly(winner);
      if (!numbersOutsideTheCreate()) {
        assertThat(winner).as("the losers' rollbacks return their numbers").isEqualTo(1L);
      }
      assertThat(all).filteredOn(r -> r instanceof CreateResult.Replayed)
          .allSatisfy(r -> assertThat(((CreateResult.Replayed) r).fingerprint()).isEqualTo(Documents.fingerprint("first")));
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list("acme", ListQuery.newest(10))).hasSize(1);
    long next = store.create(incident("acme", "next")).number();
    if (numbersOutsideTheCreate()) {
      // Each loser's number was committed before its insert met the winner's key: gaps, never reuse.
      assertThat(next).isGreaterThan(store.list("acme", ListQuery.newest(10)).get(1).number());
    } else {
      assertThat(next).isEqualTo(2);
    }
  }

  /** Whether this database allocates numbers outside the create's transaction (PostgreSQL, MariaDB). */
  boolean numbersOutsideTheCreate() {
    return false;
  }

  @Test
  void tenants_and_keys_compare_exactly_case_and_trailing_spaces_included() {
    long a = store.create(keyed("acme", "key", "a")).number();
    CreateResult upper = store.create(keyed("Acme", "key", "b"));
    CreateResult spaced = store.create(keyed("acme", "key ", "c"));
    CreateResult upperKey = store.create(keyed("acme", "KEY", "d"));
    assertThat(upper).isInstanceOf(CreateResult.Created.class);
    assertThat(upper.number()).isEqualTo(1);
    assertThat(spaced).isInstanceOf(CreateResult.Created.class);
    assertThat(upperKey).isInstanceOf(CreateResult.Created.class);
    assertThat(List.of(a, spaced.number(), upperKey.number())).containsExactly(1L, 2L, 3L);
    assertThat(store.list("ACME", ListQuery.newest(10))).isEmpty();
    assertThat(store.create(keyed("acme", "key ", "c"))).isInstanceOf(CreateResult.Replayed.class);
  }

  @Test
  void documents_come_back_saying_the_same() {
    String json = "{\"title\":\"Ünïcödé ✓ \\\"quoted\\\" \\\\ back\\nslash 🚀\", \"n\":12345678901234,"
        + "\"d\":0.125,\"big\":100000000000000000000.0,\"three\":3.0,\"neg\":-7,\"nested\":{\"list\":[1,\"two\",true,false,null,{}],\"empty\":[]},"
        + "\"long\":\"" + "x".repeat(70_000) + "\"}";
    byte[] document = json.getBytes(StandardCharsets.UTF_8);
    StoredIncident stored = Documents.stored(store.create(new NewIncident("acme", null, null, Documents.rendering(n -> document))));
    assertThat(Documents.tree(stored.document())).isEqualTo(Documents.tree(document));
    assertThat(Documents.tree(store.get("acme", stored.number()).orElseThrow().document())).isEqualTo(Documents.tree(document));
    assertThat(Documents.tree(store.list("acme", ListQuery.newest(1)).get(0).document())).isEqualTo(Documents.tree(document));
  }

  @Test
  void a_batch_replays_keys_recorded_before_and_repeated_within_it_across_tenants() {
    store.create(keyed("acme", "k1", "before"));
    List<CreateResult> results = store.createAll(List.of(
        keyed("acme", "k1", "again"),        // recorded before: replay #1
        keyed("acme", "k2", "new"),          // #2
        incident("globex", "g"),             // globex #1
        keyed("acme", "k2", "repeat"),       // repeats the second: replay #2 with its fingerprint
        incident("acme", "plain"),           // #3
        keyed("globex", "k1", "other tenant"))); // globex #2: keys are per tenant
    assertThat(results).extracting(r -> r.getClass().getSimpleName() + " " + Documents.stored(r).tenant() + "#"
        + r.number())
        .containsExactly("Replayed acme#1", "Created acme#2", "Created globex#1", "Replayed acme#2",
            "Created acme#3", "Created globex#2");
    assertThat(((CreateResult.Replayed) results.get(0)).fingerprint()).isEqualTo(Documents.fingerprint("before"));
    assertThat(((CreateResult.Replayed) results.get(3)).fingerprint()).isEqualTo(Documents.fingerprint("new"));
    assertThat(store.list("acme", ListQuery.newest(10))).extracting(StoredIncident::number).containsExactly(3L, 2L, 1L);
  }

  @Test
  void list_pages_by_number_within_the_tenant() {
    List<NewIncident> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(incident(i % 2 == 0 ? "acme" : "globex", "i" + i));
    }
    store.createAll(many);
    Set<Long> seen = new TreeSet<>();
    long before = Long.MAX_VALUE;
    List<StoredIncident> page;
    do {
      page = store.list("acme", ListQuery.newest(4).after(before));
      assertThat(page).hasSizeLessThanOrEqualTo(4).isSortedAccordingTo((x, y) -> Long.compare(y.number(), x.number()));
      page.forEach(s -> assertThat(seen.add(s.number())).isTrue());
      before = page.isEmpty() ? before : page.get(page.size() - 1).number();
    } while (page.size() == 4);
    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 13).boxed().collect(Collectors.toList()));
  }

  @Test
  void the_service_creates_replays_and_reads_back_through_this_store() {
    IncidentService service = Incidents.builder().store(store).build();
    RequestContext context = new RequestContext("acme", "DEVU-1");
    IncidentCreateRequest request = IncidentJson.readCreateRequest(("{\"title\":\"Database on fire 🔥\","
        + "\"severity\":1,\"owned_by\":[\"DEVU-2\"],\"tags\":[{\"tag_id\":\"TAG-3\",\"value\":\"x\"}],"
        + "\"identified_date\":\"2023-01-01T12:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    IdempotencyKey key = new IdempotencyKey("import-1");
    Incident created = service.create(context, request, key);
    assertThat(service.create(context, request, key)).isEqualTo(created);
    assertThat(service.get(context, created.displayId())).isEqualTo(created);
    IncidentPage page = service.list(context, ListRequest.first(10));
    assertThat(page.incidents()).containsExactly(created);
  }

  /** Found jsonb (1e20 became an integer core could not read back) and H2's JSON type (-0.0 became 0.0). */
  @Test
  void custom_field_numbers_read_back_as_they_were_created() {
    IncidentService service = Incidents.builder().store(store).build();
    service.schemas().register("acme", ("{\"type\":\"tenant_fragment\",\"fields\":["
        + "{\"name\":\"ratio\",\"field_type\":\"double\"},"
        + "{\"name\":\"ratios\",\"field_type\":\"array\",\"base_type\":\"double\"},"
        + "{\"name\":\"count\",\"field_type\":\"int\"}]}").getBytes(StandardCharsets.UTF_8));
    RequestContext context = new RequestContext("acme", "DEVU-1");
    IncidentCreateRequest request = IncidentJson.readCreateRequest(("{\"title\":\"numbers\","
        + "\"custom_schema_spec\":{\"tenant_fragment\":true},\"custom_fields\":{\"tnt__ratio\":1e20,"
        + "\"tnt__ratios\":[-0.0,1.5e-7,123,0.1,1.7976931348623157E308,4.9E-324],\"tnt__count\":9007199254740993}}")
        .getBytes(StandardCharsets.UTF_8));
    Incident created = service.create(context, request);
    assertThat(service.get(context, created.id())).isEqualTo(created);
    assertThat(service.list(context, ListRequest.first(1)).incidents()).containsExactly(created);
  }

  /**
   * No lost update (docs/CONTRACT.md 10.5, clause 14.12.3): two writers change different fields of one incident
   * at once through the service, which retries a stale compare and set from the new version; both writers'
   * last values survive, and every update is one version.
   */
  @Test
  void two_writers_updating_different_fields_of_one_incident_through_the_service_both_survive() throws Exception {
    IncidentService service = Incidents.builder().store(store).build();
    RequestContext context = new RequestContext("acme", "DEVU-1");
    Incident created = service.create(context,
        IncidentJson.readCreateRequest("{\"title\":\"contended\"}".getBytes(StandardCharsets.UTF_8)));
    int rounds = 15;
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> titles = pool.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          service.update(context, IncidentUpdateRequest.builder(created.displayId()).title("title " + i).build());
        }
        return null;
      });
      Future<?> bodies = pool.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          service.update(context, IncidentUpdateRequest.builder(created.displayId()).body("body " + i).build());
        }
        return null;
      });
      titles.get();
      bodies.get();
    } finally {
      pool.shutdownNow();
    }
    VersionedIncident after = service.getVersioned(context, created.displayId());
    assertThat(after.incident().title()).isEqualTo("title " + (rounds - 1));
    assertThat(after.incident().body()).isEqualTo("body " + (rounds - 1));
    assertThat(after.version()).as("one version per stored update").isEqualTo(1 + 2L * rounds);
  }

  /**
   * Deletes are final (clause 14.13): while one thread keeps updating an incident from the version it last saw,
   * another deletes it; from then on every update is Missing, the incident is gone from get and list, and
   * its number is not reused.
   */
  @Test
  void an_update_racing_a_delete_never_brings_the_incident_back() throws Exception {
    StoredIncident created = Documents.stored(store.create(incident("acme", "doomed")));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Long> updater = pool.submit(() -> {
        start.await();
        long version = created.version();
        for (long updates = 0; ; updates++) {
          UpdateResult result = store.update(new IncidentUpdate("acme", created.number(), version,
              new RenderedIncident(created.document(), Documents.FACETS, null)));
          if (result instanceof UpdateResult.Missing) {
            return updates;
          }
          version = result instanceof UpdateResult.Updated updated ? updated.incident().version()
              : ((UpdateResult.Stale) result).current().version();
        }
      });
      Future<DeleteResult> deleter = pool.submit(() -> {
        start.await();
        long version = created.version();
        while (true) {
          DeleteResult result = store.delete(new IncidentDeletion("acme", created.number(), version, null));
          if (!(result instanceof DeleteResult.Stale stale)) {
            return result;
          }
          version = stale.current().version();
        }
      });
      assertThat(deleter.get()).isInstanceOf(DeleteResult.Deleted.class);
      updater.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get("acme", created.number())).isEmpty();
    assertThat(store.list("acme", ListQuery.newest(10))).isEmpty();
    assertThat(store.delete(new IncidentDeletion("acme", created.number(), 1, null)))
        .isInstanceOf(DeleteResult.Missing.class);
    assertThat(store.create(incident("acme", "next")).number()).isGreaterThan(created.number());
  }
}
