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
import dev.incidents.error.NotFoundException;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.PageRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.SchemaFragment;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.tck.TckSettings.Knob;
import dev.incidents.tck.internal.Concurrently;
import dev.incidents.tck.internal.Differences;
import dev.incidents.tck.internal.Documents;
import dev.incidents.tck.internal.Properties;
import dev.incidents.tck.internal.Requests.Invalid;
import dev.incidents.tck.internal.Requests.NearMiss;
import dev.incidents.tck.internal.Requests.TenantPair;
import dev.incidents.tck.internal.Requests;
import dev.incidents.tck.internal.Stateful;
import dev.incidents.tck.internal.Text;
import dev.incidents.testing.CustomFieldValues;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
  protected IncidentStore reopenStore(IncidentStore store) {
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
      Assumptions.abort(notDurable());
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

  private static void assertSameIncident(Incident expected, Incident actual, String call) {
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
            + "listed (does list(tenant, beforeNumber, limit) ignore beforeNumber?)");
      }
      IncidentPage page = service.list(as(tenant), new PageRequest(pageSize, cursor));
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor != null);
    return pages;
  }

  private static List<Incident> listAll(IncidentService service, String tenant, int atMost) {
    List<Incident> all = new ArrayList<>();
    for (IncidentPage page : pages(service, tenant, PageRequest.MAX_LIMIT, atMost)) {
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
      return Documents.render(tenant, number, text);
    };
  }

  private static String fingerprint(int i) {
    return String.format("%064x", i);
  }

  private static Incident newest(IncidentService service, String tenant) {
    List<Incident> first = service.list(as(tenant), PageRequest.first(1)).incidents();
    return first.isEmpty() ? null : first.get(0);
  }

  // ---- 0xx: preconditions ------------------------------------------------------------------------

  @Test
  @Override
  public void required_tck001_validateCreateStoreReturnsAnEmptyStore() {
    IncidentStore store = newStore();
    for (String tenant : List.of(TENANT, "default", "other")) {
      assertThat(store.list(tenant, Long.MAX_VALUE, 100))
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
    assertThat(second.list(TENANT, Long.MAX_VALUE, 100))
        .as("an incident created in one store from createStore() is visible in another: they must not share storage")
        .isEmpty();
    assertThat(second.get(TENANT, inFirst.number()))
        .as("get in the second store found the incident created in the first: they must not share storage")
        .isEmpty();
    Incident inSecond = serviceOver(second).create(as(TENANT), Requests.titled("in the second store"));
    assertThat(storedNumbers(first.list(TENANT, Long.MAX_VALUE, 100)))
        .as("the first store must show only its own incident")
        .containsExactly(inFirst.number());
    first.close();
    assertThat(storedNumbers(second.list(TENANT, Long.MAX_VALUE, 100)))
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
    Throwable afterClose = catchThrowable(() -> store.list(TENANT, Long.MAX_VALUE, 10));
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
        List<Incident> before = created.get(tenant);
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

  private record Attempt(Incident incident, RuntimeException error) {}

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
              + attempt.incident().displayId() + ": the key lookup and the insert are not atomic; "
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
        boolean winnersRequest = requests.get(i % 2).title().equals(winner.title());
        if (winnersRequest && !winner.equals(attempt.incident())) {
          throw new AssertionError("round " + round + ": thread " + i + " sent the winning request for key \""
              + key + "\" but got " + (attempt.error() != null ? attempt.error()
              : attempt.incident().displayId() + " instead of " + winner.displayId()), attempt.error());
        }
        if (!winnersRequest && !(attempt.error() instanceof ConflictException)) {
          throw new AssertionError("round " + round + ": thread " + i + " sent the other request for key \"" + key
              + "\" (the winner " + winner.displayId() + " is \"" + winner.title() + "\") and must get conflict, but "
              + (attempt.error() != null ? "got " + attempt.error() : "got " + attempt.incident().displayId()
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
      IncidentPage page = service.list(as(tenant), PageRequest.first(PageRequest.MAX_LIMIT));
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
          catchThrowable(() -> store.create(new NewIncident(tenant, null, null, failing(new ArrayList<>()))));
        }
        numbers.add(service.create(as(tenant), Requests.titled("bounds " + i)).number());
      }
      long before = beforeNumber(example.before(), numbers);
      List<Long> expected = numbers.stream().filter(n -> n < before).sorted(Collections.reverseOrder())
          .limit(example.limit()).toList();
      List<StoredIncident> page = store.list(tenant, before, example.limit());
      if (!storedNumbers(page).equals(expected)) {
        throw new AssertionError("list(\"" + tenant + "\", " + before + ", " + example.limit() + ") over numbers "
            + numbers + " returned " + storedNumbers(page) + ", expected " + expected);
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
      Throwable thrown = catchThrowable(() -> service.create(context, example.invalid().request(), key));
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
                  + "\": the next create with it was replayed as #" + retry.incident().number());
            }
            visible.add(checkedAbove(created.incident(), visible, "the retry of failed create " + i));
          }
        } else {
          CreateResult result = store.create(new NewIncident(tenant, key, fp, rendering(tenant, "create " + i, calls)));
          if (!(result instanceof CreateResult.Created created)) {
            throw new AssertionError("create " + i + " with the new key \"" + key + "\" was replayed as #"
                + result.incident().number());
          }
          visible.add(checkedAbove(created.incident(), visible, "create " + i));
        }
      }
      List<Long> expected = new ArrayList<>(storedNumbers(visible));
      Collections.reverse(expected);
      List<Long> listed = storedNumbers(store.list(tenant, Long.MAX_VALUE, plan.fails().size() * 2 + 10));
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
      byKey.put("k0", before.incident());
      fingerprints.put("k0", fingerprint(0));
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < keyIndices.size(); i++) {
        String key = keyIndices.get(i) < 0 ? null : "k" + keyIndices.get(i);
        batch.add(new NewIncident(tenant, key, key == null ? null : fingerprint(100 + i),
            rendering(tenant, "batch item " + i, new ArrayList<>())));
      }
      List<CreateResult> results = store.createAll(batch);
      assertThat(results).as("createAll returns one result per incident").hasSize(batch.size());
      List<StoredIncident> visible = new ArrayList<>(List.of(before.incident()));
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
      List<Long> listed = storedNumbers(store.list(tenant, Long.MAX_VALUE, batch.size() + 10));
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
      List<Long> listed = storedNumbers(store.list(tenant, Long.MAX_VALUE, example.size() + 10));
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
    assertThat(store.list("unknown", Long.MAX_VALUE, 10)).as("list of an unknown tenant").isEmpty();
    assertThat(store.list(TENANT, 1, 10)).as("list below number 1").isEmpty();
    assertThat(store.list(TENANT, created.number(), 10)).as("list below the only number").isEmpty();
    assertThat(store.list(TENANT, Long.MIN_VALUE, 10)).as("list below Long.MIN_VALUE").isEmpty();
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
    calls.put("list", () -> store.list(TENANT, Long.MAX_VALUE, 10));
    calls.forEach((name, call) -> {
      Throwable thrown = catchThrowable(call::run);
      Throwable cause = thrown instanceof BatchFailedException b ? b.getCause() : thrown;
      assertThat(cause)
          .as("%s after close must fail with IllegalStateException, but %s", name,
              thrown == null ? "it returned" : "it threw " + thrown)
          .isInstanceOf(IllegalStateException.class);
    });
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
          catchThrowable(() -> store[0].create(new NewIncident(tenants.get(0), null, null, failing(new ArrayList<>()))));
        } else if (step == 2) {
          store[0] = reopen(store[0]);
          service = serviceOver(store[0]);
        } else {
          String tenant = tenants.get(step == 0 ? 0 : 1);
          List<Incident> before = visible.get(tenant);
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
        assertListIs(service, tenant, visible.get(tenant), "after " + plan.stream().map(names::get).toList() + " and a reopen");
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
