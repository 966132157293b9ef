package dev.incidents.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.ForbiddenException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentFilter;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.SortOrder;
import dev.incidents.model.VersionedIncident;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.SchemaFragment;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoreLimits;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.StoredRecord;
import dev.incidents.spi.UpdateResult;
import dev.incidents.tck.TckSettings.Knob;
import dev.incidents.tck.internal.Adversarial;
import dev.incidents.tck.internal.Concurrently;
import dev.incidents.tck.internal.Differences;
import dev.incidents.tck.internal.Documents;
import dev.incidents.tck.internal.Properties;
import dev.incidents.tck.internal.Requests.Invalid;
import dev.incidents.tck.internal.Requests.NearMiss;
import dev.incidents.tck.internal.Requests.TenantPair;
import dev.incidents.tck.internal.Requests;
import dev.incidents.tck.internal.Stateful;
import dev.incidents.tck.internal.Synthetic;
import dev.incidents.tck.internal.Text;
import dev.incidents.testing.CustomFieldValues;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import dev.incidents.testing.Renderings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Parallel;
import org.quicktheories.core.stateful.Sequential;

/**
 * The contract kit: every rule of {@link IncidentStoreRules} as a JUnit 5 test, run against the store a
 * subclass provides. A store's test is this, in a class whose name ends in {@code Test}:
 *
 * <pre>{@code
 * class MapDbIncidentStoreTest extends IncidentStoreTck {
 *   @TempDir Path dir;
 *   private final Map<IncidentStore, Path> files = new IdentityHashMap<>();
 *
 *   @Override protected IncidentStore createStore() {
 *     return open(dir.resolve("store-" + files.size() + ".db"));     // a new, empty store per call
 *   }
 *
 *   @Override protected IncidentStore reopenStore(IncidentStore store) {  // only for a durable store
 *     store.close();
 *     return open(files.get(store));
 *   }
 *
 *   private IncidentStore open(Path file) {
 *     IncidentStore store = MapDbIncidentStore.open(file);
 *     files.put(store, file);
 *     return store;
 *   }
 * }
 * }</pre>
 *
 * <p>Each rule is a method named by its id ({@code required_tck101_roundTripGetById}); the report names the
 * rule that failed, and its message says what the store did instead. Rules that need a durable store are
 * {@code optional_...} and are reported as skipped, with the reason, when {@link #reopenStore} returns
 * null. The kit drives the store through the real service ({@link Incidents#builder()} with a
 * {@link MutableClock}) and, where a rule is about the SPI itself, through {@link IncidentStore} directly.
 * It closes every store it obtained after each rule.
 *
 * <p>How deep it checks is set by {@link TckSettings} (system properties such as
 * {@code incidents.tck.examples}); override {@link #settings()} to change them in code.
 */
@TestMethodOrder(IncidentStoreTck.ByRuleId.class)
@DisplayNameGeneration(DisplayNameGenerator.Simple.class)
public abstract class IncidentStoreTck implements IncidentStoreRules {

  private static final String TENANT = "acme";

  /** A renderer that breaks its contract by returning null: clause 14.8.5 says what a store does then. */
  // The rule needs this broken renderer; NullAway would refuse the null it returns on purpose.
  @SuppressWarnings("NullAway")
  private static final DocumentRenderer RETURNS_NULL = number -> null;

  private TckSettings settings;
  private String rule;
  private long seed;
  private final MutableClock clock = MutableClock.atGeneratorsNow();
  /** Every store the kit obtained, to close after the rule; those handed to reopenStore are closed by it. */
  private final List<IncidentStore> stores = new ArrayList<>();
  private final Set<IncidentStore> reopened = Collections.newSetFromMap(new IdentityHashMap<>());
  private int counter;

  /** For subclasses. */
  protected IncidentStoreTck() {}

  /**
   * A new, empty store. The kit calls it for every rule, and some rules call it several times: each call
   * must return an independent store (tck001, tck002 check this). The kit closes it.
   */
  protected abstract IncidentStore createStore();

  /**
   * Closes {@code store} and returns a new instance over the same storage, for a durable store; the
   * default returns {@code null}, meaning "not durable", and the rules that need reopening are skipped.
   *
   * @param store a store this test's {@link #createStore()} or {@code reopenStore} returned
   */
  protected @Nullable IncidentStore reopenStore(IncidentStore store) {
    return null;
  }

  /** How deep to check; by default from system properties (see {@link TckSettings}). */
  protected TckSettings settings() {
    return TckSettings.fromSystemProperties();
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** Reads the settings and names the rule about to run. */
  @BeforeEach
  protected final void prepareTck(TestInfo info) {
    settings = Objects.requireNonNull(settings(), "settings() returned null");
    rule = info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName());
    seed = settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
  }

  /** Closes every store the rule obtained, newest first. */
  @AfterEach
  protected final void closeTckStores() {
    RuntimeException failure = null;
    for (int i = stores.size() - 1; i >= 0; i--) {
      IncidentStore store = stores.get(i);
      if (reopened.contains(store)) {
        continue;
      }
      try {
        store.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new IllegalStateException(rule + ": closing " + store + " failed (close must be idempotent)", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    stores.clear();
    reopened.clear();
    if (failure != null) {
      throw failure;
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private IncidentStore newStore() {
    IncidentStore store = createStore();
    if (store == null) {
      throw new AssertionError(rule + ": createStore() returned null; it must return a new, empty store on "
          + "every call (tck001)");
    }
    stores.add(store);
    return store;
  }

  /** Closes {@code store} and opens it again, through the subclass; skips the rule if it is not durable. */
  private IncidentStore reopen(IncidentStore store) {
    reopened.add(store);
    IncidentStore again = reopenStore(store);
    if (again == null) {
      reopened.remove(store);
      return Assumptions.abort(notDurable()); // throws: the rule is skipped
    }
    if (again == store) {
      throw new AssertionError(rule + ": reopenStore(store) returned the same instance; it must close the store "
          + "and return a new instance over the same storage (tck003)");
    }
    stores.add(again);
    return again;
  }

  private static String notDurable() {
    return "skipped: the store is not durable (reopenStore(IncidentStore) returns null, the default). A durable "
        + "store's test overrides reopenStore to close the store and return a new instance over the same storage.";
  }

  /** Skips an optional rule unless the store is durable: reopens an empty store once to find out. */
  private void assumeDurable() {
    reopen(newStore());
  }

  private IncidentService serviceOver(IncidentStore store) {
    return Incidents.builder().store(store).clock(clock).build();
  }

  private static RequestContext as(String tenant) {
    return RequestContext.of(tenant, Generators.ACTOR);
  }

  /** A tenant name used by no other example of this rule. */
  private String freshTenant(String hint) {
    return hint + "-" + (++counter);
  }

  private String examplePrefix() {
    return "e" + (++counter) + "|";
  }

  private <T> void forAll(int examples, Gen<T> gen, Consumer<T> property) {
    forAll(examples, settings.shrinks(), gen, property);
  }

  private <T> void forAll(int examples, int shrinks, Gen<T> gen, Consumer<T> property) {
    new Properties(rule, seed, shrinks, Knob.SEED.property()).check(examples, gen, property);
  }

  /** Shrinking cannot make a maximal request smaller, only slower to report: a few cycles at most. */
  private static final int MAXIMAL_SHRINKS = 10;

  private Concurrently threads(int count) {
    return new Concurrently(count, settings.timeoutSeconds(), Knob.TIMEOUT_SECONDS.property());
  }

  private static void assertSameIncident(Incident expected, @Nullable Incident actual, String call) {
    if (!expected.equals(actual)) {
      throw new AssertionError(call + " returned another incident than create did: "
          + Differences.between(expected, actual));
    }
  }

  private static Incident get(IncidentService service, String tenant, String id) {
    try {
      return service.get(as(tenant), id);
    } catch (NotFoundException e) {
      throw new AssertionError("get(\"" + id + "\") in tenant " + tenant + " was not found, but create returned it", e);
    }
  }

  /** Every incident of a tenant, following cursors; fails if the store keeps returning pages. */
  private static List<IncidentPage> pages(IncidentService service, String tenant, int pageSize, int atMost) {
    List<IncidentPage> pages = new ArrayList<>();
    String cursor = null;
    int maxPages = atMost / pageSize + 3;
    do {
      if (pages.size() == maxPages) {
        throw new AssertionError("list of tenant " + tenant + " by pages of " + pageSize + " returned more than "
            + maxPages + " pages for at most " + atMost + " incidents: a cursor leads back to incidents already "
            + "listed (does the SPI's list ignore the query's boundary?)");
      }
      IncidentPage page = service.list(as(tenant), new ListRequest(IncidentFilter.ALL, SortOrder.NEWEST_FIRST, pageSize, cursor));
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor != null);
    return pages;
  }

  private static List<Incident> listAll(IncidentService service, String tenant, int atMost) {
    List<Incident> all = new ArrayList<>();
    for (IncidentPage page : pages(service, tenant, ListRequest.MAX_LIMIT, atMost)) {
      all.addAll(page.incidents());
    }
    return all;
  }

  private static List<Long> numbers(List<Incident> incidents) {
    return incidents.stream().map(Incident::number).toList();
  }

  private static List<Long> storedNumbers(List<StoredIncident> incidents) {
    return incidents.stream().map(StoredIncident::number).toList();
  }

  /** Asserts that a tenant's list is exactly {@code created}, newest first, equal incident by incident. */
  private static void assertListIs(IncidentService service, String tenant, List<Incident> created, String context) {
    List<Incident> expected = new ArrayList<>(created);
    expected.sort((a, b) -> Long.compare(b.number(), a.number()));
    List<Incident> listed = listAll(service, tenant, created.size() + 10);
    if (!numbers(listed).equals(numbers(expected))) {
      throw new AssertionError(context + ": list of tenant " + tenant + " shows numbers " + numbers(listed)
          + ", expected exactly " + numbers(expected) + " (newest first)");
    }
    for (int i = 0; i < expected.size(); i++) {
      assertSameIncident(expected.get(i), listed.get(i), context + ": list of tenant " + tenant);
    }
  }

  private static DocumentRenderer failing(List<Long> calls) {
    return number -> {
      calls.add(number);
      throw new IllegalStateException("incident-tck: this renderer fails on purpose (rendering #" + number + ")");
    };
  }

  private static DocumentRenderer rendering(String tenant, String text, List<Long> calls) {
    return number -> {
      calls.add(number);
      return Renderings.of(Documents.render(tenant, number, text));
    };
  }

  private static String fingerprint(int i) {
    return String.format("%064x", i);
  }

  private static @Nullable Incident newest(IncidentService service, String tenant) {
    List<Incident> first = service.list(as(tenant), ListRequest.first(1)).incidents();
    return first.isEmpty() ? null : first.get(0);
  }

  // ---- 0xx: preconditions ------------------------------------------------------------------------

  @Test
  @Override
  public void required_tck001_validateCreateStoreReturnsAnEmptyStore() {
    IncidentStore store = newStore();
    for (String tenant : List.of(TENANT, "default", "other")) {
      assertThat(store.list(tenant, ListQuery.newest(100)))
          .as("createStore() must return an empty store, but list(\"%s\") of a new store is not empty", tenant)
          .isEmpty();
      for (long n = 1; n <= 3; n++) {
        assertThat(store.get(tenant, n))
            .as("createStore() must return an empty store, but get(\"%s\", %d) of a new store found an incident", tenant, n)
            .isEmpty();
      }
    }
    IncidentService service = serviceOver(store);
    Incident created = service.create(as(TENANT), Requests.titled("precondition"));
    assertThat(created.number()).as("the first incident's number").isGreaterThanOrEqualTo(1);
    assertSameIncident(created, get(service, TENANT, created.id()), "get(\"" + created.id() + "\")");
  }

  @Test
  @Override
  public void required_tck002_validateCreateStoreReturnsIndependentStores() {
    IncidentStore first = newStore();
    IncidentStore second = newStore();
    assertThat(second).as("two calls of createStore() must return two instances").isNotSameAs(first);
    Incident inFirst = serviceOver(first).create(as(TENANT), Requests.titled("in the first store"));
    assertThat(second.list(TENANT, ListQuery.newest(100)))
        .as("an incident created in one store from createStore() is visible in another: they must not share storage")
        .isEmpty();
    assertThat(second.get(TENANT, inFirst.number()))
        .as("get in the second store found the incident created in the first: they must not share storage")
        .isEmpty();
    Incident inSecond = serviceOver(second).create(as(TENANT), Requests.titled("in the second store"));
    assertThat(storedNumbers(first.list(TENANT, ListQuery.newest(100))))
        .as("the first store must show only its own incident")
        .containsExactly(inFirst.number());
    first.close();
    assertThat(storedNumbers(second.list(TENANT, ListQuery.newest(100))))
        .as("closing one store from createStore() must leave another usable")
        .containsExactly(inSecond.number());
  }

  @Test
  @Override
  public void optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData() {
    IncidentStore store = newStore();
    Incident created = serviceOver(store).create(as(TENANT), Requests.titled("before reopen"));
    IncidentStore again = reopen(store);
    assertThat(again).as("reopenStore(store) must return a store").isNotNull();
    Throwable afterClose = catchThrowable(() -> store.list(TENANT, ListQuery.newest(10)));
    assertThat(afterClose)
        .as("reopenStore(store) must close the store it is given: a call on it afterwards must fail with "
            + "IllegalStateException (see also tck607)")
        .isInstanceOf(IllegalStateException.class);
    IncidentService service = serviceOver(again);
    assertSameIncident(created, get(service, TENANT, created.id()), "after reopen, get(\"" + created.id() + "\")");
    assertListIs(service, TENANT, List.of(created), "after reopen");
  }

  // ---- 1xx: round trip ---------------------------------------------------------------------------

  private record TenantRequest(String tenant, IncidentCreateRequest request) {
    @Override
    public String toString() {
      return "in tenant '" + tenant + "': " + Requests.describe(request);
    }
  }

  private static Gen<TenantRequest> requestsInAnyTenant() {
    return Generators.tenants().flatMap(t -> Generators.requests(t).map(r -> new TenantRequest(t, r)));
  }

  @Test
  @Override
  public void required_tck101_roundTripGetById() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), requestsInAnyTenant(), example -> {
      clock.advance(Duration.ofMillis(1));
      Incident created = service.create(as(example.tenant()), example.request());
      assertSameIncident(created, get(service, example.tenant(), created.id()), "get(\"" + created.id() + "\")");
    });
  }

  @Test
  @Override
  public void required_tck102_roundTripGetByDisplayId() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), requestsInAnyTenant(), example -> {
      clock.advance(Duration.ofMillis(1));
      Incident created = service.create(as(example.tenant()), example.request());
      assertSameIncident(created, get(service, example.tenant(), created.displayId()),
          "get(\"" + created.displayId() + "\")");
    });
  }

  @Test
  @Override
  public void required_tck103_roundTripList() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), requestsInAnyTenant(), example -> {
      clock.advance(Duration.ofMillis(1));
      Incident created = service.create(as(example.tenant()), example.request());
      Incident listed = newest(service, example.tenant());
      if (listed == null) {
        throw new AssertionError("list of tenant " + example.tenant() + " is empty right after create returned "
            + created.displayId());
      }
      assertSameIncident(created, listed, "the first incident of list");
    });
  }

  @Test
  @Override
  public void required_tck104_roundTripMaximalRequests() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.maximalExamples(), Math.min(settings.shrinks(), MAXIMAL_SHRINKS),
        Generators.maximalRequests(TENANT).describedAs(Requests::describe), request -> {
      clock.advance(Duration.ofMillis(1));
      Incident created = service.create(as(TENANT), request);
      assertSameIncident(created, get(service, TENANT, created.id()), "get(\"" + created.id() + "\")");
      assertSameIncident(created, get(service, TENANT, created.displayId()), "get(\"" + created.displayId() + "\")");
      assertSameIncident(created, newest(service, TENANT), "the first incident of list");
    });
  }

  /** Registers, for {@code tenant}, a tenant fragment with a field and an array of every type, a subtype and an app. */
  private static List<SchemaFragment> registerFragments(IncidentService service, String tenant) {
    List<CustomField> fields = new ArrayList<>();
    for (FieldType type : FieldType.values()) {
      CustomField one = CustomField.of("one_" + type, type);
      CustomField many = CustomField.arrayOf("many_" + type, type);
      if (type == FieldType.ENUM) {
        one = one.allowedValues(CustomFieldValues.ENUM_VALUES.toArray(String[]::new));
        many = many.allowedValues(CustomFieldValues.ENUM_VALUES.toArray(String[]::new));
      }
      fields.add(one);
      fields.add(many);
    }
    List<SchemaFragment> fragments = List.of(SchemaFragment.tenant(fields.toArray(CustomField[]::new)),
        SchemaFragment.subtype("bug", CustomField.of("note", FieldType.RICH_TEXT)),
        SchemaFragment.app("jira", CustomField.of("issue", FieldType.ID), CustomField.arrayOf("labels", FieldType.TOKENS)));
    fragments.forEach(f -> service.schemas().register(tenant, f));
    return fragments;
  }

  /** Requests of {@link Generators#requests} with custom fields of every registered type added. */
  private static Gen<IncidentCreateRequest> withCustomFields(String tenant, List<SchemaFragment> fragments) {
    Gen<IncidentCreateRequest> base = Generators.requests(tenant);
    Gen<Boolean> coin = Requests.coin();
    return prng -> {
      boolean subtype = coin.generate(prng);
      boolean app = coin.generate(prng);
      Map<String, Object> values = new LinkedHashMap<>();
      for (SchemaFragment fragment : fragments) {
        boolean used = switch (fragment.kind()) {
          case TENANT -> true;
          case CUSTOM_TYPE -> subtype;
          case APP -> app;
        };
        for (CustomField field : fragment.fields()) {
          if (!used || !coin.generate(prng)) {
            continue;
          }
          Gen<CustomFieldValues.Valid> value = CustomFieldValues.valid(field.type(), tenant);
          values.put(fragment.key(field), field.array()
              ? lists().of(value).ofSizeBetween(1, 4).generate(prng).stream().map(CustomFieldValues.Valid::sent).toList()
              : value.generate(prng).sent());
        }
      }
      return base.generate(prng).toBuilder()
          .customSchemaSpec(new CustomSchemaSpec(app ? List.of("jira") : List.of(), subtype ? "bug" : null, true, false))
          .customFields(values)
          .build();
    };
  }

  @Test
  @Override
  public void required_tck105_roundTripCustomFields() {
    IncidentService service = serviceOver(newStore());
    List<SchemaFragment> fragments = registerFragments(service, TENANT);
    Gen<IncidentCreateRequest> requests = withCustomFields(TENANT, fragments)
        .describedAs(r -> Requests.describe(r) + ", custom fields " + Text.escape(Text.abbreviate(r.customFields(), 2000)));
    forAll(settings.examples(), requests, request -> {
      clock.advance(Duration.ofMillis(1));
      Incident created = service.create(as(TENANT), request);
      assertSameIncident(created, get(service, TENANT, created.id()), "get(\"" + created.id() + "\")");
      assertSameIncident(created, newest(service, TENANT), "the first incident of list");
    });
  }

  // ---- 2xx: numbers ------------------------------------------------------------------------------

  @Test
  @Override
  public void required_tck201_numbersIncreaseWithEveryCreate() {
    IncidentService service = serviceOver(newStore());
    Gen<List<Pair<Integer, String>>> interleavings = lists()
        .of(integers().between(0, 2).zip(Generators.titles(), Pair::of))
        .ofSizeBetween(1, settings.listMax())
        .describedAs(creates -> creates.stream().map(c -> "create in tenant " + c._1 + ": " + Text.quote(c._2)).toList().toString());
    forAll(settings.examples(), interleavings, creates -> {
      List<String> tenants = List.of(freshTenant("n"), freshTenant("n"), freshTenant("n"));
      Map<String, List<Incident>> created = new LinkedHashMap<>();
      tenants.forEach(t -> created.put(t, new ArrayList<>()));
      for (Pair<Integer, String> create : creates) {
        String tenant = tenants.get(create._1);
        Incident incident = service.create(as(tenant), Requests.titled(create._2));
        List<Incident> before = Objects.requireNonNull(created.get(tenant), "every tenant has a list");
        if (incident.number() < 1) {
          throw new AssertionError("create returned number " + incident.number() + "; numbers start at 1");
        }
        if (!before.isEmpty() && incident.number() <= before.get(before.size() - 1).number()) {
          throw new AssertionError("create in tenant " + tenant + " returned #" + incident.number() + " after #"
              + before.get(before.size() - 1).number() + " (numbers so far: " + numbers(before)
              + "): numbers must increase with every create");
        }
        before.add(incident);
      }
      created.forEach((tenant, incidents) -> assertListIs(service, tenant, incidents, "after the creates"));
    });
  }

  @Test
  @Override
  public void required_tck202_numbersAreUniqueUnderConcurrentCreates() {
    IncidentService service = serviceOver(newStore());
    List<String> tenants = List.of(freshTenant("busy"), freshTenant("busy"));
    int perThread = settings.createsPerThread();
    List<List<Incident>> byThread = threads(settings.threads()).run("concurrent creates", thread -> {
      List<Incident> mine = new ArrayList<>(perThread);
      for (int i = 0; i < perThread; i++) {
        String tenant = tenants.get((thread + i) % 2);
        mine.add(service.create(as(tenant), Requests.titled("thread " + thread + " create " + i + " ✓")));
      }
      return mine;
    });
    for (String tenant : tenants) {
      Map<Long, String> owners = new HashMap<>();
      List<Incident> all = new ArrayList<>();
      for (int thread = 0; thread < byThread.size(); thread++) {
        long last = 0;
        List<Incident> mine = byThread.get(thread);
        for (int i = 0; i < mine.size(); i++) {
          if (!tenants.get((thread + i) % 2).equals(tenant)) {
            continue;
          }
          Incident incident = mine.get(i);
          String owner = "thread " + thread + " (\"" + incident.title() + "\")";
          String previous = owners.put(incident.number(), owner);
          if (previous != null) {
            throw new AssertionError("tenant " + tenant + ": #" + incident.number() + " was returned to two "
                + "concurrent creates, " + previous + " and " + owner + ": number allocation is not atomic");
          }
          if (incident.number() <= last) {
            throw new AssertionError("tenant " + tenant + ": " + owner + " got #" + incident.number()
                + " after #" + last + ": one thread's numbers must increase");
          }
          last = incident.number();
          all.add(incident);
        }
      }
      assertListIs(service, tenant, all, settings.threads() + " threads creating at once");
    }
  }

  @Test
  @Override
  public void required_tck203_numbersOfOneTenantIgnoreOtherTenants() {
    IncidentService alone = serviceOver(newStore());
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      expected.add(alone.create(as("solo"), Requests.titled("alone " + i)).number());
    }
    IncidentService shared = serviceOver(newStore());
    List<Long> actual = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j <= i + 2; j++) {
        shared.create(as("busy"), Requests.titled("busy " + i + "." + j));
        shared.create(as("other"), Requests.titled("other " + i + "." + j));
      }
      actual.add(shared.create(as("solo"), Requests.titled("shared " + i)).number());
    }
    assertThat(actual)
        .as("tenant solo's numbers when other tenants create in between, against its numbers alone in an empty "
            + "store: numbers must be allocated per tenant")
        .isEqualTo(expected);
  }

  // ---- 3xx: idempotency --------------------------------------------------------------------------

  private record Keyed(String key, IncidentCreateRequest request) {
    @Override
    public String toString() {
      return "key " + Text.quote(key) + ", " + Requests.describe(request);
    }
  }

  private static Gen<Keyed> keyedRequests(Gen<IncidentCreateRequest> requests) {
    return Requests.keys().zip(requests, Keyed::new);
  }

  @Test
  @Override
  public void required_tck301_replayReturnsTheFirstIncidentAndStoresNothing() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), keyedRequests(Generators.requests(TENANT)), example -> {
      IdempotencyKey key = IdempotencyKey.of(Requests.unique(examplePrefix(), example.key()));
      Incident first = service.create(as(TENANT), example.request(), key);
      clock.advance(Duration.ofMinutes(1));
      Incident replay = service.create(as(TENANT), example.request(), key);
      assertSameIncident(first, replay, "a replay with key \"" + Text.abbreviate(key.value(), 60) + "\"");
      assertSameIncident(first, newest(service, TENANT),
          "after the replay, the newest incident of list (the replay must store nothing)");
      assertSameIncident(first, get(service, TENANT, first.id()), "get(\"" + first.id() + "\") after the replay");
    });
  }

  @Test
  @Override
  public void required_tck302_sameKeyWithAnotherRequestIsConflict() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), keyedRequests(Generators.requests(TENANT)), example -> {
      IdempotencyKey key = IdempotencyKey.of(Requests.unique(examplePrefix(), example.key()));
      Incident first = service.create(as(TENANT), example.request(), key);
      IncidentCreateRequest other = Requests.retitled(example.request());
      Throwable thrown = catchThrowable(() -> service.create(as(TENANT), other, key));
      if (!(thrown instanceof ConflictException)) {
        throw new AssertionError("a create with key \"" + Text.abbreviate(key.value(), 60) + "\" already used for "
            + first.displayId() + " and another request must fail with conflict, but "
            + (thrown == null ? "it succeeded" : "it threw " + thrown), thrown);
      }
      assertSameIncident(first, newest(service, TENANT), "after the conflict, the newest incident of list");
      assertSameIncident(first, service.create(as(TENANT), example.request(), key), "a replay after the conflict");
    });
  }

  private record Attempt(@Nullable Incident incident, @Nullable RuntimeException error) {
    /** The incident's display id, or the error when there is none. */
    String shown() {
      return incident != null ? incident.displayId() : String.valueOf(error);
    }
  }

  private Attempt attempt(IncidentService service, String tenant, IncidentCreateRequest request, IdempotencyKey key) {
    try {
      return new Attempt(service.create(as(tenant), request, key), null);
    } catch (RuntimeException e) {
      return new Attempt(null, e);
    }
  }

  @Test
  @Override
  public void required_tck303_concurrentRetriesStoreOneIncident() {
    IncidentService service = serviceOver(newStore());
    String tenant = freshTenant("race");
    Concurrently racers = threads(settings.racers());
    List<Incident> winners = new ArrayList<>();
    for (int round = 0; round < settings.rounds(); round++) {
      IdempotencyKey key = IdempotencyKey.of("race " + round);
      IncidentCreateRequest request = Requests.titled("round " + round + " of racing retries ⚑");
      List<Attempt> attempts = racers.run("racing retries", i -> attempt(service, tenant, request, key));
      Incident winner = null;
      for (int i = 0; i < attempts.size(); i++) {
        Attempt attempt = attempts.get(i);
        if (attempt.error() != null) {
          throw new AssertionError("round " + round + ": thread " + i + " of " + attempts.size()
              + " retrying with one key and an equal request failed: " + attempt.error(), attempt.error());
        }
        if (winner == null) {
          winner = attempt.incident();
        } else if (!winner.equals(attempt.incident())) {
          throw new AssertionError("round " + round + ": " + attempts.size() + " threads retrying with key \""
              + key + "\" got different incidents, " + winner.displayId() + " and "
              + attempt.shown() + ": the key lookup and the insert are not atomic; "
              + Differences.between(winner, attempt.incident()));
        }
      }
      winners.add(winner);
      assertListIs(service, tenant, winners, "round " + round + " of " + attempts.size() + " racing retries");
    }
  }

  @Test
  @Override
  public void required_tck304_concurrentConflictingRetriesStoreOneIncident() {
    IncidentService service = serviceOver(newStore());
    String tenant = freshTenant("race");
    Concurrently racers = threads(settings.racers());
    List<Incident> winners = new ArrayList<>();
    for (int round = 0; round < settings.rounds(); round++) {
      IdempotencyKey key = IdempotencyKey.of("conflicting race " + round);
      List<IncidentCreateRequest> requests = List.of(Requests.titled("round " + round + " request A"),
          Requests.titled("round " + round + " request B"));
      List<Attempt> attempts = racers.run("racing conflicting retries",
          i -> attempt(service, tenant, requests.get(i % 2), key));
      Incident winner = attempts.stream().map(Attempt::incident).filter(Objects::nonNull).findFirst()
          .orElseThrow(() -> new AssertionError("no thread racing on key \"" + key + "\" succeeded: "
              + attempts.get(0).error(), attempts.get(0).error()));
      for (int i = 0; i < attempts.size(); i++) {
        Attempt attempt = attempts.get(i);
        boolean winnersRequest = Objects.equals(requests.get(i % 2).title(), winner.title());
        if (winnersRequest && !winner.equals(attempt.incident())) {
          throw new AssertionError("round " + round + ": thread " + i + " sent the winning request for key \""
              + key + "\" but got " + (attempt.error() != null ? attempt.error()
              : attempt.shown() + " instead of " + winner.displayId()), attempt.error());
        }
        if (!winnersRequest && !(attempt.error() instanceof ConflictException)) {
          throw new AssertionError("round " + round + ": thread " + i + " sent the other request for key \"" + key
              + "\" (the winner " + winner.displayId() + " is \"" + winner.title() + "\") and must get conflict, but "
              + (attempt.incident() == null ? "got " + attempt.error() : "got " + attempt.shown()
              + " \"" + attempt.incident().title() + "\""), attempt.error());
        }
      }
      winners.add(winner);
      assertListIs(service, tenant, winners, "round " + round + " of racing conflicting retries");
    }
  }

  @Test
  @Override
  public void required_tck305_keysAreComparedExactly() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), keyedRequests(Requests.small()), example -> {
      String key = Requests.unique(examplePrefix(), example.key());
      IncidentCreateRequest request = example.request();
      Incident first = service.create(as(TENANT), request, IdempotencyKey.of(key));
      Set<Long> numbers = new HashSet<>(List.of(first.number()));
      Map<String, NearMiss> nearMisses = new LinkedHashMap<>();
      for (NearMiss nearMiss : NearMiss.values()) {
        nearMisses.putIfAbsent(nearMiss.apply(key), nearMiss);
      }
      for (Map.Entry<String, NearMiss> variant : nearMisses.entrySet()) {
        String other = variant.getKey();
        NearMiss nearMiss = variant.getValue();
        Incident created;
        try {
          created = service.create(as(TENANT), Requests.retitled(request), IdempotencyKey.of(other));
        } catch (ConflictException e) {
          throw new AssertionError("key \"" + other + "\" (" + nearMiss + " of \"" + key + "\") was taken for the "
              + "original: a create with it was a conflict; keys must be compared exactly", e);
        }
        if (!numbers.add(created.number())) {
          throw new AssertionError("key \"" + other + "\" (" + nearMiss + " of \"" + key + "\") was taken for an "
              + "earlier key: a create with it returned " + created.displayId() + "; keys must be compared exactly");
        }
      }
      assertSameIncident(first, service.create(as(TENANT), request, IdempotencyKey.of(key)),
          "a replay with the original key");
    });
  }

  @Test
  @Override
  public void required_tck306_keysThatHashAlikeOrDifferLateAreDifferent() {
    IncidentStore store = newStore();
    forAll(settings.examples(), Adversarial.lookAlikeKeys(), family -> {
      String tenant = freshTenant("lookalike");
      List<String> keys = family.keys();
      Map<String, Long> numbers = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        CreateResult result = store.create(new NewIncident(tenant, key, fingerprint(i),
            rendering(tenant, "key " + i, new ArrayList<>())));
        if (!(result instanceof CreateResult.Created)) {
          throw new AssertionError(family + ": key " + i + " " + Text.quote(key) + " was never used, but its create "
              + "returned " + result + (numbers.containsValue(result.number()) ? ", the incident of an earlier key" : "")
              + ": keys are compared exactly, not by a hash or a prefix (clause 14.3.3)");
        }
        numbers.put(key, result.number());
      }
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        CreateResult again = store.create(new NewIncident(tenant, key, fingerprint(i),
            rendering(tenant, "again " + i, new ArrayList<>())));
        if (!(again instanceof CreateResult.Replayed replayed) || replayed.number() != Objects.requireNonNull(numbers.get(key))
            || !replayed.fingerprint().equals(fingerprint(i))) {
          throw new AssertionError(family + ": a retry with key " + i + " " + Text.quote(key) + " returned " + again
              + ", expected Replayed of #" + numbers.get(key) + " with fingerprint " + fingerprint(i)
              + " (clause 14.3.1): the store took another key of the family for this one");
        }
      }
    });
  }

  @Test
  @Override
  public void required_tck307_fingerprintsThatLookHexComeBackExactly() {
    IncidentStore store = newStore();
    String tenant = freshTenant("fingerprints");
    List<String> fingerprints = Adversarial.hexLookalikeFingerprints(seed);
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < fingerprints.size(); i++) {
      String key = "fingerprint " + i;
      CreateResult result = store.create(new NewIncident(tenant, key, fingerprints.get(i),
          rendering(tenant, key, new ArrayList<>())));
      if (!(result instanceof CreateResult.Created created)) {
        throw new AssertionError("a create with the new key \"" + key + "\" and the fingerprint "
            + Text.quote(fingerprints.get(i)) + " returned " + result + ", not Created");
      }
      numbers.add(created.number());
    }
    for (int i = 0; i < fingerprints.size(); i++) {
      String key = "fingerprint " + i;
      CreateResult again = store.create(new NewIncident(tenant, key, fingerprint(i),
          rendering(tenant, "again " + i, new ArrayList<>())));
      if (!(again instanceof CreateResult.Replayed replayed) || replayed.number() != numbers.get(i)
          || !replayed.fingerprint().equals(fingerprints.get(i))) {
        throw new AssertionError("a retry with key \"" + key + "\" returned " + again + "; expected Replayed of #"
            + numbers.get(i) + " with the fingerprint recorded, " + Text.quote(fingerprints.get(i))
            + ", character for character (clause 14.3.1): fingerprints are opaque text, not hex to be decoded");
      }
    }
  }

  // ---- 4xx: tenants ------------------------------------------------------------------------------

  private record TenantsExample(TenantPair tenants, int inFirst, int inSecond) {
    @Override
    public String toString() {
      return tenants + ", " + inFirst + " and " + inSecond + " incidents";
    }
  }

  @Test
  @Override
  public void required_tck401_tenantsDoNotSeeEachOthersIncidents() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    Gen<TenantsExample> examples = Requests.tenantPairs(48)
        .zip(integers().between(1, 4), integers().between(0, 4), TenantsExample::new);
    forAll(settings.examples(), examples, example -> {
      TenantPair pair = example.tenants().prefixed("t" + (++counter) + "-");
      List<Incident> first = new ArrayList<>();
      List<Incident> second = new ArrayList<>();
      int most = Math.max(example.inFirst(), example.inSecond());
      for (int i = 0; i < most; i++) {
        if (i < example.inFirst()) {
          first.add(service.create(as(pair.first()), Requests.titled("of " + pair.first() + " #" + i)));
        }
        if (i < example.inSecond()) {
          second.add(service.create(as(pair.second()), Requests.titled("of " + pair.second() + " #" + i)));
        }
      }
      assertListIs(service, pair.first(), first, pair.toString());
      assertListIs(service, pair.second(), second, pair.toString());
      Map<Long, Incident> secondByNumber = second.stream().collect(Collectors.toMap(Incident::number, i -> i));
      for (Incident incident : first) {
        Incident seen;
        try {
          seen = service.get(as(pair.second()), incident.displayId());
        } catch (NotFoundException e) {
          seen = null;
        }
        if (seen != null && !seen.equals(secondByNumber.get(incident.number()))) {
          throw new AssertionError(pair + ": tenant '" + pair.second() + "' got " + incident.displayId()
              + " of tenant '" + pair.first() + "' (\"" + seen.title() + "\")");
        }
        StoredIncident stored = store.get(pair.second(), incident.number()).orElse(null);
        if (stored != null && !secondByNumber.containsKey(stored.number())) {
          throw new AssertionError(pair + ": the SPI's get(\"" + pair.second() + "\", " + incident.number()
              + ") returned a document of tenant '" + pair.first() + "': " + Documents.show(stored.document()));
        }
      }
    });
  }

  private record PairWithKey(TenantPair tenants, String key) {
    @Override
    public String toString() {
      return tenants + ", key " + Text.quote(key);
    }
  }

  @Test
  @Override
  public void required_tck402_idempotencyKeysAreScopedToTheTenant() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), Requests.tenantPairs(48).zip(Requests.keys(), PairWithKey::new), example -> {
      TenantPair pair = example.tenants().prefixed("k" + (++counter) + "-");
      IdempotencyKey key = IdempotencyKey.of(example.key());
      IncidentCreateRequest request = Requests.titled("first, in " + pair.first());
      Incident first = service.create(as(pair.first()), request, key);
      Incident second;
      try {
        second = service.create(as(pair.second()), Requests.titled("second, in " + pair.second()), key);
      } catch (ConflictException e) {
        throw new AssertionError(pair + ": key \"" + key + "\" of tenant '" + pair.first()
            + "' made a create in tenant '" + pair.second() + "' a conflict; keys belong to their tenant", e);
      }
      if (second.title().equals(first.title())) {
        throw new AssertionError(pair + ": a create with key \"" + key + "\" in tenant '" + pair.second()
            + "' returned tenant '" + pair.first() + "''s incident " + first.displayId());
      }
      assertSameIncident(first, service.create(as(pair.first()), request, key), "a replay in " + pair.first());
      assertListIs(service, pair.first(), List.of(first), pair.toString());
      assertListIs(service, pair.second(), List.of(second), pair.toString());
    });
  }

  @Test
  @Override
  public void required_tck403_namesThatJoinOrHashAlikeStayApart() {
    IncidentStore store = newStore();
    Gen<Boolean> firstFirst = Requests.coin();
    forAll(settings.examples(), Adversarial.straddles(Adversarial.TENANT_SEPARATORS, false).zip(firstFirst, Pair::of),
        example -> {
          Adversarial.Straddle s = example._1;
          String prefix = "s" + (++counter);
          List<String[]> pairs = List.of(new String[] {prefix + s.firstScope(), s.firstKey()},
              new String[] {prefix + s.secondScope(), s.secondKey()});
          if (!example._2) {
            pairs = List.of(pairs.get(1), pairs.get(0));
          }
          List<CreateResult.Created> created = new ArrayList<>();
          for (String[] pair : pairs) {
            CreateResult result = store.create(new NewIncident(pair[0], pair[1], fingerprint(created.size()),
                rendering(pair[0], "key " + pair[1], new ArrayList<>())));
            if (!(result instanceof CreateResult.Created made)) {
              throw new AssertionError(s + ", prefixed " + prefix + ": the create with key " + Text.quote(pair[1])
                  + " in tenant '" + pair[0] + "' returned " + result + ": the other pair's key was taken for it; a "
                  + "store that joins tenant and key into one map key must join them so that no other pair reads "
                  + "the same (clauses 14.4.1, 14.4.2)");
            }
            created.add(made);
          }
          for (int i = 0; i < 2; i++) {
            String tenant = pairs.get(i)[0];
            List<StoredIncident> listed = store.list(tenant, ListQuery.newest(10));
            if (listed.size() != 1 || listed.get(0).number() != created.get(i).number()
                || !Documents.sameJson(listed.get(0).document(), created.get(i).incident().document())) {
              throw new AssertionError(s + ", prefixed " + prefix + ": tenant '" + tenant + "' lists "
                  + listed.stream().map(x -> "#" + x.number() + " " + Documents.show(x.document())).toList()
                  + ", expected only its own incident #" + created.get(i).number() + " (clause 14.4.1)");
            }
          }
        });
    // Tenants of equal hash code, one key in each, and (tenant, number) pairs that read alike without a separator.
    String base = "h" + (++counter);
    List<String> colliding = Adversarial.collidingNames(base);
    for (String tenant : colliding) {
      CreateResult result = store.create(new NewIncident(tenant, "same key", fingerprint(1),
          rendering(tenant, "of " + tenant, new ArrayList<>())));
      if (!(result instanceof CreateResult.Created) || result.number() != 1) {
        throw new AssertionError("tenants " + colliding + " have the same String.hashCode(): the first create with "
            + "key \"same key\" in '" + tenant + "' returned " + result + ", expected Created #1 (clauses 14.1.3, 14.4.1)");
      }
    }
    String shortName = "n" + (++counter);
    String longName = shortName + "1";
    for (int i = 1; i <= 11; i++) {
      store.create(new NewIncident(shortName, rendering(shortName, "short " + i, new ArrayList<>())));
    }
    store.create(new NewIncident(longName, rendering(longName, "long 1", new ArrayList<>())));
    StoredIncident eleventh = store.get(shortName, 11).orElseThrow(
        () -> new AssertionError("get(\"" + shortName + "\", 11) is empty after 11 creates in that tenant"));
    StoredIncident first = store.get(longName, 1).orElseThrow(
        () -> new AssertionError("get(\"" + longName + "\", 1) is empty after a create in that tenant"));
    if (!Documents.sameJson(eleventh.document(), Documents.render(shortName, 11, "short 11"))
        || !Documents.sameJson(first.document(), Documents.render(longName, 1, "long 1"))) {
      throw new AssertionError("(\"" + shortName + "\", 11) and (\"" + longName + "\", 1) read alike when tenant and "
          + "number are joined without a separator: get returned " + Documents.show(eleventh.document()) + " and "
          + Documents.show(first.document()) + " (clause 14.4.1)");
    }
    // Records: a namespace and a key joined alike, and keys of equal hash code.
    forAll(settings.examples(), Adversarial.straddles(Adversarial.NAMESPACE_SEPARATORS, true), s -> {
      String prefix = "r" + (++counter);
      String firstNamespace = prefix + s.firstScope();
      String secondNamespace = prefix + s.secondScope();
      byte[] firstValue = ("first of " + s).getBytes(StandardCharsets.UTF_8);
      byte[] secondValue = ("second of " + s).getBytes(StandardCharsets.UTF_8);
      store.putRecord(firstNamespace, s.firstKey(), firstValue);
      store.putRecord(secondNamespace, s.secondKey(), secondValue);
      byte[] firstRead = store.record(firstNamespace, s.firstKey()).orElse(null);
      byte[] secondRead = store.record(secondNamespace, s.secondKey()).orElse(null);
      if (!Arrays.equals(firstRead, firstValue) || !Arrays.equals(secondRead, secondValue)) {
        throw new AssertionError("records " + s + ", prefixed " + prefix + ": read back "
            + (firstRead == null ? "nothing" : Text.quote(new String(firstRead, StandardCharsets.UTF_8))) + " and "
            + (secondRead == null ? "nothing" : Text.quote(new String(secondRead, StandardCharsets.UTF_8)))
            + ": each record keeps its own value (clause 14.16)");
      }
    });
    String namespace = "hash" + (++counter);
    List<String> keys = Adversarial.collidingNames("key");
    for (int i = 0; i < keys.size(); i++) {
      store.putRecord(namespace, keys.get(i), new byte[] {(byte) i});
    }
    for (int i = 0; i < keys.size(); i++) {
      byte[] read = store.record(namespace, keys.get(i)).orElse(null);
      if (read == null || read.length != 1 || read[0] != i) {
        throw new AssertionError("record keys " + keys + " have the same String.hashCode(): key \"" + keys.get(i)
            + "\" read back " + Arrays.toString(read) + ", expected [" + i + "] (clause 14.16)");
      }
    }
  }

  // ---- 5xx: list ---------------------------------------------------------------------------------

  private List<Incident> createSome(IncidentService service, String tenant, int count) {
    List<Incident> created = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      created.add(service.create(as(tenant), Requests.titled("incident " + (i + 1) + " of " + count)));
    }
    return created;
  }

  @Test
  @Override
  public void required_tck501_listIsNewestFirst() {
    IncidentService service = serviceOver(newStore());
    forAll(settings.examples(), integers().between(0, settings.listMax()), count -> {
      String tenant = freshTenant("list");
      List<Incident> created = createSome(service, tenant, count);
      IncidentPage page = service.list(as(tenant), ListRequest.first(ListRequest.MAX_LIMIT));
      List<Incident> expected = new ArrayList<>(created);
      Collections.reverse(expected);
      if (!numbers(page.incidents()).equals(numbers(expected))) {
        throw new AssertionError("one page of list shows numbers " + numbers(page.incidents()) + " for "
            + count + " incidents created as " + numbers(created) + "; expected " + numbers(expected)
            + " (newest first)");
      }
      for (int i = 0; i < expected.size(); i++) {
        assertSameIncident(expected.get(i), page.incidents().get(i), "list");
      }
      assertThat(page.nextCursor()).as("a page that holds every incident has no next cursor").isNull();
    });
  }

  private record Paging(int count, int pageSize) {
    @Override
    public String toString() {
      return count + " incidents, pages of " + pageSize;
    }
  }

  @Test
  @Override
  public void required_tck502_pagesVisitEveryIncidentOnce() {
    IncidentService service = serviceOver(newStore());
    int max = settings.listMax();
    forAll(settings.examples(), integers().between(0, max).zip(integers().between(1, max + 1), Paging::new), example -> {
      int count = example.count();
      int pageSize = example.pageSize();
      String tenant = freshTenant("pages");
      List<Incident> created = createSome(service, tenant, count);
      List<IncidentPage> pages = pages(service, tenant, pageSize, count);
      List<Incident> visited = new ArrayList<>();
      for (IncidentPage page : pages) {
        if (page.incidents().size() > pageSize) {
          throw new AssertionError("a page of at most " + pageSize + " holds " + page.incidents().size());
        }
        visited.addAll(page.incidents());
      }
      List<Incident> expected = new ArrayList<>(created);
      Collections.reverse(expected);
      if (!numbers(visited).equals(numbers(expected))) {
        throw new AssertionError("paging by " + pageSize + " through " + count + " incidents visited "
            + numbers(visited) + " in pages of " + pages.stream().map(p -> numbers(p.incidents())).toList()
            + "; expected each of " + numbers(expected) + " exactly once, newest first");
      }
      for (int i = 0; i < expected.size(); i++) {
        assertSameIncident(expected.get(i), visited.get(i), "list by pages of " + pageSize);
      }
      int expectedPages = Math.max(1, (count + pageSize - 1) / pageSize);
      assertThat(pages).as("pages of %d for %d incidents", pageSize, count).hasSize(expectedPages);
    });
  }

  private record Bounds(int count, int before, int limit) {
    @Override
    public String toString() {
      return count + " incidents, beforeNumber choice " + before + ", limit " + limit;
    }
  }

  @Test
  @Override
  public void required_tck503_listHonoursBeforeAndLimit() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    int max = settings.listMax();
    Gen<Bounds> bounds = integers().between(0, max)
        .zip(integers().between(0, 2 * max + 4), integers().between(1, max + 2), Bounds::new);
    forAll(settings.examples(), bounds, example -> {
      String tenant = freshTenant("bounds");
      // Failed creates leave gaps, so bounds fall on, next to and between numbers.
      List<Long> numbers = new ArrayList<>();
      for (int i = 0; i < example.count(); i++) {
        if (i % 3 == 1) {
          Throwable unused = catchThrowable(() -> store.create(new NewIncident(tenant, null, null, failing(new ArrayList<>()))));
        }
        numbers.add(service.create(as(tenant), Requests.titled("bounds " + i)).number());
      }
      long before = beforeNumber(example.before(), numbers);
      List<Long> expected = numbers.stream().filter(n -> n < before).sorted(Collections.reverseOrder())
          .limit(example.limit()).toList();
      List<StoredIncident> page = store.list(tenant, ListQuery.newest(example.limit()).after(before));
      if (!storedNumbers(page).equals(expected)) {
        throw new AssertionError("list(\"" + tenant + "\", newest first below " + before + ", limit " + example.limit()
            + ") over numbers " + numbers + " returned " + storedNumbers(page) + ", expected " + expected);
      }
      long after = before == Long.MAX_VALUE ? 0 : before;
      List<Long> expectedOldest = numbers.stream().filter(n -> n > after).sorted().limit(example.limit()).toList();
      List<StoredIncident> oldest = store.list(tenant,
          ListQuery.first(FacetFilter.NONE, ListQuery.Order.OLDEST_FIRST, example.limit()).after(after));
      if (!storedNumbers(oldest).equals(expectedOldest)) {
        throw new AssertionError("list(\"" + tenant + "\", oldest first above " + after + ", limit " + example.limit()
            + ") over numbers " + numbers + " returned " + storedNumbers(oldest) + ", expected " + expectedOldest);
      }
      for (StoredIncident stored : page) {
        assertThat(stored.tenant()).as("tenant of a listed incident").isEqualTo(tenant);
        byte[] viaGet = store.get(tenant, stored.number()).map(StoredIncident::document).orElse(null);
        if (!Documents.sameJson(viaGet, stored.document())) {
          throw new AssertionError("list and get return different documents for #" + stored.number() + ": "
              + Documents.show(stored.document()) + " and " + Documents.show(viaGet));
        }
      }
    });
  }

  /** A bound chosen by {@code choice}: past the end, on a number, just above one, just below one, 1 or 0. */
  private static long beforeNumber(int choice, List<Long> numbers) {
    if (numbers.isEmpty() || choice == 0) {
      return choice % 2 == 0 ? Long.MAX_VALUE : 1;
    }
    long n = numbers.get(choice % numbers.size());
    return switch (choice % 5) {
      case 0 -> Long.MAX_VALUE;
      case 1 -> n;
      case 2 -> n + 1;
      case 3 -> n - 1;
      default -> choice % 2 == 0 ? 1 : 0;
    };
  }

  @Test
  @Override
  public void required_tck504_pagingIsStableWhileCreatesRun() {
    IncidentService service = serviceOver(newStore());
    int creators = Math.max(1, settings.threads() - 1);
    int perCreator = settings.createsPerThread();
    Concurrently pool = threads(creators + 1);
    for (int round = 0; round < settings.rounds(); round++) {
      String tenant = freshTenant("stable");
      List<Incident> existing = createSome(service, tenant, settings.listMax());
      Map<Long, Incident> created = new ConcurrentHashMap<>();
      existing.forEach(i -> created.put(i.number(), i));
      CountDownLatch started = new CountDownLatch(creators);
      int pageSize = 1 + round % 4;
      int r = round;
      List<Listing> results = pool.run("paging while creates run", thread -> {
        if (thread < creators) {
          for (int i = 0; i < perCreator; i++) {
            Incident incident = service.create(as(tenant), Requests.titled("round " + r + " thread " + thread + " #" + i));
            created.put(incident.number(), incident);
            if (i == 0) {
              started.countDown();
            }
          }
          return null;
        }
        awaitQuietly(started, settings.timeoutSeconds());
        List<Incident> existedBefore = new ArrayList<>(created.values());
        List<Incident> visited = new ArrayList<>();
        for (IncidentPage page : pages(service, tenant, pageSize, created.size() + creators * perCreator)) {
          visited.addAll(page.incidents());
        }
        return new Listing(visited, existedBefore);
      });
      List<Incident> visited = results.get(creators).visited();
      List<Incident> existedBefore = results.get(creators).existedBefore();
      String context = "round " + round + ", paging by " + pageSize + " while " + creators + " threads create";
      for (int i = 1; i < visited.size(); i++) {
        if (visited.get(i).number() >= visited.get(i - 1).number()) {
          throw new AssertionError(context + ": list is not newest first, or shows an incident twice: #"
              + visited.get(i).number() + " came after #" + visited.get(i - 1).number() + " in " + numbers(visited));
        }
      }
      Set<Long> seen = new HashSet<>(numbers(visited));
      for (Incident incident : existedBefore) {
        if (!seen.contains(incident.number())) {
          throw new AssertionError(context + ": #" + incident.number() + " existed before paging began but was "
              + "never listed; visited " + numbers(visited));
        }
      }
      for (Incident incident : visited) {
        Incident expected = created.get(incident.number());
        if (expected == null) {
          throw new AssertionError(context + ": list showed #" + incident.number() + ", which no create returned");
        }
        assertSameIncident(expected, incident, context + ": list");
      }
    }
  }

  /** What the listing thread saw, and what existed before it began. */
  private record Listing(List<Incident> visited, List<Incident> existedBefore) {}

  private static void awaitQuietly(CountDownLatch latch, long timeoutSeconds) {
    try {
      if (!latch.await(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("the creating threads never created their first incident");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  // ---- 5xx: filters (docs/CONTRACT.md clause 14.14), through the SPI ------------------------------

  /**
   * What the kit wrote for one incident through the SPI: a model of what the store must show. Written by one
   * thread at a time, except in the concurrent rules, which keep their own records.
   */
  private static final class Written {
    final String tenant;
    final long number;
    final @Nullable String key;
    long version = 1;
    byte[] document;
    IncidentFacets facets;
    boolean deleted;
    final List<String> history = new ArrayList<>();

    Written(String tenant, long number, @Nullable String key, byte[] document, IncidentFacets facets) {
      this.tenant = tenant;
      this.number = number;
      this.key = key;
      this.document = document;
      this.facets = facets;
      history.add("created with " + Synthetic.describe(facets));
    }

    String story() {
      return "#" + number + " (" + String.join(", then ", history) + ")";
    }
  }

  /** The document the kit renders for version {@code version} of incident {@code number}. */
  private static byte[] versionDocument(String tenant, long number, long version, String text) {
    return Documents.render(tenant, number, "v" + version + " " + text);
  }

  /** Creates an incident with {@code facets} (and {@code event}) through the SPI; fails unless Created. */
  private static Written createWith(IncidentStore store, String tenant, @Nullable String key, IncidentFacets facets,
      byte @Nullable [] event, String text) {
    CreateResult result = store.create(new NewIncident(tenant, key, key == null ? null : fingerprint(1),
        number -> Synthetic.rendered(versionDocument(tenant, number, 1, text), facets, event)));
    if (!(result instanceof CreateResult.Created created)) {
      throw new AssertionError("a create in tenant " + tenant + (key == null ? "" : " with the new key \"" + key + "\"")
          + " returned " + result + ", not Created");
    }
    StoredIncident stored = created.incident();
    if (stored.version() != 1) {
      throw new AssertionError("create returned #" + stored.number() + " at version " + stored.version()
          + "; a new incident's version is 1");
    }
    return new Written(tenant, stored.number(), key, stored.document(), facets);
  }

  /** Updates {@code written} from its version to {@code facets}; fails unless Updated at one version more. */
  private static void updateWith(IncidentStore store, Written written, IncidentFacets facets, byte @Nullable [] event,
      String text) {
    long next = written.version + 1;
    byte[] document = versionDocument(written.tenant, written.number, next, text);
    UpdateResult result = store.update(new IncidentUpdate(written.tenant, written.number, written.version,
        Synthetic.rendered(document, facets, event)));
    if (!(result instanceof UpdateResult.Updated updated)) {
      throw new AssertionError("update of " + written.story() + " from its current version " + written.version
          + " returned " + result + ", expected Updated at version " + next);
    }
    if (updated.incident().version() != next || updated.incident().number() != written.number) {
      throw new AssertionError("update of " + written.story() + " from version " + written.version
          + " returned Updated with #" + updated.incident().number() + " at version " + updated.incident().version()
          + ", expected #" + written.number + " at version " + next + " (one more per stored change)");
    }
    written.version = next;
    written.document = document;
    written.facets = facets;
    written.history.add("updated to version " + next + " with " + Synthetic.describe(facets));
  }

  /** Deletes {@code written} from its version; fails unless Deleted. */
  private static void deleteWith(IncidentStore store, Written written, byte @Nullable [] event) {
    DeleteResult result = store.delete(Synthetic.deletion(written.tenant, written.number, written.version, event));
    if (!(result instanceof DeleteResult.Deleted)) {
      throw new AssertionError("delete of " + written.story() + " from its current version " + written.version
          + " returned " + result + ", expected Deleted");
    }
    written.deleted = true;
    written.history.add("deleted");
  }

  /**
   * Every page of a filtered list, following boundaries: each page at most {@code pageSize}, the next asked
   * after the last number of a full page; fails if paging runs away or a page is out of order.
   */
  private static List<List<StoredIncident>> filteredPages(IncidentStore store, String tenant, FacetFilter filter,
      ListQuery.Order order, int pageSize, int atMost) {
    List<List<StoredIncident>> pages = new ArrayList<>();
    ListQuery query = ListQuery.first(filter, order, pageSize);
    int maxPages = atMost / pageSize + 3;
    String what = "list(\"" + tenant + "\", " + Synthetic.describe(filter) + ", " + order + ", pages of " + pageSize + ")";
    while (true) {
      if (pages.size() == maxPages) {
        throw new AssertionError(what + " returned more than " + maxPages + " pages for at most " + atMost
            + " incidents: a boundary leads back to incidents already listed");
      }
      List<StoredIncident> page = store.list(tenant, query);
      if (page.size() > pageSize) {
        throw new AssertionError(what + " returned a page of " + page.size() + " incidents, more than its limit");
      }
      for (StoredIncident stored : page) {
        if (!query.isBeyondBoundary(stored.number())) {
          throw new AssertionError(what + ": the page after #" + query.boundary() + " holds #" + stored.number()
              + ", which is not beyond the boundary in " + order + " order; pages so far " + pageNumbers(pages)
              + ", this one " + storedNumbers(page));
        }
      }
      pages.add(page);
      if (page.size() < pageSize) {
        return pages;
      }
      query = query.after(page.get(page.size() - 1).number());
    }
  }

  private static List<List<Long>> pageNumbers(List<List<StoredIncident>> pages) {
    return pages.stream().map(IncidentStoreTck::storedNumbers).toList();
  }

  private static List<StoredIncident> flatten(List<List<StoredIncident>> pages) {
    List<StoredIncident> all = new ArrayList<>();
    pages.forEach(all::addAll);
    return all;
  }

  /** The incidents of {@code model} that a correct store lists for {@code filter}, in {@code order}. */
  private static List<Written> expectedListing(Collection<Written> model, FacetFilter filter, ListQuery.Order order) {
    List<Written> expected = new ArrayList<>();
    for (Written w : model) {
      if (!w.deleted && filter.matches(w.facets)) {
        expected.add(w);
      }
    }
    Comparator<Written> byNumber = Comparator.comparingLong(w -> w.number);
    expected.sort(order == ListQuery.Order.OLDEST_FIRST ? byNumber : byNumber.reversed());
    return expected;
  }

  /**
   * Checks a filtered list, paged in both orders, against the model: exactly the incidents the filter accepts,
   * in order, each at its version with its document. The message names what is missing or extra and why.
   */
  private static void assertFiltered(IncidentStore store, String tenant, Map<Long, Written> model, FacetFilter filter,
      int pageSize) {
    for (ListQuery.Order order : ListQuery.Order.values()) {
      List<List<StoredIncident>> pages = filteredPages(store, tenant, filter, order, pageSize, model.size());
      List<StoredIncident> listed = flatten(pages);
      List<Written> expected = expectedListing(model.values(), filter, order);
      List<Long> expectedNumbers = expected.stream().map(w -> w.number).toList();
      String what = "list(\"" + tenant + "\", " + Synthetic.describe(filter) + ", " + order + ") by pages of "
          + pageSize;
      if (!storedNumbers(listed).equals(expectedNumbers)) {
        StringBuilder why = new StringBuilder();
        Set<Long> listedSet = new HashSet<>(storedNumbers(listed));
        for (Written w : expected) {
          if (!listedSet.contains(w.number)) {
            why.append("\n  missing ").append(w.story()).append(", which the filter accepts");
          }
        }
        Set<Long> expectedSet = new HashSet<>(expectedNumbers);
        for (StoredIncident s : listed) {
          if (!expectedSet.contains(s.number())) {
            Written w = model.get(s.number());
            why.append("\n  extra #").append(s.number()).append(w == null ? ", which the kit never created in this tenant"
                : w.deleted ? ": " + w.story() : ": " + w.story() + ", which the filter does not accept");
          }
        }
        if (why.length() == 0) {
          List<Long> reversed = new ArrayList<>(storedNumbers(listed));
          Collections.reverse(reversed);
          why.append(reversed.equals(expectedNumbers) ? "\n  the right incidents, in the opposite order"
              : "\n  the right incidents, in the wrong order or some twice");
        }
        throw new AssertionError(what + " returned " + storedNumbers(listed) + " in pages " + pageNumbers(pages)
            + ", expected " + expectedNumbers + ":" + why);
      }
      for (int i = 0; i < listed.size(); i++) {
        assertAsWritten(expected.get(i), listed.get(i), what);
      }
    }
  }

  /** Checks that a listed or read incident is the model's: tenant, version and document. */
  private static void assertAsWritten(Written expected, StoredIncident actual, String what) {
    if (!actual.tenant().equals(expected.tenant) || actual.version() != expected.version
        || !Documents.sameJson(expected.document, actual.document())) {
      throw new AssertionError(what + " returned #" + actual.number() + " of tenant " + actual.tenant()
          + " at version " + actual.version() + " with " + Documents.show(actual.document()) + "; expected "
          + expected.story() + " at version " + expected.version + " with " + Documents.show(expected.document));
    }
  }

  /** One filter to check, and the page size to check it with. */
  private record FilterQuery(FacetFilter filter, int pageSize) {
    @Override
    public String toString() {
      return Synthetic.describe(filter) + " by pages of " + pageSize;
    }
  }

  private Gen<List<FilterQuery>> filterQueries() {
    return lists().of(Synthetic.filters().zip(integers().between(1, 4), FilterQuery::new))
        .ofSizeBetween(1, settings.filters());
  }

  private record FilterExample(List<IncidentFacets> incidents, List<FilterQuery> queries) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(incidents.size() + " incidents:");
      for (int i = 0; i < incidents.size(); i++) {
        sb.append("\n  incident ").append(i + 1).append(' ').append(Synthetic.describe(incidents.get(i)));
      }
      sb.append("\nfilters:");
      queries.forEach(q -> sb.append("\n  ").append(q));
      return sb.toString();
    }
  }

  @Test
  @Override
  public void required_tck505_filtersReturnExactlyWhatTheFilterAccepts() {
    IncidentStore store = newStore();
    Gen<FilterExample> examples = lists().of(Synthetic.facets()).ofSizeBetween(0, settings.listMax())
        .zip(filterQueries(), FilterExample::new);
    forAll(settings.examples(), examples, example -> {
      String tenant = freshTenant("filters");
      // The same incidents in a tenant whose name differs only in case: an index without its tenant shows them.
      String decoy = tenant.toUpperCase(java.util.Locale.ROOT);
      Map<Long, Written> model = new TreeMap<>();
      for (int i = 0; i < example.incidents().size(); i++) {
        IncidentFacets facets = example.incidents().get(i);
        createWith(store, decoy, null, facets, null, "decoy " + (i + 1));
        Written w = createWith(store, tenant, null, facets, null, "incident " + (i + 1));
        model.put(w.number, w);
      }
      assertFiltered(store, tenant, model, FacetFilter.NONE, ListRequest.MAX_LIMIT);
      for (FilterQuery query : example.queries()) {
        assertFiltered(store, tenant, model, query.filter(), query.pageSize());
      }
    });
  }

  /** An update to new facets ({@code facets} given) or a delete ({@code facets} null) of incident {@code target}. */
  private record Change(int target, @Nullable IncidentFacets facets) {
    @Override
    public String toString() {
      return (facets == null ? "delete incident " : "update incident ") + (target + 1)
          + (facets == null ? "" : " to " + Synthetic.describe(facets));
    }
  }

  private record ChangesExample(List<IncidentFacets> incidents, List<Change> changes, List<FilterQuery> queries) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(new FilterExample(incidents, List.of()).toString());
      sb.setLength(sb.length() - "\nfilters:".length());
      sb.append("\nchanges:");
      changes.forEach(c -> sb.append("\n  ").append(c));
      sb.append("\nfilters:");
      queries.forEach(q -> sb.append("\n  ").append(q));
      return sb.toString();
    }
  }

  @Test
  @Override
  public void required_tck506_filtersFollowUpdatesAndDeletes() {
    IncidentStore store = newStore();
    int max = settings.listMax();
    Gen<Change> changes = integers().between(0, max - 1).zip(Synthetic.facets(), integers().between(0, 4),
        (target, facets, kind) -> new Change(target, kind == 4 ? null : facets));
    Gen<ChangesExample> examples = lists().of(Synthetic.facets()).ofSizeBetween(1, max).zip(
        lists().of(changes).ofSizeBetween(1, 2 * max), filterQueries(), ChangesExample::new);
    forAll(settings.examples(), examples, example -> {
      String tenant = freshTenant("refiltered");
      List<Written> written = new ArrayList<>();
      Map<Long, Written> model = new TreeMap<>();
      for (int i = 0; i < example.incidents().size(); i++) {
        Written w = createWith(store, tenant, null, example.incidents().get(i), null, "incident " + (i + 1));
        written.add(w);
        model.put(w.number, w);
      }
      for (Change change : example.changes()) {
        Written w = written.get(change.target() % written.size());
        if (w.deleted) {
          continue;
        }
        if (change.facets() == null) {
          deleteWith(store, w, null);
        } else {
          updateWith(store, w, change.facets(), null, "changed");
        }
      }
      assertFiltered(store, tenant, model, FacetFilter.NONE, ListRequest.MAX_LIMIT);
      for (FilterQuery query : example.queries()) {
        assertFiltered(store, tenant, model, query.filter(), query.pageSize());
      }
      // A filter on exactly the facets each incident has now, and on those it had before, finds it only now.
      for (Written w : written) {
        if (!w.deleted) {
          assertFiltered(store, tenant, model, exactly(w.facets), 2);
        }
      }
    });
  }

  /** A filter that accepts exactly the incidents with these equality facets (dates not constrained). */
  private static FacetFilter exactly(IncidentFacets f) {
    return new FacetFilter(f.severity() == null ? Set.of() : Set.of(f.severity()),
        f.reportedBy() == null ? Set.of() : Set.of(f.reportedBy()), Set.of(f.stage()), Set.of(f.state()),
        f.ownedBy(), f.appliesToParts(), Set.of(f.createdBy()), f.subtype() == null ? Set.of() : Set.of(f.subtype()),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  /** The filter of tck507: severity 1 and owned by the first owner. */
  private static final FacetFilter MOVING_FILTER = new FacetFilter(Set.of(1L), Set.of(), Set.of(), Set.of(),
      Set.of(Synthetic.owner(0)), Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL,
      FacetFilter.Range.ALL, FacetFilter.Range.ALL);

  /** Facets {@link #MOVING_FILTER} accepts ({@code in}) or not, varied by {@code variant}. */
  private static IncidentFacets movingFacets(boolean in, int variant) {
    Set<String> owners = in ? (variant % 2 == 0 ? Set.of(Synthetic.owner(0)) : Set.of(Synthetic.owner(0), Synthetic.owner(2)))
        : (variant % 2 == 0 ? Set.of(Synthetic.owner(1)) : Set.of(Synthetic.owner(0)));
    long severity = in || variant % 2 == 0 ? 1L : 2L;
    return new IncidentFacets(severity, null, 1 + variant % 4, 1 + variant % 3, owners, Set.of(),
        Synthetic.owner(0), null, Synthetic.BASE, Synthetic.BASE, null, null);
  }

  /** What the writers of tck507 stored for one incident: each version's document and whether it was in the filter. */
  private record Version(byte[] document, boolean in) {}

  private enum Role { STABLE, MOVER, DOOMED, OUTSIDE }

  /** tck507's writers keep moving incidents until its reader has paged this many times, or for at most ... */
  private static final int MIN_PAGING_PASSES = 200;

  /** ... this long after their own changes. */
  private static final long EXTRA_MOVING_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** At most this many passes of tck507's paging are kept, whatever the writers' pace. */
  private static final int MAX_PAGING_PASSES = 400;

  @Test
  @Override
  public void required_tck507_pagingIsStableWhileIncidentsChange() {
    IncidentStore store = newStore();
    int writers = Math.max(1, settings.threads() - 1);
    int perWriter = settings.changesPerThread();
    Concurrently pool = threads(writers + 1);
    for (int round = 0; round < settings.rounds(); round++) {
      String tenant = freshTenant("moving");
      Map<Long, Map<Long, Version>> versions = new ConcurrentHashMap<>();
      Map<Long, Role> roles = new ConcurrentHashMap<>();
      List<List<Written>> owned = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        owned.add(new ArrayList<>());
      }
      int initial = Math.max(8, settings.listMax());
      for (int i = 0; i < initial; i++) {
        Role role = Role.values()[i % Role.values().length];
        boolean in = role != Role.OUTSIDE && !(role == Role.MOVER && i % 8 == 1);
        IncidentFacets facets = movingFacets(in, i);
        Written w = createWith(store, tenant, null, facets, null, role + " " + i);
        roles.put(w.number, role);
        versions.computeIfAbsent(w.number, n -> new ConcurrentHashMap<>()).put(1L, new Version(w.document, in));
        owned.get(i % writers).add(w);
      }
      CountDownLatch started = new CountDownLatch(writers);
      CountDownLatch finished = new CountDownLatch(writers);
      AtomicInteger passesDone = new AtomicInteger();
      AtomicBoolean readerDone = new AtomicBoolean();
      int pageSize = 1 + round % 4;
      ListQuery.Order order = round % 2 == 0 ? ListQuery.Order.NEWEST_FIRST : ListQuery.Order.OLDEST_FIRST;
      int r = round;
      List<List<List<StoredIncident>>> results = pool.run("paging while incidents change", thread -> {
        if (thread < writers) {
          try {
            List<Written> mine = owned.get(thread);
            // After its own changes, a writer that is faster than the reader goes on moving incidents (updates
            // only, so the listing stays bounded) until the reader has paged MIN_PAGING_PASSES times, for at
            // most EXTRA_MOVING_NANOS: a slow store's reader pages only while the writers' own changes run.
            long movingUntil = Long.MAX_VALUE;
            for (int k = 0; ; k++) {
              if (k == perWriter) {
                movingUntil = System.nanoTime() + EXTRA_MOVING_NANOS;
              }
              if (k >= perWriter && (passesDone.get() >= MIN_PAGING_PASSES || readerDone.get()
                  || System.nanoTime() - movingUntil > 0
                  || mine.stream().noneMatch(x -> !x.deleted && (roles.get(x.number) == Role.MOVER
                      || roles.get(x.number) == Role.STABLE)))) {
                break;  // (the last: nothing of this writer's is left to move, so it would only spin)
              }
              int op = k < perWriter ? k % 4 : 1 + k % 2;
              if (op == 0 || mine.isEmpty()) {
                boolean in = k % 8 == 0;
                Written w = createWith(store, tenant, null, movingFacets(in, k), null, "round " + r + " new " + thread + "." + k);
                roles.put(w.number, Role.OUTSIDE);
                versions.computeIfAbsent(w.number, n -> new ConcurrentHashMap<>()).put(1L, new Version(w.document, in));
              } else {
                Role wanted = op == 1 ? Role.MOVER : op == 2 ? Role.STABLE : Role.DOOMED;
                Written w = mine.stream().filter(x -> !x.deleted && roles.get(x.number) == wanted).findFirst()
                    .orElse(mine.stream().filter(x -> !x.deleted && roles.get(x.number) == Role.STABLE).findFirst().orElse(null));
                if (w != null && roles.get(w.number) == Role.DOOMED) {
                  deleteWith(store, w, null);
                } else if (w != null) {
                  boolean in = roles.get(w.number) == Role.STABLE || !MOVING_FILTER.matches(w.facets);
                  updateWith(store, w, movingFacets(in, k + thread), null, "round " + r + " change " + k);
                  Objects.requireNonNull(versions.get(w.number), "versions of a written incident")
                      .put(w.version, new Version(w.document, in));
                  // Move a mover to the back, so the next change of this kind takes another.
                  mine.remove(w);
                  mine.add(w);
                }
              }
              if (k == 0) {
                started.countDown();
              }
            }
          } finally {
            finished.countDown();
          }
          return null;
        }
        awaitQuietly(started, settings.timeoutSeconds());
        // Page again and again while the writers run (at least once), so that more of their changes land
        // in the middle of a page; each pass is checked once every writer has returned.
        List<List<StoredIncident>> passes = new ArrayList<>();
        try {
          do {
            passes.add(flatten(filteredPages(store, tenant, MOVING_FILTER, order, pageSize, initial + writers * perWriter)));
            passesDone.incrementAndGet();
          } while (finished.getCount() > 0 && passes.size() < MAX_PAGING_PASSES);
        } finally {
          readerDone.set(true);
        }
        return passes;
      });
      List<List<StoredIncident>> passes = results.get(writers);
      String context = "round " + round + ", paging " + Synthetic.describe(MOVING_FILTER) + " " + order + " by "
          + pageSize + " while " + writers + " threads create, update (moving incidents into and out of the filter) "
          + "and delete";
      for (int pass = 0; pass < passes.size(); pass++) {
        checkMovingPass(context + ", pass " + (pass + 1) + " of " + passes.size(), passes.get(pass), versions, roles);
      }
      // Once the writers are done, the index must agree with the incidents again.
      Map<Long, Written> model = new TreeMap<>();
      owned.forEach(list -> list.forEach(w -> model.put(w.number, w)));
      for (Written w : model.values()) {
        if (!w.deleted) {
          StoredIncident now = store.get(tenant, w.number).orElse(null);
          if (now == null || now.version() != w.version) {
            throw new AssertionError(context + ": after the writers finished, get(\"" + tenant + "\", " + w.number
                + ") returned " + now + ", expected " + w.story());
          }
        }
      }
      List<Long> nowIn = new ArrayList<>();
      versions.forEach((number, byVersion) -> {
        StoredIncident now = store.get(tenant, number).orElse(null);
        if (now != null && byVersion.get(now.version()) != null && byVersion.get(now.version()).in()) {
          nowIn.add(number);
        }
      });
      nowIn.sort(order == ListQuery.Order.OLDEST_FIRST ? Comparator.naturalOrder() : Comparator.reverseOrder());
      List<Long> finalListing = storedNumbers(flatten(filteredPages(store, tenant, MOVING_FILTER, order, pageSize,
          initial + writers * perWriter)));
      if (!finalListing.equals(nowIn)) {
        throw new AssertionError(context + ": once the writers finished, the filter listed " + finalListing
            + ", but the incidents whose current version it accepts are " + nowIn);
      }
    }
  }

  /** Checks one pass of tck507's paging, once the writers have returned and {@code versions} is complete. */
  private static void checkMovingPass(String context, List<StoredIncident> visited, Map<Long, Map<Long, Version>> versions,
      Map<Long, Role> roles) {
    Set<Long> seen = new HashSet<>();
    for (StoredIncident s : visited) {
      if (!seen.add(s.number())) {
        throw new AssertionError(context + ": #" + s.number() + " was listed twice: " + storedNumbers(visited));
      }
      Map<Long, Version> known = versions.get(s.number());
      Version version = known == null ? null : known.get(s.version());
      if (version == null) {
        throw new AssertionError(context + ": listed #" + s.number() + " at version " + s.version()
            + ", which no create or update of this tenant stored");
      }
      if (!version.in()) {
        throw new AssertionError(context + ": listed #" + s.number() + " at version " + s.version()
            + ", whose facets the filter does not accept");
      }
      if (!Documents.sameJson(version.document(), s.document())) {
        throw new AssertionError(context + ": listed #" + s.number() + " at version " + s.version() + " with "
            + Documents.show(s.document()) + ", but that version's document is " + Documents.show(version.document()));
      }
    }
    List<Long> missed = new ArrayList<>();
    roles.forEach((number, role) -> {
      if (role == Role.STABLE && !seen.contains(number)) {
        missed.add(number);
      }
    });
    if (!missed.isEmpty()) {
      Collections.sort(missed);
      throw new AssertionError(context + ": " + missed + " matched the filter throughout (their updates kept them in "
          + "it) but were never listed; visited " + storedNumbers(visited));
    }
  }

  @Test
  @Override
  public void required_tck508_unindexedIsEmptyForAStoreThatAlwaysKeptFacets() {
    IncidentStore store = newStore();
    assertThat(store.unindexed(1)).as("unindexed(1) of a new store").isEmpty();
    String tenant = freshTenant("indexed");
    Written a = createWith(store, tenant, null, Renderings.PLAIN_FACETS, null, "indexed");
    Written b = createWith(store, tenant, "indexed key", Renderings.PLAIN_FACETS, null, "indexed too");
    updateWith(store, a, movingFacets(true, 1), null, "reindexed");
    deleteWith(store, b, null);
    serviceOver(store).create(as(tenant), Requests.titled("through the service"));
    for (int limit : List.of(1, StoreLimits.MAX_LIST_LIMIT)) {
      List<StoredIncident> unindexed = store.unindexed(limit);
      if (!unindexed.isEmpty()) {
        throw new AssertionError("unindexed(" + limit + ") returned " + storedNumbers(unindexed) + " of tenant "
            + unindexed.get(0).tenant() + ", but every incident of this store was written with its facets: a store that "
            + "has always kept facets returns an empty list");
      }
    }
  }

  /**
   * Facets of tck509's {@code i}th incident: one owner, one of four stages so that a second condition cuts the
   * crowd, and the subtype {@value #SPARSE} on a few: pairs of neighbours every 150 incidents, and the 1,024th.
   * A compact posting list stores that value's numbers as distances, some of 1 and some of 128 or more.
   */
  private static IncidentFacets crowdFacets(int owner, int stage, int i) {
    return new IncidentFacets(0L, null, stage, 1, Set.of(Synthetic.owner(owner)), Set.of(), Synthetic.owner(0),
        i % 150 < 2 || i == 1023 ? SPARSE : null, Synthetic.BASE, Synthetic.BASE, null, null);
  }

  /** tck509's subtype of a few incidents far apart. */
  private static final String SPARSE = "sparse";

  /** The filter on one owner, and on one stage as well when {@code stage} is positive. */
  private static FacetFilter crowdFilter(int owner, int stage) {
    return new FacetFilter(Set.of(), Set.of(), stage > 0 ? Set.of((long) stage) : Set.of(), Set.of(),
        Set.of(Synthetic.owner(owner)), Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL,
        FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  @Test
  @Override
  public void required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle() {
    IncidentStore store = newStore();
    String tenant = freshTenant("crowded");
    int crowd = settings.crowd();
    // Two owners in turn: each value's numbers interleave, so a move between them lands between numbers.
    List<Written> written = new ArrayList<>();
    Map<Long, Written> model = new TreeMap<>();
    for (int i = 0; i < crowd; i++) {
      Written w = createWith(store, tenant, null, crowdFacets(i % 2, 1 + i % 4, i), null, "crowded " + i);
      written.add(w);
      model.put(w.number, w);
    }
    for (int i = 0; i < crowd; i++) {
      Written w = written.get(i);
      if (i % 6 == 1) {
        updateWith(store, w, crowdFacets(0, 1 + i % 4, i), null, "moved into the crowd");
      } else if (i % 14 == 0) {
        updateWith(store, w, crowdFacets(1, 1 + i % 4, i), null, "moved out of the crowd");
      }
    }
    // A run of consecutive incidents (whole blocks of either value emptied), and scattered ones.
    for (int i = 0; i < crowd; i++) {
      if (i >= crowd / 4 && i < crowd / 2 || i % 11 == 5) {
        deleteWith(store, written.get(i), null);
      }
    }
    // Moved back into the crowd, after their neighbours went.
    for (int i = crowd / 2; i < crowd; i += 10) {
      Written w = written.get(i);
      if (!w.deleted) {
        updateWith(store, w, crowdFacets(0, 1 + i % 4, i), null, "moved back");
      }
    }
    assertFiltered(store, tenant, model, crowdFilter(0, 0), 50);
    assertFiltered(store, tenant, model, crowdFilter(1, 0), 50);
    assertFiltered(store, tenant, model, crowdFilter(0, 2), 7);
    assertFiltered(store, tenant, model, new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        Set.of(), Set.of(SPARSE), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL,
        FacetFilter.Range.ALL), 3);
    assertFiltered(store, tenant, model, FacetFilter.NONE, ListRequest.MAX_LIMIT);
  }

  // ---- 6xx: failures and the SPI -----------------------------------------------------------------

  private record RejectedExample(Invalid invalid, boolean keyed) {
    @Override
    public String toString() {
      return invalid + (keyed ? ", with a key" : ", without a key");
    }
  }

  @Test
  @Override
  public void required_tck601_rejectedRequestsStoreNothing() {
    IncidentService service = serviceOver(newStore());
    String tenant = TENANT;
    forAll(settings.examples(), Requests.invalid(tenant).zip(Requests.coin(), RejectedExample::new), example -> {
      Incident newestBefore = newest(service, tenant);
      IdempotencyKey key = example.keyed() ? IdempotencyKey.of(examplePrefix() + "rejected") : null;
      RequestContext context = RequestContext.of(tenant, example.invalid().actor());
      Throwable thrown = catchThrowable(() -> {
        if (key == null) {
          service.create(context, example.invalid().request());
        } else {
          service.create(context, example.invalid().request(), key);
        }
      });
      if (!(thrown instanceof BadRequestException) && !(thrown instanceof ForbiddenException)) {
        throw new AssertionError("a request with " + example.invalid().why() + " must be rejected as bad_request "
            + "or forbidden, but " + (thrown == null ? "it was created" : "create threw " + thrown), thrown);
      }
      Incident newestAfter = newest(service, tenant);
      if (!Objects.equals(newestBefore, newestAfter)) {
        throw new AssertionError("a rejected request (" + example.invalid().why() + ") stored an incident: the "
            + "newest is now " + (newestAfter == null ? "none" : newestAfter.displayId()) + ", was "
            + (newestBefore == null ? "none" : newestBefore.displayId()));
      }
      if (key != null) {
        IncidentCreateRequest valid = Requests.titled("valid after a rejected request");
        Incident created;
        try {
          created = service.create(as(tenant), valid, key);
        } catch (ConflictException e) {
          throw new AssertionError("a rejected request recorded its idempotency key: a valid request with it was "
              + "a conflict", e);
        }
        if (newestBefore != null && created.number() <= newestBefore.number()) {
          throw new AssertionError("a valid request with the key of a rejected one returned " + created.displayId()
              + ", not a new incident above " + newestBefore.displayId());
        }
      }
    });
  }

  private record Plan(List<Boolean> fails, List<Boolean> keyed) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("creates:");
      for (int i = 0; i < fails.size(); i++) {
        sb.append(' ').append(fails.get(i) ? "FAIL" : "ok").append(keyed.get(i) ? "(key k" + i + ")" : "");
      }
      return sb.toString();
    }
  }

  private static Gen<Plan> plans() {
    Gen<List<Boolean>> flags = lists().of(Requests.coin()).ofSizeBetween(1, 10);
    return flags.flatMap(fails -> lists().of(Requests.coin()).ofSize(fails.size()).map(keyed -> new Plan(fails, keyed)));
  }

  @Test
  @Override
  public void required_tck602_failedRenderLeavesNothingVisible() {
    IncidentStore store = newStore();
    forAll(settings.examples(), plans(), plan -> {
      String tenant = freshTenant("faults");
      List<StoredIncident> visible = new ArrayList<>();
      Map<Long, String> failedNumbers = new HashMap<>();
      for (int i = 0; i < plan.fails().size(); i++) {
        String key = plan.keyed().get(i) ? "k" + i : null;
        String fp = key == null ? null : fingerprint(i);
        List<Long> calls = new ArrayList<>();
        if (plan.fails().get(i)) {
          int index = i;
          Throwable thrown = catchThrowable(() -> store.create(new NewIncident(tenant, key, fp, failing(calls))));
          if (thrown == null) {
            throw new AssertionError("create " + index + " returned although its renderer threw; it must throw");
          }
          calls.forEach(n -> failedNumbers.put(n, "create " + index));
          if (key != null) {
            // The key of the failed create must not be recorded: it creates normally now.
            List<Long> retryCalls = new ArrayList<>();
            CreateResult retry = store.create(new NewIncident(tenant, key, fingerprint(1000 + i),
                rendering(tenant, "retry of failed create " + i, retryCalls)));
            if (!(retry instanceof CreateResult.Created created)) {
              throw new AssertionError("create " + i + " failed in its renderer but recorded its key \"" + key
                  + "\": the next create with it was replayed as #" + retry.number());
            }
            visible.add(checkedAbove(created.incident(), visible, "the retry of failed create " + i));
          }
        } else {
          CreateResult result = store.create(new NewIncident(tenant, key, fp, rendering(tenant, "create " + i, calls)));
          if (!(result instanceof CreateResult.Created created)) {
            throw new AssertionError("create " + i + " with the new key \"" + key + "\" was replayed as #"
                + result.number());
          }
          visible.add(checkedAbove(created.incident(), visible, "create " + i));
        }
      }
      List<Long> expected = new ArrayList<>(storedNumbers(visible));
      Collections.reverse(expected);
      List<Long> listed = storedNumbers(store.list(tenant, ListQuery.newest(plan.fails().size() * 2 + 10)));
      if (!listed.equals(expected)) {
        throw new AssertionError("after " + plan + ": list shows " + listed + ", expected only the successful creates "
            + expected + " (failed creates rendered numbers " + failedNumbers.keySet() + ")");
      }
      Set<Long> visibleNumbers = new HashSet<>(expected);
      failedNumbers.forEach((number, which) -> {
        if (!visibleNumbers.contains(number) && store.get(tenant, number).isPresent()) {
          throw new AssertionError("after " + plan + ": get finds #" + number + ", the number " + which
              + " rendered before its renderer threw");
        }
      });
    });
  }

  private static StoredIncident checkedAbove(StoredIncident incident, List<StoredIncident> before, String what) {
    for (StoredIncident earlier : before) {
      if (incident.number() <= earlier.number()) {
        throw new AssertionError(what + " got #" + incident.number() + ", not above #" + earlier.number()
            + ", which is visible: numbers must increase and never be reused");
      }
    }
    return incident;
  }

  private record Document(String text, boolean keyed) {
    @Override
    public String toString() {
      return "a document with the text " + Text.quote(text) + (keyed ? ", with a key" : "");
    }
  }

  @Test
  @Override
  public void required_tck603_createStoresTheDocumentRenderedForItsNumber() {
    IncidentStore store = newStore();
    forAll(settings.examples(), Generators.text(0, 2000).zip(Requests.coin(), Document::new), example -> {
      String tenant = freshTenant("docs");
      String key = example.keyed() ? "document key" : null;
      String fp = key == null ? null : fingerprint(1);
      List<Long> calls = new ArrayList<>();
      CreateResult result = store.create(new NewIncident(tenant, key, fp, rendering(tenant, example.text(), calls)));
      if (!(result instanceof CreateResult.Created created)) {
        throw new AssertionError("the first create in a new tenant returned " + result + ", not Created");
      }
      if (calls.isEmpty()) {
        throw new AssertionError("create returned Created without calling the renderer");
      }
      long number = calls.get(calls.size() - 1);
      StoredIncident stored = created.incident();
      byte[] rendered = Documents.render(tenant, number, example.text());
      assertThat(stored.tenant()).as("tenant of the Created incident").isEqualTo(tenant);
      if (stored.number() != number) {
        throw new AssertionError("the renderer was called for #" + number + " (calls: " + calls
            + ") but Created carries #" + stored.number());
      }
      if (!Documents.sameJson(rendered, stored.document())) {
        throw new AssertionError("Created carries another document than the renderer returned: expected "
            + Documents.show(rendered) + " but was " + Documents.show(stored.document()));
      }
      byte[] got = store.get(tenant, number).map(StoredIncident::document).orElse(null);
      if (got == null) {
        throw new AssertionError("get(\"" + tenant + "\", " + number + ") found nothing right after create");
      }
      if (!Documents.sameJson(rendered, got)) {
        throw new AssertionError("get returned another document than the renderer returned: expected "
            + Documents.show(rendered) + " but was " + Documents.show(got));
      }
      if (key != null) {
        CreateResult replay = store.create(new NewIncident(tenant, key, fingerprint(2),
            rendering(tenant, "a replay must not store this", new ArrayList<>())));
        if (!(replay instanceof CreateResult.Replayed replayed)) {
          throw new AssertionError("a create with the recorded key \"" + key + "\" returned " + replay + ", not Replayed");
        }
        assertThat(replayed.fingerprint()).as("the fingerprint a replay returns is the one recorded first")
            .isEqualTo(fp);
        assertThat(replayed.incident().number()).as("the number a replay returns").isEqualTo(number);
        if (!Documents.sameJson(rendered, replayed.incident().document())) {
          throw new AssertionError("a replay returned another document: " + Documents.show(replayed.incident().document()));
        }
      }
    });
  }

  @Test
  @Override
  public void required_tck604_createAllActsAsCreateEach() {
    IncidentStore store = newStore();
    Gen<List<Integer>> batches = lists().of(integers().between(-1, 3)).ofSizeBetween(1, 12);
    forAll(settings.examples(), batches, keyIndices -> {
      String tenant = freshTenant("batch");
      // One create with key k0 before the batch, so the batch may replay a key it did not record itself.
      CreateResult before = store.create(new NewIncident(tenant, "k0", fingerprint(0),
          rendering(tenant, "before the batch", new ArrayList<>())));
      Map<String, StoredIncident> byKey = new HashMap<>();
      Map<String, String> fingerprints = new HashMap<>();
      byKey.put("k0", ((CreateResult.Created) before).incident());
      fingerprints.put("k0", fingerprint(0));
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < keyIndices.size(); i++) {
        String key = keyIndices.get(i) < 0 ? null : "k" + keyIndices.get(i);
        batch.add(new NewIncident(tenant, key, key == null ? null : fingerprint(100 + i),
            rendering(tenant, "batch item " + i, new ArrayList<>())));
      }
      List<CreateResult> results = store.createAll(batch);
      assertThat(results).as("createAll returns one result per incident").hasSize(batch.size());
      List<StoredIncident> visible = new ArrayList<>(List.of(((CreateResult.Created) before).incident()));
      for (int i = 0; i < batch.size(); i++) {
        String key = batch.get(i).idempotencyKey();
        CreateResult result = results.get(i);
        String where = "createAll item " + i + (key == null ? "" : " (key " + key + ")");
        if (key != null && byKey.containsKey(key)) {
          if (!(result instanceof CreateResult.Replayed replayed)) {
            throw new AssertionError(where + ": the key was recorded by " + byKey.get(key).number()
                + " before, so it must be Replayed, but was " + result);
          }
          assertThat(replayed.incident().number()).as(where + ": number of the replay").isEqualTo(byKey.get(key).number());
          assertThat(replayed.fingerprint()).as(where + ": fingerprint of the replay").isEqualTo(fingerprints.get(key));
        } else {
          if (!(result instanceof CreateResult.Created created)) {
            throw new AssertionError(where + ": a new key or no key must be Created, but was " + result);
          }
          visible.add(checkedAbove(created.incident(), visible, where));
          if (key != null) {
            byKey.put(key, created.incident());
            fingerprints.put(key, batch.get(i).fingerprint());
          }
        }
      }
      List<Long> expected = new ArrayList<>(storedNumbers(visible));
      Collections.reverse(expected);
      List<Long> listed = storedNumbers(store.list(tenant, ListQuery.newest(batch.size() + 10)));
      if (!listed.equals(expected)) {
        throw new AssertionError("after createAll of " + keyIndices + ": list shows " + listed + ", expected " + expected);
      }
    });
  }

  private record FailingBatch(int size, int failAt, boolean keyed) {
    @Override
    public String toString() {
      return "a batch of " + size + (keyed ? " keyed" : "") + " incidents whose item " + failAt + " fails to render";
    }
  }

  @Test
  @Override
  public void required_tck605_createAllFailureKeepsOnlyCommittedIncidents() {
    IncidentStore store = newStore();
    Gen<FailingBatch> batches = integers().between(1, 12)
        .flatMap(size -> integers().between(0, size - 1).zip(Requests.coin(), (at, keyed) -> new FailingBatch(size, at, keyed)));
    forAll(settings.examples(), batches, example -> {
      String tenant = freshTenant("failing-batch");
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < example.size(); i++) {
        String key = example.keyed() ? "key " + i : null;
        DocumentRenderer renderer = i == example.failAt() ? failing(new ArrayList<>())
            : rendering(tenant, "batch item " + i, new ArrayList<>());
        batch.add(new NewIncident(tenant, key, key == null ? null : fingerprint(i), renderer));
      }
      Throwable thrown = catchThrowable(() -> store.createAll(batch));
      if (!(thrown instanceof BatchFailedException failed)) {
        throw new AssertionError("createAll whose item " + example.failAt() + " fails to render must throw "
            + "BatchFailedException, but " + (thrown == null ? "it returned" : "it threw " + thrown), thrown);
      }
      List<CreateResult> committed = failed.committed();
      if (committed.size() > example.failAt()) {
        throw new AssertionError("BatchFailedException.committed() reports " + committed.size()
            + " incidents, but item " + example.failAt() + " failed: only items before it can be committed");
      }
      List<StoredIncident> visible = new ArrayList<>();
      for (CreateResult result : committed) {
        if (!(result instanceof CreateResult.Created created)) {
          throw new AssertionError("a committed item of a batch with new keys is " + result + ", not Created");
        }
        visible.add(created.incident());
      }
      List<Long> expected = new ArrayList<>(storedNumbers(visible));
      Collections.reverse(expected);
      List<Long> listed = storedNumbers(store.list(tenant, ListQuery.newest(example.size() + 10)));
      if (!listed.equals(expected)) {
        throw new AssertionError("after " + example + ": committed() reports " + storedNumbers(visible)
            + " but list shows " + listed + "; exactly the committed incidents must be visible");
      }
      if (example.keyed()) {
        for (int i = committed.size(); i < example.size(); i++) {
          CreateResult again = store.create(new NewIncident(tenant, "key " + i, fingerprint(500 + i),
              rendering(tenant, "after the failed batch", new ArrayList<>())));
          if (!(again instanceof CreateResult.Created)) {
            throw new AssertionError("item " + i + " of the failed batch was not committed, but its key \"key " + i
                + "\" was recorded: a create with it was " + again);
          }
        }
      }
    });
  }

  @Test
  @Override
  public void required_tck606_unknownIncidentsAreEmptyNotErrors() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    List<Long> odd = List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE);
    for (long n : odd) {
      assertThat(store.get(TENANT, n)).as("get(\"%s\", %d) in an empty store", TENANT, n).isEmpty();
    }
    Incident created = service.create(as(TENANT), Requests.titled("the only one"));
    for (long n : List.of(0L, -1L, created.number() + 1, Long.MAX_VALUE, Long.MIN_VALUE)) {
      assertThat(store.get(TENANT, n)).as("get(\"%s\", %d) with only #%d stored", TENANT, n, created.number()).isEmpty();
      assertThat(store.get("unknown", n)).as("get(\"unknown\", %d)", n).isEmpty();
    }
    assertThat(store.get("unknown", created.number())).as("get of a number of another tenant").isEmpty();
    assertThat(store.list("unknown", ListQuery.newest(10))).as("list of an unknown tenant").isEmpty();
    assertThat(store.list(TENANT, ListQuery.newest(10).after(1))).as("list below number 1").isEmpty();
    assertThat(store.list(TENANT, ListQuery.newest(10).after(created.number()))).as("list below the only number").isEmpty();
    assertThat(store.list(TENANT, ListQuery.newest(10).after(Long.MIN_VALUE))).as("list below Long.MIN_VALUE").isEmpty();
    assertThatThrownBy(() -> service.get(as(TENANT), "INC-" + (created.number() + 1)))
        .as("get of a number above the highest through the service")
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @Override
  public void required_tck607_closeIsIdempotentAndLaterCallsFail() {
    IncidentStore store = newStore();
    serviceOver(store).create(as(TENANT), Requests.titled("before close"));
    store.close();
    store.close();
    NewIncident incident = new NewIncident(TENANT, null, null, rendering(TENANT, "after close", new ArrayList<>()));
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("create", () -> store.create(incident));
    calls.put("createAll", () -> store.createAll(List.of(incident)));
    calls.put("get", () -> store.get(TENANT, 1));
    calls.put("list", () -> store.list(TENANT, ListQuery.newest(10)));
    calls.put("update", () -> store.update(new IncidentUpdate(TENANT, 1, 1, Renderings.of("{}"))));
    calls.put("delete", () -> store.delete(Synthetic.deletion(TENANT, 1, 1, null)));
    calls.put("unindexed", () -> store.unindexed(10));
    calls.put("index", () -> store.index(TENANT, 1, 1, Renderings.PLAIN_FACETS));
    calls.put("events", () -> store.events(0, 10));
    calls.put("lastEventSequence", store::lastEventSequence);
    calls.put("pruneEvents", () -> store.pruneEvents(1));
    calls.put("record", () -> store.record("ns", "key"));
    calls.put("putRecord", () -> store.putRecord("ns", "key", new byte[1]));
    calls.put("removeRecord", () -> store.removeRecord("ns", "key"));
    calls.put("records", () -> store.records("ns", "", 10));
    calls.forEach((name, call) -> {
      Throwable thrown = catchThrowable(call::run);
      Throwable cause = thrown instanceof BatchFailedException b ? b.getCause() : thrown;
      assertThat(cause)
          .as("%s after close must fail with IllegalStateException, but %s", name,
              thrown == null ? "it returned" : "it threw " + thrown)
          .isInstanceOf(IllegalStateException.class);
    });
  }

  /** An exception only the kit's renderers throw, so a rule can tell it arrived unchanged. */
  private static final class RendererFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RendererFailure(String message) {
      super(message);
    }
  }

  private record Call(long number, String thread) {}

  @Test
  @Override
  public void required_tck608_rendererIsCalledOnceAndNeverForAReplay() {
    IncidentStore store = newStore();
    forAll(settings.examples(), lists().of(integers().between(-1, 3)).ofSizeBetween(1, 8), keyIndices -> {
      String tenant = freshTenant("calls");
      Set<String> recorded = new HashSet<>();
      for (int i = 0; i < keyIndices.size(); i++) {
        String key = keyIndices.get(i) < 0 ? null : "key " + keyIndices.get(i);
        List<Long> calls = Collections.synchronizedList(new ArrayList<>());
        CreateResult result = store.create(new NewIncident(tenant, key, key == null ? null : fingerprint(i),
            rendering(tenant, "create " + i, calls)));
        String what = "create " + i + (key == null ? " without a key" : " with key \"" + key + "\"");
        if (key != null && !recorded.add(key)) {
          if (!calls.isEmpty()) {
            throw new AssertionError(what + ", recorded before, called the renderer for " + calls
                + ": a replay calls no renderer (clause 14.8.3)");
          }
          if (!(result instanceof CreateResult.Replayed)) {
            throw new AssertionError(what + ", recorded before, returned " + result + ", not Replayed");
          }
        } else if (calls.size() != 1 || calls.get(0) != result.number()) {
          throw new AssertionError(what + " in a store no other thread was using called the renderer for " + calls
              + " and returned #" + result.number() + ": one create calls it once, with the number it allocated "
              + "(clause 14.8.1; only a retried unit of work may call it again)");
        }
      }
      // In a batch: once for each new incident, never for a key recorded before or earlier in the batch.
      List<List<Long>> batchCalls = new ArrayList<>();
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < keyIndices.size(); i++) {
        String key = keyIndices.get(i) < 0 ? null : "batch key " + (keyIndices.get(i) % 2) + (i % 3 == 0 ? "" : " " + keyIndices.get(i));
        List<Long> calls = Collections.synchronizedList(new ArrayList<>());
        batchCalls.add(calls);
        batch.add(new NewIncident(tenant, key, key == null ? null : fingerprint(i), rendering(tenant, "batch " + i, calls)));
      }
      List<CreateResult> results = store.createAll(batch);
      for (int i = 0; i < batch.size(); i++) {
        List<Long> calls = batchCalls.get(i);
        CreateResult result = results.get(i);
        if (result instanceof CreateResult.Created) {
          if (calls.size() != 1 || calls.get(0) != result.number()) {
            throw new AssertionError("createAll item " + i + " was Created as #" + result.number() + " but its renderer "
                + "was called for " + calls + ": once, with the number it allocated (clause 14.8.1)");
          }
        } else if (!calls.isEmpty()) {
          throw new AssertionError("createAll item " + i + " was " + result + " but its renderer was called for " + calls
              + ": a replay calls no renderer (clause 14.8.3)");
        }
      }
    });
  }

  @Test
  @Override
  public void required_tck609_rendererExceptionsReachTheCallerUnchanged() {
    IncidentStore store = newStore();
    String tenant = freshTenant("thrown");
    List<Supplier<RuntimeException>> failures = List.of(
        () -> new RendererFailure("incident-tck: a renderer failure of the kit's own type"),
        () -> InternalErrorException.of("incident-tck: a defect the service reports", new IllegalStateException("defect")),
        () -> ServiceUnavailableException.of("incident-tck: a renderer that reports unavailability",
            new IllegalStateException("unavailable")),
        () -> new IllegalArgumentException("incident-tck: an unchecked exception of the JDK"));
    int i = 0;
    for (Supplier<RuntimeException> failure : failures) {
      RuntimeException thrownByRenderer = failure.get();
      String key = "thrown " + (i++);
      DocumentRenderer renderer = number -> {
        throw thrownByRenderer;
      };
      Throwable thrown = catchThrowable(() -> store.create(new NewIncident(tenant, key, fingerprint(1), renderer)));
      if (thrown != thrownByRenderer) {
        throw new AssertionError("a renderer threw " + thrownByRenderer + ", but create "
            + (thrown == null ? "returned" : "threw " + thrown + (thrown.getCause() == thrownByRenderer ? ", which wraps it" : ""))
            + ": the renderer's exception must reach the caller unchanged (clause 14.8.4), the same instance, so "
            + "that the service can tell a defect from a store failure", thrown);
      }
      Throwable batch = catchThrowable(() -> store.createAll(List.of(
          new NewIncident(tenant, null, null, rendering(tenant, "before the failure", new ArrayList<>())),
          new NewIncident(tenant, key + " in a batch", fingerprint(1), renderer))));
      if (!(batch instanceof BatchFailedException failed) || failed.getCause() != thrownByRenderer) {
        throw new AssertionError("a renderer in a batch threw " + thrownByRenderer + ", but createAll "
            + (batch == null ? "returned" : "threw " + batch + " caused by " + batch.getCause())
            + ": it must throw BatchFailedException whose cause is the renderer's exception, unchanged (clause 14.8.4)",
            batch);
      }
      CreateResult after = store.create(new NewIncident(tenant, key, fingerprint(2),
          rendering(tenant, "after a renderer threw " + thrownByRenderer.getClass().getSimpleName(), new ArrayList<>())));
      if (!(after instanceof CreateResult.Created)) {
        throw new AssertionError("the create whose renderer threw " + thrownByRenderer + " recorded its key \"" + key
            + "\": the next create with it returned " + after);
      }
    }
  }

  @Test
  @Override
  public void required_tck610_aNullRenderingFailsTheCreateAndStoresNothing() {
    IncidentStore store = newStore();
    forAll(settings.examples(), plans(), plan -> {
      String tenant = freshTenant("null");
      List<Long> visible = new ArrayList<>();
      for (int i = 0; i < plan.fails().size(); i++) {
        String key = plan.keyed().get(i) ? "k" + i : null;
        String fp = key == null ? null : fingerprint(i);
        if (plan.fails().get(i)) {
          Throwable thrown = catchThrowable(() -> store.create(new NewIncident(tenant, key, fp, RETURNS_NULL)));
          if (!(thrown instanceof IllegalStateException) || !String.valueOf(thrown.getMessage()).contains("returned null")) {
            throw new AssertionError("a renderer returned null, and create " + (thrown == null ? "returned" : "threw " + thrown)
                + ": stores call the renderer through NewIncident.render(number), which throws IllegalStateException "
                + "(\"... returned null instead of a rendered incident\"), and let it reach the caller (clause 14.8.5)",
                thrown);
          }
          Throwable batch = catchThrowable(() -> store.createAll(List.of(new NewIncident(tenant, key, fp, RETURNS_NULL))));
          if (!(batch instanceof BatchFailedException failed) || !(failed.getCause() instanceof IllegalStateException)
              || !failed.committed().isEmpty()) {
            throw new AssertionError("createAll of one incident whose renderer returned null "
                + (batch == null ? "returned" : "threw " + batch) + ": it must throw BatchFailedException with nothing "
                + "committed, caused by NewIncident.render's IllegalStateException (clause 14.8.5)", batch);
          }
        } else {
          CreateResult result = store.create(new NewIncident(tenant, key, fp, rendering(tenant, "create " + i, new ArrayList<>())));
          if (!(result instanceof CreateResult.Created)) {
            throw new AssertionError("after " + plan + ": create " + i + (key == null ? "" : " with the new key \"" + key + "\"")
                + " returned " + result + ", not Created: did a create whose renderer returned null record its key?");
          }
          visible.add(0, result.number());
        }
      }
      List<Long> listed = storedNumbers(store.list(tenant, ListQuery.newest(plan.fails().size() * 2 + 10)));
      if (!listed.equals(visible)) {
        throw new AssertionError("after " + plan + " (FAIL: the renderer returned null): list shows " + listed
            + ", expected only the successful creates " + visible);
      }
    });
  }

  /** A string of {@code length} printable ASCII characters that starts with {@code prefix}, with spaces and quotes. */
  private static String printable(String prefix, int length) {
    StringBuilder sb = new StringBuilder(prefix);
    String alphabet = " ~!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}";
    for (int i = 0; sb.length() < length; i++) {
      sb.append(alphabet.charAt(i % alphabet.length()));
    }
    return sb.substring(0, length);
  }

  @Test
  @Override
  public void required_tck611_valuesAtTheLimitsAreKeptWhole() {
    IncidentStore store = newStore();
    String tenant = printable("", StoreLimits.MAX_TENANT_LENGTH).replaceAll("[^A-Za-z0-9_-]", "x")
        .substring(0, StoreLimits.MAX_TENANT_LENGTH - 2) + "-_";
    String key = printable("key ", StoreLimits.MAX_KEY_LENGTH);
    String fp = printable("fp ", StoreLimits.MAX_FINGERPRINT_LENGTH);
    String longId = "don:identity:local:devo/t:devu/" + "9".repeat(StoreLimits.MAX_FACET_ID_LENGTH - 31);
    String shorterId = longId.substring(0, longId.length() - 1);
    IncidentFacets facets = new IncidentFacets(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE, 1, Set.of(longId),
        Set.of(longId), longId, "bug",
        Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
        Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00.001Z"));
    long eventsBefore = store.lastEventSequence();
    byte[] longestTenantsEvent = Synthetic.payload(tenant, 0, 1, "create", "the longest tenant");
    Written w = createWith(store, tenant, null, facets, longestTenantsEvent, "at the limits");
    CreateResult keyed = store.create(new NewIncident(tenant, key, fp, rendering(tenant, "with the longest key", new ArrayList<>())));
    CreateResult replay = store.create(new NewIncident(tenant, key, fingerprint(3), rendering(tenant, "replay", new ArrayList<>())));
    if (!(replay instanceof CreateResult.Replayed replayed) || replayed.number() != keyed.number()
        || !replayed.fingerprint().equals(fp)) {
      throw new AssertionError("a create with a recorded key of " + key.length() + " printable ASCII characters returned "
          + replay + "; expected Replayed #" + keyed.number() + " with the whole fingerprint \"" + fp + "\" ("
          + fp.length() + " printable ASCII characters)");
    }
    CreateResult near = store.create(new NewIncident(tenant, key.substring(0, key.length() - 1), fp,
        rendering(tenant, "a key one character shorter", new ArrayList<>())));
    if (!(near instanceof CreateResult.Created)) {
      throw new AssertionError("a key one character shorter than a recorded " + key.length() + "-character key was "
          + near + ": keys are kept whole and compared exactly");
    }
    Map<Long, Written> model = new TreeMap<>(Map.of(w.number, w));
    FacetFilter byLongId = new FacetFilter(Set.of(Long.MAX_VALUE), Set.of(Long.MAX_VALUE - 1), Set.of(Long.MAX_VALUE),
        Set.of(), Set.of(longId), Set.of(longId), Set.of(longId), Set.of(facets.subtype()),
        new FacetFilter.Range(facets.createdDate(), null), new FacetFilter.Range(null, null),
        new FacetFilter.Range(facets.actualCloseDate(), null), new FacetFilter.Range(null, facets.actualCloseDate()));
    assertFiltered(store, tenant, model, byLongId, 1);
    FacetFilter byShorterId = new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(shorterId), Set.of(),
        Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
    assertFiltered(store, tenant, model, byShorterId, 1);
    // Events of the longest tenant and of a one-character one: each with its tenant whole.
    String shortestTenant = String.valueOf("abcdefghijklmnopqrstuvwxyz".charAt((int) Math.floorMod(seed, 26L)));
    byte[] shortestTenantsEvent = Synthetic.payload(shortestTenant, 0, 1, "create", "the shortest tenant " + seed);
    createWith(store, shortestTenant, null, Renderings.PLAIN_FACETS, shortestTenantsEvent, "the shortest tenant");
    List<StoredEvent> events = eventsAfter(store, eventsBefore, 100);
    for (Map.Entry<String, byte[]> expected : Map.of(tenant, longestTenantsEvent, shortestTenant, shortestTenantsEvent)
        .entrySet()) {
      List<StoredEvent> found = events.stream().filter(e -> Arrays.equals(e.payload(), expected.getValue())).toList();
      if (found.size() != 1 || !found.get(0).tenant().equals(expected.getKey())) {
        throw new AssertionError("the event of a create in the " + expected.getKey().length() + "-character tenant "
            + Text.quote(expected.getKey()) + " was read back as " + Text.abbreviate(found, 300) + " among "
            + events.size() + " events after sequence " + eventsBefore + "; expected it once, with its tenant and "
            + "payload as given (clause 14.15.2)");
      }
    }
    // List limits: 1 and the largest a query may ask for.
    int many = StoreLimits.MAX_LIST_LIMIT + 1;
    List<NewIncident> batch = new ArrayList<>();
    String crowded = freshTenant("crowded");
    for (int i = 0; i < many; i++) {
      batch.add(new NewIncident(crowded, Renderings.text(n -> "{\"n\":" + n + "}")));
    }
    List<Long> numbers = new ArrayList<>(store.createAll(batch).stream().map(CreateResult::number).toList());
    Collections.reverse(numbers);
    for (int limit : List.of(1, StoreLimits.MAX_LIST_LIMIT)) {
      for (ListQuery.Order order : ListQuery.Order.values()) {
        List<Long> expected = new ArrayList<>(order == ListQuery.Order.NEWEST_FIRST ? numbers.subList(0, limit)
            : numbers.subList(numbers.size() - limit, numbers.size()));
        if (order == ListQuery.Order.OLDEST_FIRST) {
          Collections.reverse(expected);
        }
        List<Long> listed = storedNumbers(store.list(crowded, ListQuery.first(FacetFilter.NONE, order, limit)));
        if (!listed.equals(expected)) {
          throw new AssertionError("the first page with limit " + limit + ", " + order + ", of " + many
              + " incidents listed " + Text.abbreviate(listed, 200) + ", expected " + Text.abbreviate(expected, 200));
        }
      }
    }
    // Records: the longest namespace and key, and the largest value, byte for byte.
    String namespace = "a.b-c_" + "n".repeat(StoreLimits.MAX_NAMESPACE_LENGTH - 6);
    String recordKey = printable("record ", StoreLimits.MAX_RECORD_KEY_LENGTH);
    byte[] value = new byte[StoreLimits.MAX_RECORD_VALUE_BYTES];
    new java.util.Random(seed).nextBytes(value);
    store.putRecord(namespace, recordKey, value.clone());
    byte[] read = store.record(namespace, recordKey).orElse(null);
    if (!Arrays.equals(value, read)) {
      throw new AssertionError("a record of " + value.length + " bytes under a " + recordKey.length()
          + "-character key in a " + namespace.length() + "-character namespace read back as "
          + (read == null ? "nothing" : read.length + " bytes" + (read.length == value.length ? " that differ" : "")));
    }
    List<StoredRecord> listedRecords = store.records(namespace, "", 1000);
    if (listedRecords.size() != 1 || !listedRecords.get(0).key().equals(recordKey)
        || !Arrays.equals(listedRecords.get(0).value(), value)) {
      throw new AssertionError("records of the namespace returned " + Text.abbreviate(listedRecords, 300)
          + ", expected the one record under \"" + recordKey + "\"");
    }
  }

  @Test
  @Override
  public void untested_tck612_faultsAreServiceUnavailable() {
    Assumptions.abort("untested: the kit cannot make an unknown store's storage fail (a lost connection, a full disk, "
        + "a lock held by another process, damaged data), so docs/CONTRACT.md clause 14.9 (and the unknown outcome "
        + "of clause 14.2.2) is left to each store's own tests, which inject faults: "
        + "a fault must be a ServiceUnavailableException naming what failed and where, without a password");
  }

  @Test
  @Override
  public void required_tck613_numbersThatAliasKnownOnesFindNothing() {
    IncidentStore store = newStore();
    String tenant = freshTenant("alias");
    List<StoredIncident> created = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      long[] number = new long[1];
      CreateResult result = store.create(new NewIncident(tenant, n -> {
        number[0] = n;
        return Synthetic.rendered(Documents.render(tenant, n, "aliased " + n), Renderings.PLAIN_FACETS,
            Synthetic.payload(tenant, n, 1, "created", "aliased"));
      }));
      created.add(((CreateResult.Created) result).incident());
    }
    for (StoredIncident incident : created) {
      long n = incident.number();
      for (long alias : Adversarial.aliasesOf(n)) {
        String what = "number " + alias + " (" + describeAlias(alias, n) + ")";
        Optional<StoredIncident> found = store.get(tenant, alias);
        if (found.isPresent()) {
          throw new AssertionError("get(\"" + tenant + "\", " + alias + ") found #" + found.get().number() + ": only #"
              + created.stream().map(StoredIncident::number).toList() + " exist, and " + what + " is none of them; "
              + "numbers are longs, all 64 bits count (clauses 14.1.1, 14.5.1)");
        }
        if (alias < 1) {
          continue; // updates and deletes name numbers of 1 or more: their records check it
        }
        UpdateResult updated = store.update(new IncidentUpdate(tenant, alias, 1,
            Synthetic.rendered(Documents.render(tenant, alias, "must not be stored"), Renderings.PLAIN_FACETS, null)));
        if (!(updated instanceof UpdateResult.Missing)) {
          throw new AssertionError("update of " + what + " in tenant '" + tenant + "' returned " + updated
              + ", expected Missing: no such incident exists (clause 14.12)");
        }
        DeleteResult deleted = store.delete(Synthetic.deletion(tenant, alias, 1, null));
        if (!(deleted instanceof DeleteResult.Missing)) {
          throw new AssertionError("delete of " + what + " in tenant '" + tenant + "' returned " + deleted
              + ", expected Missing: no such incident exists (clause 14.13)");
        }
      }
      StoredIncident now = store.get(tenant, n).orElseThrow(() -> new AssertionError(
          "#" + n + " is gone after updates and deletes of numbers that only alias it (clauses 14.12, 14.13)"));
      if (now.version() != 1 || !Documents.sameJson(incident.document(), now.document())) {
        throw new AssertionError("#" + n + " changed (version " + now.version() + ", " + Documents.show(now.document())
            + ") after updates of numbers that only alias it; it was never updated (clause 14.12)");
      }
    }
    // The same numbers in a tenant that holds nothing.
    String unknown = freshTenant("never-written");
    for (StoredIncident incident : created) {
      UpdateResult updated = store.update(new IncidentUpdate(unknown, incident.number(), 1,
          Synthetic.rendered(Documents.render(unknown, incident.number(), "must not be stored"), Renderings.PLAIN_FACETS,
              null)));
      DeleteResult deleted = store.delete(Synthetic.deletion(unknown, incident.number(), 1, null));
      if (!(updated instanceof UpdateResult.Missing) || !(deleted instanceof DeleteResult.Missing)) {
        throw new AssertionError("update and delete of #" + incident.number() + " in tenant '" + unknown + "', which "
            + "holds nothing, returned " + updated + " and " + deleted + ", expected Missing twice (clause 14.4.3)");
      }
    }
    long highest = created.get(created.size() - 1).number();
    List<Long> all = created.stream().map(StoredIncident::number).sorted(Comparator.reverseOrder()).toList();
    for (long boundary : List.of(highest + Adversarial.TWO_TO_32, Long.MAX_VALUE - 1, highest + Integer.MAX_VALUE + 1L)) {
      List<Long> listed = store.list(tenant, ListQuery.newest(10).after(boundary)).stream()
          .map(StoredIncident::number).toList();
      if (!listed.equals(all)) {
        throw new AssertionError("list newest first below " + boundary + " returned " + listed + ", expected every "
            + "incident " + all + ": the boundary is a long (clause 14.6.1)");
      }
      List<Long> above = store.list(tenant, ListQuery.first(FacetFilter.NONE, ListQuery.Order.OLDEST_FIRST, 10)
          .after(boundary)).stream().map(StoredIncident::number).toList();
      if (!above.isEmpty()) {
        throw new AssertionError("list oldest first above " + boundary + " returned " + above + ", expected nothing "
            + "(clause 14.6.1)");
      }
    }
    long last = store.lastEventSequence();
    for (long after : List.of(Adversarial.TWO_TO_32, last + Adversarial.TWO_TO_32, Long.MAX_VALUE - 1)) {
      List<StoredEvent> events = store.events(after, 10);
      if (!events.isEmpty()) {
        throw new AssertionError("events after sequence " + after + " returned sequences "
            + events.stream().map(StoredEvent::sequence).toList() + " while the last is " + last
            + ": sequences are longs, all 64 bits count (clause 14.15)");
      }
    }
  }

  private static String describeAlias(long alias, long n) {
    return (int) alias == (int) n ? "equal to #" + n + " in its low 32 bits" : "far from #" + n;
  }

  @Test
  @Override
  public void required_tck614_renderersRunOnlyWhileTheirCreateRuns() {
    IncidentStore store = newStore();
    String tenant = freshTenant("while");
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    // Each renderer may run only between the start and the return of the call that was given it.
    class Watched implements DocumentRenderer {
      final String name;
      final boolean fails;
      volatile boolean running;
      final List<Long> calls = Collections.synchronizedList(new ArrayList<>());

      Watched(String name, boolean fails) {
        this.name = name;
        this.fails = fails;
      }

      @Override
      public dev.incidents.spi.RenderedIncident render(long number) {
        calls.add(number);
        if (!running) {
          violations.add("the renderer of " + name + " was called for #" + number + " outside its create");
        }
        if (fails) {
          throw new RendererFailure("incident-tck: " + name + " fails");
        }
        return Renderings.of(Documents.render(tenant, number, name));
      }
    }
    List<Watched> renderers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Watched renderer = new Watched("create " + i + (i % 3 == 1 ? " (failing)" : ""), i % 3 == 1);
      renderers.add(renderer);
      renderer.running = true;
      try {
        store.create(new NewIncident(tenant, i % 2 == 0 ? "key " + i : null, i % 2 == 0 ? fingerprint(i) : null,
            renderer));
      } catch (RendererFailure expected) {
        // The failing ones fail; what matters is when their renderer runs.
      } finally {
        renderer.running = false;
      }
    }
    Watched batched = new Watched("a batch item", false);
    renderers.add(batched);
    batched.running = true;
    try {
      store.createAll(List.of(new NewIncident(tenant, batched)));
    } finally {
      batched.running = false;
    }
    // Reads, replays and other creates must not run an earlier create's renderer.
    store.get(tenant, 1);
    store.list(tenant, ListQuery.newest(10));
    store.create(new NewIncident(tenant, "key 0", fingerprint(0), rendering(tenant, "a replay", new ArrayList<>())));
    store.create(new NewIncident(tenant, rendering(tenant, "one more", new ArrayList<>())));
    store.close();
    Watched afterClose = new Watched("a create after close", false);
    renderers.add(afterClose);
    // How a closed store refuses a create is not this rule's concern: it only watches the renderer.
    Throwable createRefused = catchThrowable(() -> store.create(new NewIncident(tenant, afterClose)));
    Throwable batchRefused = catchThrowable(() -> store.createAll(List.of(new NewIncident(tenant, afterClose))));
    if (!afterClose.calls.isEmpty()) {
      violations.add("a closed store called the renderer of a create for " + afterClose.calls
          + "; it must fail before it allocates or renders anything (clause 14.10.2)");
    }
    if (!violations.isEmpty()) {
      throw new AssertionError("a store calls a renderer only inside the unit of work of the create it was given, "
          + "before that create returns (clause 14.8.1), never for a closed store, never later for a failed "
          + "create; but: " + String.join("; ", violations));
    }
  }

  // ---- 7xx: stateful -----------------------------------------------------------------------------

  private Stateful.Wiring wiring() {
    return new Stateful.Wiring(this::newStore, this::reopen, this::serviceOver, clock);
  }

  @Test
  @Override
  public void required_tck701_sequentialCommandsMatchTheModel() {
    sequential(false);
  }

  @Test
  @Override
  public void optional_tck702_sequentialCommandsWithReopenMatchTheModel() {
    assumeDurable();
    sequential(true);
  }

  private void sequential(boolean reopen) {
    var harnesses = Stateful.harnesses(wiring());
    forAll(settings.sequences(), Stateful.sequences(settings.steps(), reopen, false), steps -> {
      try {
        Sequential.modelCheck(Stateful.Model.empty(true), steps, harnesses, Stateful::observe);
      } catch (AssertionError e) {
        throw explained(e);
      }
    });
  }

  @Test
  @Override
  public void required_tck703_parallelCommandsAreLinearizable() {
    var harnesses = Stateful.harnesses(wiring());
    Parallel parallel = new Parallel((int) Math.min(Integer.MAX_VALUE, settings.timeoutSeconds()), TimeUnit.SECONDS);
    forAll(settings.parallelSequences(), Stateful.sequences(settings.parallelSteps(), false, true), steps -> {
      try {
        parallel.parallelCheck(Stateful.Model.empty(false), steps, harnesses, Stateful::observe,
            Math.min(settings.threads(), steps.size()));
      } catch (AssertionError e) {
        throw explained(e);
      }
    });
  }

  /** QuickTheories' model check says "Expected <what the store shows> to be <what the model says>". */
  private static AssertionError explained(AssertionError e) {
    String message = String.valueOf(e.getMessage());
    if (!message.startsWith("Expected ") && !message.startsWith("Final state ")) {
      return e; // a problem the harness found, already in words
    }
    AssertionError explained = new AssertionError("the store parted from the model of a correct store (each tenant's "
        + "incidents by the label of the command that created them, oldest first; the model's state comes second): "
        + message, e.getCause());
    explained.setStackTrace(e.getStackTrace());
    return explained;
  }

  // ---- 8xx: durability ---------------------------------------------------------------------------

  @Test
  @Override
  public void optional_tck801_incidentsSurviveReopen() {
    assumeDurable();
    IncidentStore[] store = {newStore()};
    IncidentService[] service = {serviceOver(store[0])};
    List<Incident> all = new ArrayList<>();
    Incident maximal = service[0].create(as(TENANT),
        sample(Generators.maximalRequests(TENANT)));
    all.add(maximal);
    Gen<List<IncidentCreateRequest>> batches = lists().of(Generators.requests(TENANT)).ofSizeBetween(1, 4);
    forAll(Math.max(1, settings.examples() / 4), batches.describedAs(b -> b.stream().map(Requests::describe).toList().toString()),
        requests -> {
          for (IncidentCreateRequest request : requests) {
            clock.advance(Duration.ofMillis(1));
            all.add(service[0].create(as(TENANT), request));
          }
          store[0] = reopen(store[0]);
          service[0] = serviceOver(store[0]);
          for (Incident incident : all.subList(Math.max(0, all.size() - requests.size()), all.size())) {
            assertSameIncident(incident, get(service[0], TENANT, incident.id()), "after reopen, get(\"" + incident.id() + "\")");
          }
          assertSameIncident(maximal, get(service[0], TENANT, maximal.displayId()),
              "after reopen, get of the maximal incident " + maximal.displayId());
          assertListIs(service[0], TENANT, all, "after reopen");
        });
  }

  /** One value of a generator, from the rule's seed. */
  private <T> T sample(Gen<T> gen) {
    List<T> one = new ArrayList<>(1);
    new Properties(rule, seed, 0, Knob.SEED.property()).check(1, gen, one::add);
    return one.get(0);
  }

  @Test
  @Override
  public void optional_tck802_numbersAreNeverReusedAfterReopen() {
    assumeDurable();
    // Each step: 0 = create in the first tenant, 1 = a create there whose renderer fails, 2 = reopen,
    // 3 = create in the second tenant. The plan ends with a reopen and a create in each tenant.
    List<String> names = List.of("create", "failed create", "reopen", "create in the other tenant");
    Gen<List<Integer>> plans = lists().of(integers().between(0, 3)).ofSizeBetween(1, 8)
        .describedAs(plan -> plan.stream().map(names::get).toList().toString());
    IncidentStore[] store = {newStore()};
    forAll(Math.max(1, settings.examples() / 4), plans, plan -> {
      List<String> tenants = List.of(freshTenant("busy"), freshTenant("quiet"));
      Map<String, List<Incident>> visible = new LinkedHashMap<>();
      tenants.forEach(t -> visible.put(t, new ArrayList<>()));
      IncidentService service = serviceOver(store[0]);
      List<Integer> steps = new ArrayList<>(plan);
      steps.addAll(List.of(2, 0, 3));
      for (int step : steps) {
        if (step == 1) {
          Throwable unused = catchThrowable(() -> store[0].create(new NewIncident(tenants.get(0), null, null, failing(new ArrayList<>()))));
        } else if (step == 2) {
          store[0] = reopen(store[0]);
          service = serviceOver(store[0]);
        } else {
          String tenant = tenants.get(step == 0 ? 0 : 1);
          List<Incident> before = Objects.requireNonNull(visible.get(tenant), "every tenant has a list");
          Incident created = service.create(as(tenant), Requests.titled("step " + before.size()));
          for (Incident earlier : before) {
            if (created.number() <= earlier.number()) {
              throw new AssertionError("after " + plan.stream().map(names::get).toList() + ": create in " + tenant + " returned #" + created.number()
                  + ", not above " + earlier.displayId() + " created before: numbers must never be reused, also "
                  + "across reopen");
            }
          }
          before.add(created);
        }
      }
      for (String tenant : tenants) {
        assertListIs(service, tenant, Objects.requireNonNull(visible.get(tenant), "every tenant has a list"), "after " + plan.stream().map(names::get).toList() + " and a reopen");
      }
    });
  }

  @Test
  @Override
  public void optional_tck803_idempotencyKeysSurviveReopen() {
    assumeDurable();
    IncidentStore[] store = {newStore()};
    forAll(Math.max(1, settings.examples() / 4), keyedRequests(Requests.small()), example -> {
      String first = freshTenant("keys");
      String second = first.toUpperCase(java.util.Locale.ROOT);
      IdempotencyKey key = IdempotencyKey.of(example.key());
      IncidentService service = serviceOver(store[0]);
      Incident a = service.create(as(first), example.request(), key);
      Incident b = service.create(as(second), Requests.retitled(example.request()), key);
      store[0] = reopen(store[0]);
      service = serviceOver(store[0]);
      clock.advance(Duration.ofMinutes(1));
      assertSameIncident(a, service.create(as(first), example.request(), key), "after reopen, a replay in " + first);
      assertSameIncident(b, service.create(as(second), Requests.retitled(example.request()), key),
          "after reopen, a replay in " + second);
      IncidentService s = service;
      Throwable conflict = catchThrowable(() -> s.create(as(first), Requests.titled("another request"), key));
      if (!(conflict instanceof ConflictException)) {
        throw new AssertionError("after reopen, a create with key \"" + key + "\" (used for " + a.displayId()
            + ") and another request must be a conflict, but " + (conflict == null ? "it succeeded" : "threw " + conflict),
            conflict);
      }
      assertListIs(service, first, List.of(a), "after reopen and the replays");
      assertListIs(service, second, List.of(b), "after reopen and the replays");
    });
  }

  @Test
  @Override
  public void optional_tck804_updatesAndDeletesSurviveReopen() {
    assumeDurable();
    IncidentStore[] store = {newStore()};
    Gen<List<Change>> plans = lists().of(integers().between(0, 5).zip(Synthetic.facets(), integers().between(0, 3),
        (target, facets, kind) -> new Change(target, kind == 3 ? null : facets))).ofSizeBetween(1, 10);
    forAll(Math.max(1, settings.examples() / 4), plans.describedAs(p -> "6 keyed incidents, then " + p
        + ", then a 7th created and deleted, then reopen"),
        plan -> {
          String tenant = freshTenant("lasting");
          List<Written> written = new ArrayList<>();
          Map<Long, Written> model = new TreeMap<>();
          for (int i = 0; i < 6; i++) {
            Written w = createWith(store[0], tenant, "lasting " + i, Renderings.PLAIN_FACETS, null, "incident " + i);
            written.add(w);
            model.put(w.number, w);
          }
          for (Change change : plan) {
            Written w = written.get(change.target());
            if (w.deleted) {
              continue;
            }
            if (change.facets() == null) {
              deleteWith(store[0], w, null);
            } else {
              updateWith(store[0], w, change.facets(), null, "before reopen");
            }
          }
          // The newest incident is always deleted: a counter recomputed on open must not hand its number out again.
          Written newest = createWith(store[0], tenant, "lasting newest", Renderings.PLAIN_FACETS, null, "newest");
          written.add(newest);
          model.put(newest.number, newest);
          deleteWith(store[0], newest, null);
          long highest = newest.number;
          store[0] = reopen(store[0]);
          for (Written w : written) {
            assertReadsAsWritten(store[0], w, "after reopen");
            if (w.deleted) {
              UpdateResult update = store[0].update(new IncidentUpdate(tenant, w.number, w.version,
                  Renderings.of(versionDocument(tenant, w.number, w.version + 1, "resurrected"))));
              if (!(update instanceof UpdateResult.Missing)) {
                throw new AssertionError("after reopen, an update of the deleted " + w.story() + " returned " + update
                    + ", expected Missing: deletes survive reopen (clause 14.13.2)");
              }
              CreateResult again = store[0].create(new NewIncident(tenant, w.key, fingerprint(5),
                  rendering(tenant, "created again", new ArrayList<>())));
              assertReplayedDeleted(again, w, "after reopen, a create with the key of the deleted " + w.story());
            } else {
              UpdateResult stale = store[0].update(new IncidentUpdate(tenant, w.number, w.version + 1,
                  Renderings.of(versionDocument(tenant, w.number, w.version + 2, "stale"))));
              if (!(stale instanceof UpdateResult.Stale s) || s.current().version() != w.version) {
                throw new AssertionError("after reopen, an update of " + w.story() + " from version " + (w.version + 1)
                    + " returned " + stale + ", expected Stale at version " + w.version + ": versions survive reopen");
              }
            }
          }
          assertFiltered(store[0], tenant, model, FacetFilter.NONE, 4);
          for (Written w : written) {
            if (!w.deleted) {
              assertFiltered(store[0], tenant, model, exactly(w.facets), 3);
            }
          }
          CreateResult next = store[0].create(new NewIncident(tenant, rendering(tenant, "after reopen", new ArrayList<>())));
          if (next.number() <= highest) {
            throw new AssertionError("after " + plan + " and a reopen, the next create got #" + next.number() + ", but #"
                + highest + " was visible before: numbers of deleted incidents stay used after reopen (clause 14.13.3)");
          }
        });
  }

  @Test
  @Override
  public void optional_tck805_eventsAndRecordsSurviveReopen() {
    assumeDurable();
    IncidentStore[] store = {newStore()};
    forAll(Math.max(1, settings.examples() / 4), integers().between(1, 8).zip(integers().between(0, 8), Pair::of), example -> {
      String tenant = freshTenant("kept");
      String namespace = "consumer-positions." + (++counter);
      for (int i = 0; i < example._1; i++) {
        Written w = createWith(store[0], tenant, null, Renderings.PLAIN_FACETS,
            Synthetic.payload(tenant, 0, 1, "create", "kept " + i), "kept " + i);
        if (i % 2 == 1) {
          updateWith(store[0], w, Renderings.PLAIN_FACETS, Synthetic.payload(tenant, w.number, 2, "update", "kept " + i), "u");
        }
        store[0].putRecord(namespace, "consumer " + i, recordValue(i + 8));
      }
      store[0].removeRecord(namespace, "consumer 0");
      List<StoredEvent> all = eventsAfter(store[0], 0, StoreLimits.MAX_EVENTS_LIMIT);
      long through = all.get(Math.min(example._2, all.size() - 1)).sequence() - 1;
      store[0].pruneEvents(through);
      List<StoredEvent> before = eventsAfter(store[0], 0, StoreLimits.MAX_EVENTS_LIMIT);
      long last = store[0].lastEventSequence();
      List<StoredRecord> records = store[0].records(namespace, "", 1000);
      store[0] = reopen(store[0]);
      List<StoredEvent> after = eventsAfter(store[0], 0, StoreLimits.MAX_EVENTS_LIMIT);
      if (!after.equals(before)) {
        throw new AssertionError("after reopen, events are " + Text.abbreviate(after, 600) + "; before they were "
            + Text.abbreviate(before, 600) + " (clause 14.15.6)");
      }
      if (store[0].lastEventSequence() != last) {
        throw new AssertionError("after reopen, lastEventSequence() is " + store[0].lastEventSequence() + ", before it was "
            + last + " (clause 14.15.6)");
      }
      createWith(store[0], tenant, null, Renderings.PLAIN_FACETS, Synthetic.payload(tenant, 0, 1, "create", "after reopen"),
          "after reopen");
      List<StoredEvent> newer = store[0].events(last, 10);
      if (newer.size() != 1 || newer.get(0).sequence() <= last) {
        throw new AssertionError("after reopen, the next event is " + newer + "; its sequence must be above " + last
            + ", the last before reopen (clause 14.15.6)");
      }
      List<StoredRecord> recordsAfter = store[0].records(namespace, "", 1000);
      if (!recordsAfter.equals(records)) {
        throw new AssertionError("after reopen, records of " + namespace + " are "
            + recordsAfter.stream().map(StoredRecord::key).toList() + ", before they were "
            + records.stream().map(StoredRecord::key).toList() + " (their values byte for byte; clause 14.16.3)");
      }
      if (store[0].record(namespace, "consumer 0").isPresent()) {
        throw new AssertionError("after reopen, the removed record \"consumer 0\" is back (clause 14.16.3)");
      }
    });
  }

  // ---- 9xx: versions, updates, deletes, events and records, through the SPI -----------------------

  /** Reads {@code written} back by get and by list, and checks version and document against the model. */
  private static void assertReadsAsWritten(IncidentStore store, Written written, String after) {
    StoredIncident got = store.get(written.tenant, written.number).orElse(null);
    if (written.deleted) {
      if (got != null) {
        throw new AssertionError(after + ": get(\"" + written.tenant + "\", " + written.number + ") found " + got
            + ", but it was deleted: " + written.story());
      }
      return;
    }
    if (got == null) {
      throw new AssertionError(after + ": get(\"" + written.tenant + "\", " + written.number + ") found nothing; "
          + "expected " + written.story());
    }
    assertAsWritten(written, got, after + ": get");
    List<StoredIncident> page = store.list(written.tenant, ListQuery.newest(1).after(written.number + 1));
    if (page.isEmpty() || page.get(0).number() != written.number) {
      throw new AssertionError(after + ": list from #" + (written.number + 1) + " down returned " + storedNumbers(page)
          + " instead of #" + written.number + ": " + written.story());
    }
    assertAsWritten(written, page.get(0), after + ": list");
  }

  /** One step of tck901: 0 update, 1 stale update (below), 2 stale update (above), 3 replay, 4 update another. */
  private static final List<String> VERSION_STEPS = List.of("update from the current version",
      "update from an older version", "update from a later version", "replay of its key", "update of another incident");

  @Test
  @Override
  public void required_tck901_versionsCountStoredChanges() {
    IncidentStore store = newStore();
    Gen<List<Integer>> plans = lists().of(integers().between(0, 4)).ofSizeBetween(1, 12)
        .describedAs(plan -> plan.stream().map(VERSION_STEPS::get).toList().toString());
    forAll(settings.examples(), plans, plan -> {
      String tenant = freshTenant("versions");
      Written a = createWith(store, tenant, "versioned", Renderings.PLAIN_FACETS, null, "a");
      Written b = createWith(store, tenant, null, Renderings.PLAIN_FACETS, null, "b");
      List<String> done = new ArrayList<>();
      for (int step : plan) {
        done.add(VERSION_STEPS.get(step));
        String after = "after " + done;
        switch (step) {
          case 0 -> updateWith(store, a, Renderings.PLAIN_FACETS, null, "step " + done.size());
          case 1, 2 -> {
            long stale = step == 1 ? a.version - 1 : a.version + 1 + done.size() % 3;
            if (stale < 1) {
              stale = a.version + 1;
            }
            UpdateResult result = store.update(new IncidentUpdate(tenant, a.number, stale,
                Synthetic.rendered(versionDocument(tenant, a.number, stale + 1, "stale"), Renderings.PLAIN_FACETS, null)));
            if (!(result instanceof UpdateResult.Stale staleResult)) {
              throw new AssertionError(after + ": an update of " + a.story() + " from version " + stale
                  + " while it is at version " + a.version + " returned " + result + ", expected Stale: nothing may be "
                  + "stored unless the version is still the expected one (clause 14.12.2)");
            }
            assertAsWritten(a, staleResult.current(), after + ": the Stale result");
          }
          case 3 -> {
            List<Long> calls = new ArrayList<>();
            CreateResult replay = store.create(new NewIncident(tenant, a.key, fingerprint(1), rendering(tenant, "replay", calls)));
            if (!(replay instanceof CreateResult.Replayed replayed)) {
              throw new AssertionError(after + ": a create with the key of " + a.story() + " returned " + replay
                  + ", expected Replayed");
            }
            assertAsWritten(a, replayed.incident(), after + ": Replayed (the incident as it is now)");
          }
          default -> updateWith(store, b, Renderings.PLAIN_FACETS, null, "other step " + done.size());
        }
        assertReadsAsWritten(store, a, after);
        assertReadsAsWritten(store, b, after);
      }
    });
  }

  private record CasExample(IncidentFacets before, IncidentFacets after, int staleBy) {
    @Override
    public String toString() {
      return "an incident with " + Synthetic.describe(before) + " updated to " + Synthetic.describe(after)
          + ", a stale update " + staleBy + " version(s) off";
    }
  }

  @Test
  @Override
  public void required_tck902_updateIsCompareAndSet() {
    IncidentStore store = newStore();
    Gen<CasExample> examples = Synthetic.facets().zip(Synthetic.facets(), integers().between(-3, 3)
        .map(i -> i == 0 ? 1 : i), CasExample::new);
    forAll(settings.examples(), examples, example -> {
      String tenant = freshTenant("cas");
      String other = tenant.toUpperCase(java.util.Locale.ROOT);
      Written w = createWith(store, tenant, "cas key", example.before(), null, "before");
      Written twin = createWith(store, other, null, example.before(), null, "twin in " + other);
      Map<Long, Written> model = new TreeMap<>(Map.of(w.number, w));
      updateWith(store, w, example.after(), null, "after");
      // A stale update stores nothing: document, version and facets stay.
      long stale = Math.max(1, w.version + example.staleBy());
      if (stale == w.version) {
        stale = w.version + 1;
      }
      UpdateResult result = store.update(new IncidentUpdate(tenant, w.number, stale,
          Synthetic.rendered(versionDocument(tenant, w.number, 99, "stale"), example.before(), null)));
      if (!(result instanceof UpdateResult.Stale staleResult)) {
        throw new AssertionError("an update of " + w.story() + " from version " + stale + " returned " + result
            + ", expected Stale (clause 14.12.2)");
      }
      assertAsWritten(w, staleResult.current(), "the Stale result");
      assertReadsAsWritten(store, w, "after a stale update");
      assertFiltered(store, tenant, model, exactly(example.after()), 2);
      assertFiltered(store, tenant, model, exactly(example.before()), 2);
      // Missing: an unknown number, a tenant that has none, and no crossing into a tenant with the same number.
      for (IncidentUpdate missing : List.of(
          new IncidentUpdate(tenant, w.number + 1000, 1, Renderings.of(versionDocument(tenant, w.number + 1000, 2, "x"))),
          new IncidentUpdate(freshTenant("nobody"), w.number, w.version, Renderings.of(versionDocument(tenant, w.number, 3, "x"))))) {
        UpdateResult r = store.update(missing);
        if (!(r instanceof UpdateResult.Missing)) {
          throw new AssertionError("an update of #" + missing.number() + " in tenant " + missing.tenant()
              + ", which has no such incident, returned " + r + ", expected Missing");
        }
      }
      assertReadsAsWritten(store, twin, "after updates in tenant " + tenant + " (twin of " + w.story() + ")");
      // An update keeps the number and the key: a replay returns the incident as it is now.
      CreateResult replay = store.create(new NewIncident(tenant, "cas key", fingerprint(2), rendering(tenant, "no", new ArrayList<>())));
      if (!(replay instanceof CreateResult.Replayed replayed)) {
        throw new AssertionError("after an update, a create with the key of " + w.story() + " returned " + replay
            + ", expected Replayed: an update keeps the key recorded with the incident (clause 14.12.4)");
      }
      assertAsWritten(w, replayed.incident(), "a replay after the update");
      if (!replayed.fingerprint().equals(fingerprint(1))) {
        throw new AssertionError("after an update, a replay returned the fingerprint \"" + replayed.fingerprint()
            + "\", not the one recorded at create");
      }
      // Deleted: Missing from then on.
      deleteWith(store, w, null);
      UpdateResult afterDelete = store.update(new IncidentUpdate(tenant, w.number, w.version,
          Renderings.of(versionDocument(tenant, w.number, w.version + 1, "resurrected"))));
      if (!(afterDelete instanceof UpdateResult.Missing)) {
        throw new AssertionError("an update of " + w.story() + " from its last version returned " + afterDelete
            + ", expected Missing: a deleted incident cannot be updated (clause 14.13.2)");
      }
      assertReadsAsWritten(store, w, "after an update of the deleted incident");
    });
  }

  /** What one racing writer of tck903 got. */
  private record Race(int thread, Object result) {}

  @Test
  @Override
  public void required_tck903_concurrentUpdatesFromOneVersionStoreExactlyOne() {
    IncidentStore store = newStore();
    String tenant = freshTenant("cas-race");
    Concurrently racers = threads(settings.racers());
    for (int round = 0; round < settings.rounds(); round++) {
      Written w = createWith(store, tenant, null, Renderings.PLAIN_FACETS, null, "round " + round);
      if (round % 2 == 1) {
        updateWith(store, w, Renderings.PLAIN_FACETS, null, "round " + round + " before the race");
      }
      long from = w.version;
      boolean withDelete = round % 3 == 2;
      int r = round;
      List<Race> results = racers.run("racing updates", i -> {
        if (withDelete && i == 0) {
          return new Race(i, store.delete(Synthetic.deletion(tenant, w.number, from, null)));
        }
        byte[] document = versionDocument(tenant, w.number, from + 1, "round " + r + " racer " + i);
        return new Race(i, store.update(new IncidentUpdate(tenant, w.number, from,
            Synthetic.rendered(document, movingFacets(i % 2 == 0, i), null))));
      });
      List<Race> stored = results.stream().filter(x -> x.result() instanceof UpdateResult.Updated
          || x.result() instanceof DeleteResult.Deleted).toList();
      String context = "round " + round + ": " + results.size() + " threads " + (withDelete ? "updating (and one deleting) "
          : "updating ") + w.story() + " from version " + from + " at once";
      if (stored.size() != 1) {
        throw new AssertionError(context + ": " + stored.size() + " changes were stored (threads "
            + stored.stream().map(Race::thread).toList() + "); exactly one must be, the others Stale or Missing: the "
            + "version check and the write are not atomic (compare and set, clause 14.12.3)");
      }
      Race winner = stored.get(0);
      for (Race race : results) {
        if (race == winner) {
          continue;
        }
        boolean lost = race.result() instanceof UpdateResult.Stale s && s.current().version() == from + 1
            || race.result() instanceof DeleteResult.Stale ds && ds.current().version() == from + 1
            || race.result() instanceof UpdateResult.Missing || race.result() instanceof DeleteResult.Missing;
        if (!lost) {
          throw new AssertionError(context + ": thread " + winner.thread() + " stored its change, and thread "
              + race.thread() + " got " + race.result() + ", expected Stale with the winner's version " + (from + 1)
              + (winner.result() instanceof DeleteResult.Deleted ? ", or Missing" : ""));
        }
      }
      StoredIncident now = store.get(tenant, w.number).orElse(null);
      if (winner.result() instanceof UpdateResult.Updated updated) {
        if (now == null || !now.equals(updated.incident()) && !(now.version() == from + 1
            && Documents.sameJson(updated.incident().document(), now.document()))) {
          throw new AssertionError(context + ": thread " + winner.thread() + " won with " + updated.incident()
              + " but get returns " + now);
        }
      } else if (now != null) {
        throw new AssertionError(context + ": the delete won, but get still returns " + now);
      }
    }
  }

  private record DeleteExample(int count, List<Integer> deleted, boolean newest) {
    @Override
    public String toString() {
      return count + " incidents, deleting " + (newest ? "the newest and " : "") + "incidents " + deleted;
    }
  }

  @Test
  @Override
  public void required_tck904_deleteHidesTheIncidentAndKeepsItsNumber() {
    IncidentStore store = newStore();
    Gen<DeleteExample> examples = integers().between(1, 10).zip(lists().of(integers().between(1, 10)).ofSizeBetween(0, 5),
        Requests.coin(), DeleteExample::new);
    forAll(settings.examples(), examples, example -> {
      String tenant = freshTenant("deletes");
      Map<Long, Written> model = new TreeMap<>();
      List<Written> written = new ArrayList<>();
      for (int i = 0; i < example.count(); i++) {
        Written w = createWith(store, tenant, null, Renderings.PLAIN_FACETS, null, "incident " + (i + 1));
        if (i % 3 == 1) {
          updateWith(store, w, movingFacets(true, i), null, "updated before the delete");
        }
        written.add(w);
        model.put(w.number, w);
      }
      long highest = written.get(written.size() - 1).number;
      Set<Written> doomed = new LinkedHashSet<>();
      example.deleted().forEach(i -> doomed.add(written.get((i - 1) % written.size())));
      if (example.newest()) {
        doomed.add(written.get(written.size() - 1));
      }
      for (Written w : doomed) {
        DeleteResult stale = store.delete(Synthetic.deletion(tenant, w.number, w.version + 1, null));
        if (!(stale instanceof DeleteResult.Stale s) || s.current().version() != w.version) {
          throw new AssertionError("a delete of " + w.story() + " from version " + (w.version + 1) + " while it is at "
              + "version " + w.version + " returned " + stale + ", expected Stale with the incident as it is (clause 14.13.1)");
        }
        assertReadsAsWritten(store, w, "after a stale delete");
        deleteWith(store, w, null);
      }
      for (Written w : doomed) {
        String after = "after " + example;
        assertReadsAsWritten(store, w, after);
        UpdateResult update = store.update(new IncidentUpdate(tenant, w.number, w.version,
            Renderings.of(versionDocument(tenant, w.number, w.version + 1, "after delete"))));
        DeleteResult again = store.delete(Synthetic.deletion(tenant, w.number, w.version, null));
        if (!(update instanceof UpdateResult.Missing) || !(again instanceof DeleteResult.Missing)) {
          throw new AssertionError(after + ": for the deleted " + w.story() + ", update returned " + update
              + " and a second delete " + again + "; both must be Missing (clauses 14.13.1, 14.13.2)");
        }
      }
      assertFiltered(store, tenant, model, FacetFilter.NONE, 3);
      assertFiltered(store, tenant, model, exactly(Renderings.PLAIN_FACETS), 2);
      CreateResult next = store.create(new NewIncident(tenant, rendering(tenant, "after the deletes", new ArrayList<>())));
      if (next.number() <= highest) {
        throw new AssertionError("after " + example + ": the next create got #" + next.number() + ", but #" + highest
            + " was visible before; a deleted incident's number stays used forever (clause 14.13.3), and numbers are "
            + "above every number ever visible (clause 14.1)");
      }
    });
  }

  private record DeletedKeyExample(String key, boolean updated, boolean sameFingerprint) {
    @Override
    public String toString() {
      return "key " + Text.quote(key) + (updated ? ", updated before the delete" : "")
          + (sameFingerprint ? ", retried with the same fingerprint" : ", retried with another fingerprint");
    }
  }

  @Test
  @Override
  public void required_tck905_keyOfADeletedIncidentNeverCreatesAgain() {
    IncidentStore store = newStore();
    Gen<DeletedKeyExample> examples = Requests.keys().zip(Requests.coin(), Requests.coin(), DeletedKeyExample::new);
    forAll(settings.examples(), examples, example -> {
      String tenant = freshTenant("deleted-keys");
      String key = example.key();
      Written w = createWith(store, tenant, key, Renderings.PLAIN_FACETS, null, "keyed");
      if (example.updated()) {
        updateWith(store, w, Renderings.PLAIN_FACETS, null, "updated");
      }
      deleteWith(store, w, null);
      String fp = example.sameFingerprint() ? fingerprint(1) : fingerprint(7);
      List<Long> calls = new ArrayList<>();
      CreateResult again = store.create(new NewIncident(tenant, key, fp, rendering(tenant, "created again", calls)));
      assertReplayedDeleted(again, w, "a create with the key of the deleted " + w.story());
      if (!calls.isEmpty()) {
        throw new AssertionError("a create with the key of the deleted " + w.story() + " called the renderer for "
            + calls + ": a replay calls no renderer (clause 14.8.3)");
      }
      List<CreateResult> batch = store.createAll(List.of(new NewIncident(tenant, key, fp,
          rendering(tenant, "created again in a batch", new ArrayList<>()))));
      assertReplayedDeleted(batch.get(0), w, "createAll with the key of the deleted " + w.story());
      List<Long> listed = storedNumbers(store.list(tenant, ListQuery.newest(10)));
      if (!listed.isEmpty()) {
        throw new AssertionError("after creates with the key of the deleted " + w.story() + ", list shows " + listed
            + "; a key never creates a second incident (clause 14.13.4)");
      }
      assertReadsAsWritten(store, w, "after creates with the key of the deleted incident");
    });
  }

  private static void assertReplayedDeleted(CreateResult result, Written deleted, String what) {
    if (!(result instanceof CreateResult.ReplayedDeleted replayed) || replayed.number() != deleted.number
        || !replayed.fingerprint().equals(fingerprint(1))) {
      throw new AssertionError(what + " returned " + result + ", expected ReplayedDeleted[number=" + deleted.number
          + ", fingerprint=" + fingerprint(1) + "]: the key stays recorded, with the fingerprint of the first create, "
          + "and never creates again (clause 14.13.4)");
    }
  }

  // ---- events (clause 14.15) ----------------------------------------------------------------------

  /** Every event after {@code after}, read in pages of {@code limit}; checks order and limits on the way. */
  private static List<StoredEvent> eventsAfter(IncidentStore store, long after, int limit) {
    List<StoredEvent> all = new ArrayList<>();
    long position = after;
    for (int pages = 0; ; pages++) {
      if (pages > 100_000) {
        throw new AssertionError("events(after, " + limit + ") kept returning events: more than 100,000 pages");
      }
      List<StoredEvent> page = store.events(position, limit);
      if (page.size() > limit) {
        throw new AssertionError("events(" + position + ", " + limit + ") returned " + page.size() + " events, more than "
            + "its limit");
      }
      for (StoredEvent event : page) {
        if (event.sequence() <= position) {
          throw new AssertionError("events(" + position + ", " + limit + ") returned sequence " + event.sequence()
              + ", which is not above " + position + " (clause 14.15.2): " + Text.abbreviate(event, 200));
        }
        position = event.sequence();
        all.add(event);
      }
      if (page.size() < limit) {
        return all;
      }
    }
  }

  /** One step of tck921, and whether it must store an event. */
  private static final List<String> EVENT_STEPS = List.of("create with an event", "create without an event",
      "replay of a key", "create whose renderer throws", "update with an event", "update without an event",
      "stale update", "update of a missing incident", "delete with an event", "stale delete",
      "delete of a missing incident", "create with an event in a batch");

  @Test
  @Override
  public void required_tck921_everyStoredChangeHasExactlyOneEvent() {
    IncidentStore store = newStore();
    Gen<List<Integer>> plans = lists().of(integers().between(0, EVENT_STEPS.size() - 1)).ofSizeBetween(1, 15)
        .describedAs(plan -> plan.stream().map(EVENT_STEPS::get).toList().toString());
    forAll(settings.examples(), plans.zip(integers().between(1, 5), Pair::of), example -> {
      List<Integer> plan = example._1;
      String tenant = freshTenant("events");
      long start = store.lastEventSequence();
      List<String> expected = new ArrayList<>();
      Map<String, String> origin = new HashMap<>();
      List<Written> live = new ArrayList<>();
      for (int i = 0; i < plan.size(); i++) {
        int step = plan.get(i);
        String label = "step " + (i + 1) + " (" + EVENT_STEPS.get(step) + ")";
        Written target = live.isEmpty() ? null : live.get(i % live.size());
        // Used by the steps that change an existing incident only, which need a target.
        byte[] event = Synthetic.payload(tenant, target == null ? 0 : target.number, target == null ? 1 : target.version + 1,
                EVENT_STEPS.get(step), label);
        switch (step) {
          case 0, 1 -> {
            byte[] created = step == 0 ? Synthetic.payload(tenant, 0, 1, "create", label) : null;
            Written w = createWith(store, tenant, "key " + i, Renderings.PLAIN_FACETS, created, label);
            live.add(w);
            if (created != null) {
              expect(expected, origin, created, label);
            }
          }
          case 2 -> {
            if (target != null && target.key != null) {
              store.create(new NewIncident(tenant, target.key, fingerprint(1), number -> Synthetic.rendered(
                  versionDocument(tenant, number, 1, "replay"), Renderings.PLAIN_FACETS,
                  Synthetic.payload(tenant, number, 1, "replay", label))));
            }
          }
          case 3 -> {
            Throwable unused = catchThrowable(() -> store.create(new NewIncident(tenant, "failing " + label, fingerprint(1),
                number -> {
                  throw new RendererFailure("incident-tck: this renderer fails on purpose");
                })));
          }
          case 4, 5 -> {
            if (target != null) {
              updateWith(store, target, Renderings.PLAIN_FACETS, step == 4 ? event : null, label);
              if (step == 4) {
                expect(expected, origin, event, label);
              }
            }
          }
          case 6 -> {
            if (target != null) {
              store.update(new IncidentUpdate(tenant, target.number, target.version + 1,
                  Synthetic.rendered(versionDocument(tenant, target.number, 9, "stale"), Renderings.PLAIN_FACETS, event)));
            }
          }
          case 7 -> store.update(new IncidentUpdate(tenant, 1_000_000 + i, 1,
              Synthetic.rendered(versionDocument(tenant, 1, 2, "missing"), Renderings.PLAIN_FACETS,
                  Synthetic.payload(tenant, 1_000_000 + i, 2, "missing", label))));
          case 8 -> {
            if (target != null) {
              deleteWith(store, target, event);
              live.remove(target);
              expect(expected, origin, event, label);
            }
          }
          case 9 -> {
            if (target != null) {
              store.delete(Synthetic.deletion(tenant, target.number, target.version + 1, event));
            }
          }
          case 10 -> store.delete(Synthetic.deletion(tenant, 1_000_000 + i, 1,
              Synthetic.payload(tenant, 1_000_000 + i, 2, "missing", label)));
          default -> {
            byte[] created = Synthetic.payload(tenant, 0, 1, "create in a batch", label);
            List<CreateResult> results = store.createAll(List.of(new NewIncident(tenant, null, null,
                number -> Synthetic.rendered(versionDocument(tenant, number, 1, label), Renderings.PLAIN_FACETS, created))));
            live.add(new Written(tenant, results.get(0).number(), null,
                ((CreateResult.Created) results.get(0)).incident().document(), Renderings.PLAIN_FACETS));
            expect(expected, origin, created, label);
          }
        }
      }
      // Asked before any read of events, while a store may still hold them pending: it must count them already.
      long lastBeforeReading = store.lastEventSequence();
      List<StoredEvent> events = eventsAfter(store, start, example._2);
      List<String> actual = new ArrayList<>();
      for (StoredEvent event : events) {
        if (!event.tenant().equals(tenant)) {
          throw new AssertionError("after " + describeSteps(plan) + ": events returned an event of tenant '"
              + event.tenant() + "' for a change in tenant '" + tenant + "': " + Text.abbreviate(event, 300));
        }
        actual.add(new String(event.payload(), StandardCharsets.UTF_8));
      }
      if (!actual.equals(expected)) {
        StringBuilder why = new StringBuilder();
        for (String payload : expected) {
          long times = actual.stream().filter(payload::equals).count();
          if (times != 1) {
            why.append("\n  the event of ").append(origin.get(payload)).append(" appears ").append(times).append(" times");
          }
        }
        for (String payload : actual) {
          if (!origin.containsKey(payload)) {
            Synthetic.Announced a = Synthetic.announced(payload.getBytes(StandardCharsets.UTF_8));
            why.append("\n  an event no stored change carries: ").append(a == null ? Text.abbreviate(payload, 200)
                : "the payload of " + a.note() + ", which stored nothing" + (payload.isEmpty() ? "" : ""));
          }
        }
        if (why.length() == 0) {
          why.append("\n  the right events in the wrong order, or payloads changed (byte for byte: ")
              .append(Text.abbreviate(actual, 400)).append(")");
        }
        throw new AssertionError("after " + describeSteps(plan) + ", events after sequence " + start + " (read "
            + example._2 + " at a time) are not exactly one per stored change with a payload, in order "
            + "(clauses 14.15.1, 14.15.2):" + why);
      }
      long last = store.lastEventSequence();
      long expectedLast = events.isEmpty() ? start : events.get(events.size() - 1).sequence();
      if (last != expectedLast) {
        throw new AssertionError("after " + describeSteps(plan) + ", lastEventSequence() is " + last + " but the last "
            + "event events() returns has sequence " + expectedLast + " (clause 14.15.5)");
      }
      if (lastBeforeReading != expectedLast) {
        throw new AssertionError("after " + describeSteps(plan) + ", lastEventSequence() asked before reading events was "
            + lastBeforeReading + ", but the last event events() then returned has sequence " + expectedLast
            + " (clause 14.15.5): the last sequence must count the events of every change already stored, "
            + "not only those a read of events has seen");
      }
    });
  }

  private static void expect(List<String> expected, Map<String, String> origin, byte[] payload, String label) {
    String text = new String(payload, StandardCharsets.UTF_8);
    expected.add(text);
    origin.put(text, label);
  }

  private static String describeSteps(List<Integer> plan) {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      steps.add((i + 1) + ". " + EVENT_STEPS.get(plan.get(i)));
    }
    return steps.toString();
  }

  /** An event a consumer of tck922 read, with what it saw of the change right after. */
  private record Consumed(StoredEvent event, Synthetic.@Nullable Announced announced, @Nullable StoredIncident seen) {}

  @Test
  @Override
  public void required_tck922_aConsumerMissesNoEventWhileWritersRun() {
    IncidentStore store = newStore();
    int writers = Math.max(2, settings.threads() - 1);
    int perWriter = settings.changesPerThread();
    Concurrently pool = threads(writers + 1);
    for (int round = 0; round < settings.rounds(); round++) {
      String tenant = freshTenant("consumed");
      // One incident every writer updates (retrying from the version Stale returns), so that its events come
      // from many threads and must still follow the order of its changes.
      long start = store.lastEventSequence();
      Written hot = createWith(store, tenant, null, Renderings.PLAIN_FACETS,
          Synthetic.payload(tenant, 0, 1, "create", "the hot incident"), "hot");
      AtomicInteger running = new AtomicInteger(writers);
      Map<String, Boolean> deletedLater = new ConcurrentHashMap<>();
      int limit = 1 + round % 7;
      int r = round;
      List<List<Consumed>> results = pool.run("consuming events while writers run", thread -> {
        if (thread < writers) {
          try {
            List<Written> mine = new ArrayList<>();
            for (int k = 0; k < perWriter; k++) {
              String label = "round " + r + " writer " + thread + " change " + k;
              switch (k % 5) {
                case 0, 3 -> mine.add(createAnnounced(store, tenant, label));
                case 1 -> hotUpdate(store, tenant, hot.number, label);
                case 2 -> {
                  if (!mine.isEmpty()) {
                    Written w = mine.get(k % mine.size());
                    updateWith(store, w, Renderings.PLAIN_FACETS,
                        Synthetic.payload(tenant, w.number, w.version + 1, "update", label), label);
                  }
                }
                default -> {
                  if (!mine.isEmpty()) {
                    Written w = mine.remove(0);
                    deletedLater.put(tenant + "#" + w.number, true);
                    deleteWith(store, w, Synthetic.payload(tenant, w.number, w.version + 1, "delete", label));
                  }
                }
              }
            }
            return List.of();
          } finally {
            running.decrementAndGet();
          }
        }
        List<Consumed> consumed = new ArrayList<>();
        long position = start;
        boolean drained = false;
        while (!drained) {
          boolean writing = running.get() > 0;
          List<StoredEvent> page = store.events(position, limit);
          for (StoredEvent event : page) {
            Synthetic.Announced announced = Synthetic.announced(event.payload());
            StoredIncident seen = null;
            if (announced != null && announced.tenant().equals(tenant) && announced.number() > 0) {
              seen = store.get(tenant, announced.number()).orElse(null);
            }
            consumed.add(new Consumed(event, announced, seen));
            position = Math.max(position, event.sequence());
          }
          if (page.isEmpty()) {
            drained = !writing;
            Thread.yield();
          }
        }
        return consumed;
      });
      List<Consumed> consumed = results.get(writers);
      String context = "round " + round + ": a consumer reading events(position, " + limit + ") while " + writers
          + " threads create, update and delete";
      checkConsumed(store, tenant, start, consumed, deletedLater, context);
    }
  }

  /** Creates an incident whose event names its number, so a consumer can look the change up. */
  private static Written createAnnounced(IncidentStore store, String tenant, String label) {
    CreateResult result = store.create(new NewIncident(tenant, null, null, number -> Synthetic.rendered(
        versionDocument(tenant, number, 1, label), Renderings.PLAIN_FACETS,
        Synthetic.payload(tenant, number, 1, "create", label))));
    if (!(result instanceof CreateResult.Created created)) {
      throw new AssertionError("a create without a key returned " + result);
    }
    return new Written(tenant, created.number(), null, created.incident().document(), Renderings.PLAIN_FACETS);
  }

  /** Updates the hot incident from its current version, retrying from the version a Stale result gives. */
  private static void hotUpdate(IncidentStore store, String tenant, long number, String label) {
    long version = store.get(tenant, number).map(StoredIncident::version).orElseThrow(
        () -> new AssertionError("the hot incident #" + number + " of tenant " + tenant + " disappeared"));
    for (int attempt = 0; attempt < 10_000; attempt++) {
      UpdateResult result = store.update(new IncidentUpdate(tenant, number, version, Synthetic.rendered(
          versionDocument(tenant, number, version + 1, label), Renderings.PLAIN_FACETS,
          Synthetic.payload(tenant, number, version + 1, "update", label))));
      if (result instanceof UpdateResult.Updated) {
        return;
      }
      if (!(result instanceof UpdateResult.Stale stale)) {
        throw new AssertionError("an update of the hot incident #" + number + " from version " + version + " returned " + result);
      }
      version = stale.current().version();
    }
    throw new AssertionError("10,000 updates of the hot incident #" + number + " were all Stale");
  }

  private static void checkConsumed(IncidentStore store, String tenant, long start, List<Consumed> consumed,
      Map<String, Boolean> deletedLater, String context) {
    List<StoredEvent> all = eventsAfter(store, start, StoreLimits.MAX_EVENTS_LIMIT);
    Map<Long, StoredEvent> bySequence = new LinkedHashMap<>();
    all.forEach(e -> bySequence.put(e.sequence(), e));
    Set<Long> read = new HashSet<>();
    long previous = start;
    Map<Long, Long> lastVersion = new HashMap<>();
    for (Consumed c : consumed) {
      StoredEvent event = c.event();
      if (event.sequence() <= previous) {
        throw new AssertionError(context + ": events returned sequence " + event.sequence() + " after "
            + previous + " had been handed out (clause 14.15.3)");
      }
      previous = event.sequence();
      read.add(event.sequence());
      StoredEvent kept = bySequence.get(event.sequence());
      if (kept == null || !kept.equals(event)) {
        throw new AssertionError(context + ": the consumer read " + Text.abbreviate(event, 300) + ", but afterwards events "
            + "returns " + (kept == null ? "no event with that sequence" : Text.abbreviate(kept, 300)));
      }
      Synthetic.Announced a = c.announced();
      if (a == null || !a.tenant().equals(tenant) || a.number() == 0) {
        continue;
      }
      StoredIncident seen = c.seen();
      boolean visible = a.kind().equals("delete") ? seen == null
          : seen != null ? seen.version() >= a.version() : deletedLater.containsKey(tenant + "#" + a.number());
      if (!visible) {
        throw new AssertionError(context + ": the consumer read the event of " + a.kind() + " #" + a.number() + " to version "
            + a.version() + " (" + a.note() + "), and right after it get returned " + (seen == null ? "nothing" : seen)
            + ": an event is never visible before its change (clause 14.15.1)");
      }
      Long before = lastVersion.put(a.number(), a.version());
      if (before != null && before == a.version()) {
        throw new AssertionError(context + ": the consumer read two events of #" + a.number() + " to version "
            + a.version() + " (the second from " + a.note() + "): one of them was stored without its change, which "
            + "lost its compare and set (clause 14.15.1)");
      }
      if (before != null && before > a.version()) {
        throw new AssertionError(context + ": the consumer read the event of #" + a.number() + " version " + a.version()
            + " (" + a.note() + ") after the event of version " + before + ": events of one incident follow the "
            + "order of its changes (clause 14.15.4)");
      }
    }
    List<StoredEvent> missed = all.stream().filter(e -> !read.contains(e.sequence())).toList();
    if (!missed.isEmpty()) {
      List<String> why = new ArrayList<>();
      for (StoredEvent e : missed.subList(0, Math.min(5, missed.size()))) {
        long handedOutAfter = consumed.stream().map(c -> c.event().sequence()).filter(s -> s > e.sequence()).findFirst().orElse(-1L);
        why.add("sequence " + e.sequence() + (handedOutAfter < 0 ? "" : ", which appeared after " + handedOutAfter
            + " had been handed out") + ": " + Text.abbreviate(new String(e.payload(), StandardCharsets.UTF_8), 120));
      }
      throw new AssertionError(context + ": the consumer, which only moves forward, missed " + missed.size() + " of "
          + all.size() + " events: " + String.join("; ", why) + ". A store that gives sequences before commit must hold "
          + "back events behind ones still uncommitted (clause 14.15.3)");
    }
  }

  @Test
  @Override
  public void required_tck923_pruneRemovesEventsUpToASequence() {
    IncidentStore store = newStore();
    forAll(Math.max(1, settings.examples() / 4), integers().between(1, 12).zip(integers().between(0, 14), Pair::of),
        example -> {
          String tenant = freshTenant("pruned");
          for (int i = 0; i < example._1; i++) {
            createWith(store, tenant, null, Renderings.PLAIN_FACETS, Synthetic.payload(tenant, 0, 1, "create", "event " + i), "e" + i);
          }
          List<StoredEvent> before = eventsAfter(store, 0, 5);
          if (before.size() < example._1) {
            throw new AssertionError("events(0) returned " + before.stream().map(StoredEvent::sequence).toList()
                + " just after " + example._1 + " events were stored (and earlier examples' prunes): every event kept "
                + "must be returned (clauses 14.15.2, 14.15.5)");
          }
          long last = store.lastEventSequence();
          // Through an event, or just below it (a gap); never beyond the last, which no consumer can have seen.
          long through = before.get(Math.min(example._2 / 2, before.size() - 1)).sequence() - example._2 % 2;
          long expectedRemoved = before.stream().filter(e -> e.sequence() <= through).count();
          long removed = store.pruneEvents(through);
          String what = "pruneEvents(" + through + ") over events " + before.stream().map(StoredEvent::sequence).toList();
          if (removed != expectedRemoved) {
            throw new AssertionError(what + " returned " + removed + ", expected " + expectedRemoved + " removed");
          }
          List<StoredEvent> after = eventsAfter(store, 0, 3);
          List<StoredEvent> kept = before.stream().filter(e -> e.sequence() > through).toList();
          if (!after.equals(kept)) {
            throw new AssertionError(what + ": events(0) returns " + after.stream().map(StoredEvent::sequence).toList()
                + ", expected " + kept.stream().map(StoredEvent::sequence).toList());
          }
          if (store.pruneEvents(through) != 0) {
            throw new AssertionError(what + " a second time removed events again");
          }
          // A prune through a lower sequence (a consumer added behind the others) changes nothing.
          long lower = Math.max(0, through - 1 - example._2 % 3);
          long removedBelow = store.pruneEvents(lower);
          List<StoredEvent> afterLower = eventsAfter(store, 0, 3);
          if (removedBelow != 0 || !afterLower.equals(kept)) {
            throw new AssertionError(what + ", then pruneEvents(" + lower + ") removed " + removedBelow
                + " events, and events(0) then returned " + afterLower.stream().map(StoredEvent::sequence).toList()
                + ", expected none removed and " + kept.stream().map(StoredEvent::sequence).toList()
                + ": a prune through a sequence below one already pruned through changes nothing (clause 14.15.5)");
          }
          if (store.lastEventSequence() != last) {
            throw new AssertionError(what + ": lastEventSequence() moved from " + last + " to " + store.lastEventSequence()
                + "; pruning changes no sequence");
          }
          createWith(store, tenant, null, Renderings.PLAIN_FACETS, Synthetic.payload(tenant, 0, 1, "create", "after pruning"),
              "after");
          List<StoredEvent> newer = store.events(last, 10);
          if (newer.size() != 1 || newer.get(0).sequence() <= last) {
            throw new AssertionError(what + ": the next event has " + newer + "; its sequence must be above every sequence "
                + "given before (" + last + "), also those pruned, or a consumer that remembers its position misses it "
                + "(clauses 14.15.2, 14.15.3)");
          }
        });
  }

  /** How many creates tck924 stores in one {@code createAll}. */
  private static final int BACKLOG_BATCH = 100;

  @Test
  @Override
  public void required_tck924_theLastSequenceCountsAWholeBacklog() {
    IncidentStore store = newStore();
    String tenant = freshTenant("backlog");
    long start = store.lastEventSequence();
    int backlog = settings.backlog();
    List<NewIncident> batch = new ArrayList<>();
    for (int i = 0; i < backlog; i++) {
      byte[] payload = Synthetic.payload(tenant, 0, 1, "create", "backlog " + i);
      batch.add(new NewIncident(tenant, number -> Synthetic.rendered(versionDocument(tenant, number, 1, "backlog"),
          Renderings.PLAIN_FACETS, payload)));
      if (batch.size() == BACKLOG_BATCH || i == backlog - 1) {
        store.createAll(batch);
        batch = new ArrayList<>();
      }
    }
    // Asked before any read of events: every one of them is stored, so every one counts.
    long last = store.lastEventSequence();
    List<StoredEvent> events = eventsAfter(store, start, 500);
    long ours = events.stream().filter(event -> event.tenant().equals(tenant)).count();
    if (ours != backlog) {
      throw new AssertionError(backlog + " creates with events were stored, but events() after sequence " + start
          + " returns " + ours + " events of their tenant (clause 14.15.1)");
    }
    long highest = events.get(events.size() - 1).sequence();
    if (last != highest) {
      long later = events.stream().filter(event -> event.sequence() > last).count();
      throw new AssertionError(backlog + " creates with events were stored and no event was read yet; "
          + "lastEventSequence() then said " + last + ", but events() returns them up to sequence " + highest
          + " (clause 14.15.5): a consumer opened at the last sequence (StartAt.NOW) would receive " + later
          + " events stored before it opened. A store that numbers pending events in steps must number all of "
          + "them before it answers.");
    }
    // The whole backlog pruned at once: more than one step of a store that prunes in steps.
    long removed = store.pruneEvents(last);
    List<StoredEvent> left = eventsAfter(store, start, 500);
    if (removed < backlog || !left.isEmpty()) {
      throw new AssertionError("pruneEvents(" + last + ") over a backlog of " + backlog + " events removed " + removed
          + ", and events() after sequence " + start + " then returned " + left.size() + " of them"
          + (left.isEmpty() ? "" : ", from sequence " + left.get(0).sequence())
          + ": a prune removes every event up to its sequence, however many (clause 14.15.5)");
    }
  }

  // ---- records (clause 14.16) ---------------------------------------------------------------------

  /** One operation of tck931 on records: 0 put, 1 remove, 2 get, 3 list a page. */
  private record RecordOp(int kind, int namespace, int key, int value, int limit) {
    static final List<String> NAMESPACES = List.of("c_d", "c-d", "cxd");
    static final List<String> KEYS = List.of("k", "K", "k ", " k", "k_1", "k%1", "kk", "k\\", "~", "A", "a b");

    @Override
    public String toString() {
      String where = NAMESPACES.get(namespace) + " \"" + KEYS.get(key) + "\"";
      return switch (kind) {
        case 0 -> "put " + where + " = value " + value;
        case 1 -> "remove " + where;
        case 2 -> "get " + where;
        default -> "records " + NAMESPACES.get(namespace) + " after \"" + (value % 3 == 0 ? "" : KEYS.get(key))
            + "\" limit " + limit;
      };
    }
  }

  /** The value of number {@code n}: any bytes (zero, high, not UTF-8), sometimes none, once in a while large. */
  private static byte[] recordValue(int n) {
    int length = n % 9 == 8 ? 4096 + n : n % 7;
    byte[] value = new byte[length];
    for (int i = 0; i < length; i++) {
      value[i] = (byte) (n * 31 + i * 17);
    }
    return value;
  }

  @Test
  @Override
  public void required_tck931_recordsKeepTheLastValuePut() {
    IncidentStore store = newStore();
    Gen<RecordOp> ops = integers().between(0, 3).zip(integers().between(0, RecordOp.NAMESPACES.size() - 1),
        integers().between(0, RecordOp.KEYS.size() - 1), integers().between(0, 50),
        (kind, ns, key, value) -> new RecordOp(kind, ns, key, value, 1 + value % 4));
    forAll(settings.examples(), lists().of(ops).ofSizeBetween(1, 30), plan -> {
      String prefix = "e" + (++counter) + ".";
      Map<String, TreeMap<String, byte[]>> model = new HashMap<>();
      RecordOp.NAMESPACES.forEach(ns -> model.put(prefix + ns, new TreeMap<>()));
      List<String> done = new ArrayList<>();
      for (RecordOp op : plan) {
        done.add(op.toString());
        String namespace = prefix + RecordOp.NAMESPACES.get(op.namespace());
        String key = RecordOp.KEYS.get(op.key());
        TreeMap<String, byte[]> ns = Objects.requireNonNull(model.get(namespace), "the model has every namespace");
        String after = "after " + done + " (namespaces prefixed \"" + prefix + "\")";
        switch (op.kind()) {
          case 0 -> {
            store.putRecord(namespace, key, recordValue(op.value()));
            ns.put(key, recordValue(op.value()));
          }
          case 1 -> {
            boolean removed = store.removeRecord(namespace, key);
            if (removed != (ns.remove(key) != null)) {
              throw new AssertionError(after + ": removeRecord returned " + removed + ", expected " + !removed);
            }
          }
          case 2 -> {
            byte[] value = store.record(namespace, key).orElse(null);
            if (!Arrays.equals(value, ns.get(key))) {
              throw new AssertionError(after + ": record returned " + show(value) + ", expected " + show(ns.get(key))
                  + " (the last value put under exactly this namespace and key, byte for byte; clause 14.16.1)");
            }
          }
          default -> {
            key = op.value() % 3 == 0 ? "" : key;
            List<StoredRecord> page = store.records(namespace, key, op.limit());
            List<StoredRecord> expected = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : ns.tailMap(key, false).entrySet()) {
              if (expected.size() < op.limit()) {
                expected.add(new StoredRecord(e.getKey(), e.getValue()));
              }
            }
            if (!page.equals(expected)) {
              throw new AssertionError(after + ": records returned " + page.stream().map(StoredRecord::key).toList()
                  + ", expected " + expected.stream().map(StoredRecord::key).toList() + " (keys above \"" + key
                  + "\" in String.compareTo order, at most " + op.limit() + ", with their values byte for byte)");
            }
          }
        }
      }
    });
  }

  private static String show(byte @Nullable [] value) {
    if (value == null) {
      return "nothing";
    }
    return value.length + " bytes " + Text.abbreviate(Arrays.toString(value), 60);
  }

  // ---- 95x: updates and deletes through the service ------------------------------------------------

  /** Stage names of the default diagram an update may move to (the default diagram allows every move). */
  private static final List<String> STAGES = List.of("acknowledged", "identified", "mitigated", "resolved");

  /**
   * One update of tck951: per field, keep (0), set (1) or, where the field may be empty, clear (2); the value
   * to set. Owners are DEVU numbers, set as DONs.
   */
  private record Edit(int titleOp, String title, int bodyOp, String body, int severityOp, int severity, int stageOp,
      int stage, int ownersOp, List<Integer> owners) {

    IncidentUpdateRequest request(String id, String tenant) {
      IncidentUpdateRequest.Builder b = IncidentUpdateRequest.builder(id);
      if (titleOp == 1) {
        b.title(title);
      }
      if (bodyOp == 1) {
        b.body(body);
      } else if (bodyOp == 2) {
        b.clearBody();
      }
      if (severityOp == 1) {
        b.severity(severity);
      } else if (severityOp == 2) {
        b.clearSeverity();
      }
      if (stageOp == 1) {
        b.stage(STAGES.get(stage));
      }
      if (ownersOp >= 1) {
        b.ownedBy(ownersOp == 2 ? new String[0] : ownerDons(tenant).toArray(String[]::new));
      }
      return b.build();
    }

    List<String> ownerDons(String tenant) {
      return owners.stream().distinct().map(n -> "don:identity:" + Generators.PARTITION + ":devo/" + tenant + ":devu/" + n)
          .toList();
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (titleOp == 1) {
        parts.add("title " + Text.quote(title));
      }
      parts.add(bodyOp == 1 ? "body " + Text.quote(body) : bodyOp == 2 ? "clear body" : "keep body");
      parts.add(severityOp == 1 ? "severity " + severity : severityOp == 2 ? "clear severity" : "keep severity");
      if (stageOp == 1) {
        parts.add("stage " + STAGES.get(stage));
      }
      parts.add(ownersOp == 1 ? "owners devu/" + owners.stream().distinct().toList() : ownersOp == 2 ? "no owners" : "keep owners");
      return "update(" + String.join(", ", parts) + ")";
    }
  }

  private static Gen<Edit> edits() {
    Gen<Integer> op = integers().between(0, 2);
    Gen<String> body = Generators.text(0, 300);
    Gen<List<Integer>> owners = lists().of(integers().between(1, 6)).ofSizeBetween(1, 4);
    return prng -> new Edit(op.generate(prng) % 2, Generators.titles().generate(prng), op.generate(prng),
        body.generate(prng), op.generate(prng), integers().between(0, 3).generate(prng), op.generate(prng) % 2,
        integers().between(0, STAGES.size() - 1).generate(prng), op.generate(prng), owners.generate(prng));
  }

  /** The top-level fields (as the JSON spells them) in which two incidents differ. */
  private static Set<String> changedFields(Incident before, Incident after) {
    Set<String> fields = new TreeSet<>();
    for (String difference : Differences.paths(before, after)) {
      int dot = difference.indexOf('.');
      fields.add(dot < 0 ? difference : difference.substring(0, dot));
    }
    return fields;
  }

  /** {@code title} with {@code suffix}, cut so that the whole stays within the longest title. */
  private static String suffixed(String title, String suffix) {
    int keep = IncidentCreateRequest.MAX_TITLE - suffix.length();
    return (title.codePointCount(0, title.length()) <= keep ? title
        : title.substring(0, title.offsetByCodePoints(0, keep))) + suffix;
  }

  private static Set<String> ownerIds(Incident incident) {
    Set<String> ids = new TreeSet<>();
    incident.ownedBy().forEach(u -> ids.add(u.id()));
    return ids;
  }

  /**
   * Checks that {@code after} is {@code before} with the edit applied: each field the edit sets or clears as
   * it says, every other field as it was, apart from what an update itself changes.
   */
  private static void assertMerged(Incident before, Edit edit, String tenant, Incident after) {
    List<String> wrong = new ArrayList<>();
    String title = edit.titleOp() == 1 ? edit.title() : before.title();
    if (!title.equals(after.title())) {
      wrong.add("title is " + Text.quote(after.title()) + ", expected " + Text.quote(title));
    }
    String body = edit.bodyOp() == 1 ? edit.body() : edit.bodyOp() == 2 ? null : before.body();
    if (body != null && body.isEmpty() && after.body() == null) {
      body = null;
    }
    if (!Objects.equals(body, after.body())) {
      wrong.add("body is " + Text.quote(after.body()) + ", expected " + Text.quote(body));
    }
    Long severity = edit.severityOp() == 1 ? Long.valueOf(edit.severity()) : edit.severityOp() == 2 ? null
        : before.severity() == null ? null : before.severity().id();
    Long severityAfter = after.severity() == null ? null : after.severity().id();
    if (!Objects.equals(severity, severityAfter)) {
      wrong.add("severity is " + severityAfter + ", expected " + severity);
    }
    String stage = edit.stageOp() == 1 ? STAGES.get(edit.stage()) : before.stage().stage().name();
    if (!stage.equals(after.stage().stage().name())) {
      wrong.add("stage is " + after.stage().stage().name() + ", expected " + stage);
    }
    Set<String> owners = edit.ownersOp() == 1 ? new TreeSet<>(edit.ownerDons(tenant)) : edit.ownersOp() == 2 ? Set.of()
        : ownerIds(before);
    if (!owners.equals(ownerIds(after))) {
      wrong.add("owned_by is " + ownerIds(after) + ", expected " + owners);
    }
    Set<String> mayChange = new HashSet<>(List.of("title", "body", "severity", "owned_by", "modified_date", "modified_by"));
    if (edit.stageOp() == 1) {
      mayChange.addAll(List.of("stage", "actual_close_date"));
    }
    Set<String> changed = changedFields(before, after);
    changed.removeAll(mayChange);
    if (!changed.isEmpty()) {
      wrong.add("fields the update kept changed: " + Differences.between(before, after));
    }
    if (!wrong.isEmpty()) {
      throw new AssertionError(edit + " of " + before.displayId() + " gave an incident that is not the merge of the "
          + "two: " + String.join("; ", wrong));
    }
  }

  private record EditExample(IncidentCreateRequest request, Edit edit) {
    @Override
    public String toString() {
      return Requests.describe(request) + ", then " + edit;
    }
  }

  private static VersionedIncident versioned(IncidentService service, String tenant, String id) {
    try {
      return service.getVersioned(as(tenant), id);
    } catch (NotFoundException e) {
      throw new AssertionError("getVersioned(\"" + id + "\") in tenant " + tenant + " was not found", e);
    }
  }

  @Test
  @Override
  public void required_tck951_roundTripUpdates() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    forAll(settings.examples(), Requests.small().zip(edits(), EditExample::new), example -> {
      String tenant = freshTenant("updated");
      clock.advance(Duration.ofMinutes(1));
      Incident before = service.create(as(tenant), example.request());
      clock.advance(Duration.ofMinutes(1));
      VersionedIncident updated = service.update(as(tenant), example.edit().request(before.id(), tenant));
      assertMerged(before, example.edit(), tenant, updated.incident());
      boolean changed = !changedFields(before, updated.incident()).isEmpty();
      long expectedVersion = changed ? 2 : 1;
      if (updated.version() != expectedVersion) {
        throw new AssertionError(example + ": update returned version " + updated.version() + ", expected "
            + expectedVersion + (changed ? " (one more per stored change)" : " (an update that changes nothing stores nothing)"));
      }
      VersionedIncident read = versioned(service, tenant, before.displayId());
      assertSameIncident(updated.incident(), read.incident(), "after " + example.edit() + ", get(\"" + before.displayId() + "\")");
      if (read.version() != updated.version()) {
        throw new AssertionError("after " + example.edit() + ", getVersioned shows version " + read.version()
            + ", but update returned version " + updated.version());
      }
      assertSameIncident(updated.incident(), newest(service, tenant), "after " + example.edit() + ", the newest incident of list");
      StoredIncident stored = store.get(tenant, before.number()).orElseThrow();
      if (stored.version() != updated.version()) {
        throw new AssertionError("after " + example.edit() + ", the SPI's get shows version " + stored.version()
            + ", but update returned version " + updated.version());
      }
    });
  }

  @Test
  @Override
  public void required_tck952_noOpUpdateStoresNothing() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    forAll(settings.examples(), Requests.small(), request -> {
      String tenant = freshTenant("unchanged");
      Incident created = service.create(as(tenant), request);
      VersionedIncident changed = service.update(as(tenant), IncidentUpdateRequest.builder(created.id())
          .title(suffixed(created.title(), " (changed)")).build());
      clock.advance(Duration.ofMinutes(5));
      IncidentUpdateRequest.Builder same = IncidentUpdateRequest.builder(created.displayId()).title(changed.incident().title());
      if (created.body() != null) {
        same.body(created.body());
      }
      if (created.severity() != null) {
        same.severity(created.severity().id());
      }
      for (IncidentUpdateRequest noOp : List.of(IncidentUpdateRequest.builder(created.id()).build(), same.build())) {
        VersionedIncident result = service.update(as(tenant), noOp);
        VersionedIncident again = service.update(as(tenant), noOp, changed.version());
        for (VersionedIncident r : List.of(result, again)) {
          if (r.version() != changed.version() || !r.incident().equals(changed.incident())) {
            throw new AssertionError("an update that changes nothing returned version " + r.version() + " ("
                + Differences.between(changed.incident(), r.incident()) + "); expected the incident as it is, version "
                + changed.version() + ": it must store nothing");
          }
        }
        StoredIncident stored = store.get(tenant, created.number()).orElseThrow();
        if (stored.version() != changed.version()) {
          throw new AssertionError("after an update that changes nothing, the store holds version " + stored.version()
              + ", not " + changed.version() + ": it stored something");
        }
        assertSameIncident(changed.incident(), get(service, tenant, created.id()), "after an update that changes nothing, get");
      }
    });
  }

  /** One field per thread, for tck953: thread i changes field i % 4 to a value of its own. */
  private static IncidentUpdateRequest fieldOf(int thread, String id, String tenant, int round) {
    IncidentUpdateRequest.Builder b = IncidentUpdateRequest.builder(id);
    switch (thread % 4) {
      case 0 -> b.title("round " + round + " title of thread " + thread);
      case 1 -> b.body("round " + round + " body of thread " + thread);
      case 2 -> b.severity(thread % 3 + 1);
      default -> b.ownedBy("don:identity:" + Generators.PARTITION + ":devo/" + tenant + ":devu/" + (100 + thread));
    }
    return b.build();
  }

  @Test
  @Override
  public void required_tck953_concurrentUpdatesOfDifferentFieldsKeepAll() {
    IncidentService service = serviceOver(newStore());
    String tenant = freshTenant("both");
    Concurrently writers = threads(4);
    for (int round = 0; round < settings.rounds(); round++) {
      Incident created = service.create(as(tenant), Requests.titled("round " + round));
      int r = round;
      List<VersionedIncident> results = writers.run("updating different fields of one incident",
          i -> service.update(as(tenant), fieldOf(i, created.id(), tenant, r)));
      VersionedIncident now = versioned(service, tenant, created.id());
      Incident incident = now.incident();
      List<String> lost = new ArrayList<>();
      if (!incident.title().equals("round " + round + " title of thread 0")) {
        lost.add("thread 0's title (it is " + Text.quote(incident.title()) + ")");
      }
      if (!("round " + round + " body of thread 1").equals(incident.body())) {
        lost.add("thread 1's body (it is " + Text.quote(incident.body()) + ")");
      }
      if (incident.severity() == null || incident.severity().id() != 3) {
        lost.add("thread 2's severity 3 (it is " + (incident.severity() == null ? null : incident.severity().id()) + ")");
      }
      if (!ownerIds(incident).equals(Set.of("don:identity:" + Generators.PARTITION + ":devo/" + tenant + ":devu/103"))) {
        lost.add("thread 3's owner devu/103 (owners are " + ownerIds(incident) + ")");
      }
      if (!lost.isEmpty() || now.version() != 5) {
        throw new AssertionError("round " + round + ": 4 threads each updated another field of " + created.displayId()
            + " at once; afterwards it is at version " + now.version() + " (expected 5) and lost " + lost
            + ": an update was stored over another one's change (the store's compare and set let both through, "
            + "clause 14.12.3); the versions the threads got: " + results.stream().map(VersionedIncident::version).toList());
      }
    }
  }

  @Test
  @Override
  public void required_tck954_stalePreconditionIsConflictAndChangesNothing() {
    IncidentService service = serviceOver(newStore());
    forAll(Math.max(1, settings.examples() / 2), Requests.small(), request -> {
      String tenant = freshTenant("preconditions");
      Incident created = service.create(as(tenant), request);
      VersionedIncident v2 = service.update(as(tenant), IncidentUpdateRequest.builder(created.id())
          .title(suffixed(created.title(), " (v2)")).build());
      IncidentUpdateRequest change = IncidentUpdateRequest.builder(created.id()).title("must not be stored").build();
      for (long stale : List.of(1L, v2.version() + 1)) {
        Throwable update = catchThrowable(() -> service.update(as(tenant), change, stale));
        Throwable delete = catchThrowable(() -> service.delete(as(tenant), created.displayId(), stale));
        for (Throwable thrown : List.of(update, delete)) {
          if (!(thrown instanceof ConflictException conflict) || !conflict.isPreconditionFailed()) {
            throw new AssertionError("an update or delete of " + created.displayId() + " requiring version " + stale
                + " while it is at version " + v2.version() + " must be a conflict (a failed precondition), but "
                + (thrown == null ? "it succeeded" : "it threw " + thrown), thrown);
          }
        }
        VersionedIncident now = versioned(service, tenant, created.id());
        if (now.version() != v2.version() || !now.incident().equals(v2.incident())) {
          throw new AssertionError("after a stale update and delete of " + created.displayId() + ", it is at version "
              + now.version() + " (" + Differences.between(v2.incident(), now.incident()) + "); they must change nothing");
        }
      }
      VersionedIncident v3 = service.update(as(tenant), change, v2.version());
      if (v3.version() != v2.version() + 1 || !v3.incident().title().equals("must not be stored")) {
        throw new AssertionError("an update requiring the current version " + v2.version() + " returned version "
            + v3.version() + " titled " + Text.quote(v3.incident().title()));
      }
      service.delete(as(tenant), created.id(), v3.version());
      assertThatThrownBy(() -> service.get(as(tenant), created.id()))
          .as("get after a delete requiring the current version").isInstanceOf(NotFoundException.class);
    });
  }

  @Test
  @Override
  public void required_tck955_deleteThroughTheService() {
    IncidentStore store = newStore();
    IncidentService service = serviceOver(store);
    forAll(Math.max(1, settings.examples() / 2), keyedRequests(Requests.small()), example -> {
      String tenant = freshTenant("deleted");
      IdempotencyKey key = IdempotencyKey.of(example.key());
      Incident keyed = service.create(as(tenant), example.request(), key);
      Incident other = service.create(as(tenant), Requests.titled("stays"));
      Incident newest = service.create(as(tenant), Requests.titled("newest, deleted too"));
      service.update(as(tenant), IncidentUpdateRequest.builder(keyed.id()).title(suffixed(keyed.title(), " (updated)")).build());
      service.delete(as(tenant), keyed.displayId());
      service.delete(as(tenant), newest.id());
      Map<String, Runnable> afterDelete = new LinkedHashMap<>();
      afterDelete.put("get", () -> service.get(as(tenant), keyed.id()));
      afterDelete.put("getVersioned", () -> service.getVersioned(as(tenant), keyed.displayId()));
      afterDelete.put("update", () -> service.update(as(tenant), IncidentUpdateRequest.builder(keyed.id()).title("x").build()));
      afterDelete.put("a second delete", () -> service.delete(as(tenant), keyed.id()));
      afterDelete.put("a create retried with its key", () -> service.create(as(tenant), example.request(), key));
      afterDelete.forEach((what, call) -> {
        Throwable thrown = catchThrowable(call::run);
        if (!(thrown instanceof NotFoundException)) {
          throw new AssertionError("after " + keyed.displayId() + " was deleted, " + what + " must be not_found, but "
              + (thrown == null ? "it succeeded" : "it threw " + thrown), thrown);
        }
      });
      Throwable conflict = catchThrowable(() -> service.create(as(tenant), Requests.retitled(example.request()), key));
      if (!(conflict instanceof ConflictException)) {
        throw new AssertionError("after " + keyed.displayId() + " was deleted, a create with its key and another request "
            + "must be a conflict, but " + (conflict == null ? "it succeeded" : "it threw " + conflict), conflict);
      }
      for (SortOrder order : SortOrder.values()) {
        List<Long> listed = numbers(service.list(as(tenant), ListRequest.first(IncidentFilter.ALL, order, 10)).incidents());
        if (!listed.equals(List.of(other.number()))) {
          throw new AssertionError("after deleting " + keyed.displayId() + " and " + newest.displayId() + ", list "
              + order + " shows " + listed + ", expected only " + other.displayId());
        }
      }
      Incident next = service.create(as(tenant), Requests.titled("after the deletes"));
      if (next.number() <= newest.number()) {
        throw new AssertionError("after deleting the newest incident " + newest.displayId() + ", the next create got "
            + next.displayId() + ": a deleted incident's number is never used again");
      }
    });
  }

  // ---- ordering ----------------------------------------------------------------------------------

  /** Runs the rules in the order of their ids (tck001 first), whatever their required/optional prefix. */
  public static final class ByRuleId implements MethodOrderer {
    /** For JUnit. */
    public ByRuleId() {}

    @Override
    public void orderMethods(MethodOrdererContext context) {
      context.getMethodDescriptors().sort((a, b) -> key(a.getMethod().getName()).compareTo(key(b.getMethod().getName())));
    }

    private static String key(String name) {
      int at = name.indexOf("_tck");
      return at < 0 ? "~" + name : name.substring(at + 1);
    }
  }
}
