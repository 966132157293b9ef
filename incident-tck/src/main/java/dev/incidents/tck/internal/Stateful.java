package dev.incidents.tck.internal;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.incidents.IncidentService;
import dev.incidents.error.ConflictException;
import dev.incidents.error.NotFoundException;
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
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.StoredIncident;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;

/**
 * The stateful rules: command sequences (create, retry, conflicting retry, get, get from another tenant,
 * list, reopen, update, retried update, update from a stale version, delete) run against a store through the
 * service and checked against a {@link Model} of what a
 * correct store shows, with QuickTheories' {@code Sequential.modelCheck} and {@code Parallel.parallelCheck}.
 *
 * <p>The model names incidents by the label of the command that created them ({@code r3}); the
 * {@link Harness} maps what the store returned back to labels, so the two can be compared after every
 * step. A retry carries the label, key and request of the create it repeats; a conflicting retry has a
 * label and request of its own and the key of an earlier create. An update names the incident by the label
 * that created it and sets a title of its own ({@code u7}); a retried update repeats an earlier one (and changes
 * nothing if that title is still there); each incident shows as {@code label@version}.
 */
public final class Stateful {

  /** The tenants of every sequence: they differ only in case, which a careless store confuses. */
  public static final List<String> TENANTS = List.of("acme", "ACME");

  private Stateful() {}

  /**
   * What a correct store shows: each tenant's incidents (labels, oldest first) and, in sequential mode, the
   * outcome of the last command. The keys recorded so far are bookkeeping for {@code nextState} and take
   * no part in {@code equals}: the store cannot show them except through the outcome of a retry.
   */
  public static final class Model {
    private final boolean sequential;
    /** Each tenant's live incidents, oldest first, as {@code label@version}. */
    private final Map<String, List<String>> incidents;
    private final Map<String, Create> keys;
    /** The update (its number) whose title each incident has now; absent while it has its create's. */
    private final Map<String, Integer> content;
    private final Set<String> deleted;
    private final String last;

    private Model(boolean sequential, Map<String, List<String>> incidents, Map<String, Create> keys,
        Map<String, Integer> content, Set<String> deleted, String last) {
      this.sequential = sequential;
      this.incidents = incidents;
      this.keys = keys;
      this.content = content;
      this.deleted = deleted;
      this.last = last;
    }

    /** The state of an empty store; {@code sequential} models also track each command's outcome. */
    public static Model empty(boolean sequential) {
      Map<String, List<String>> incidents = new TreeMap<>();
      TENANTS.forEach(t -> incidents.put(t, List.of()));
      return new Model(sequential, Collections.unmodifiableMap(incidents), Map.of(), Map.of(), Set.of(), "");
    }

    /** The entry of a live incident, {@code label@version}, or null. */
    private @Nullable String entry(String tenant, String label) {
      for (String e : Objects.requireNonNull(incidents.get(tenant), "the model holds every tenant")) {
        if (e.substring(0, e.indexOf('@')).equals(label)) {
          return e;
        }
      }
      return null;
    }

    boolean has(String tenant, String label) {
      return entry(tenant, label) != null;
    }

    long version(String tenant, String label) {
      String e = Objects.requireNonNull(entry(tenant, label), "the entry of a live incident");
      return Long.parseLong(e.substring(e.indexOf('@') + 1));
    }

    Model outcome(String outcome) {
      return sequential ? new Model(sequential, incidents, keys, content, deleted, outcome) : this;
    }

    Model created(Create create) {
      Map<String, List<String>> next = new TreeMap<>(incidents);
      List<String> labels = new ArrayList<>(incidents.get(create.tenant()));
      labels.add(create.label() + "@1");
      next.put(create.tenant(), List.copyOf(labels));
      Map<String, Create> nextKeys = keys;
      if (create.key() != null) {
        nextKeys = new HashMap<>(keys);
        nextKeys.put(keyOf(create.tenant(), create.key()), create);
        nextKeys = Collections.unmodifiableMap(nextKeys);
      }
      return new Model(sequential, Collections.unmodifiableMap(next), nextKeys, content, deleted, "")
          .outcome("created " + create.label());
    }

    /** The incident of {@code label} at one version more, with the title of update {@code n}. */
    Model updated(String tenant, String label, int n) {
      long version = version(tenant, label) + 1;
      Map<String, List<String>> next = new TreeMap<>(incidents);
      List<String> labels = new ArrayList<>(incidents.get(tenant));
      labels.replaceAll(e -> e.startsWith(label + "@") ? label + "@" + version : e);
      next.put(tenant, List.copyOf(labels));
      Map<String, Integer> nextContent = new HashMap<>(content);
      nextContent.put(label, n);
      return new Model(sequential, Collections.unmodifiableMap(next), keys, Collections.unmodifiableMap(nextContent),
          deleted, "").outcome("updated " + label + " to version " + version);
    }

    Model deletedOne(String tenant, String label) {
      Map<String, List<String>> next = new TreeMap<>(incidents);
      List<String> labels = new ArrayList<>(incidents.get(tenant));
      labels.removeIf(e -> e.startsWith(label + "@"));
      next.put(tenant, List.copyOf(labels));
      Set<String> nextDeleted = new java.util.HashSet<>(deleted);
      nextDeleted.add(label);
      return new Model(sequential, Collections.unmodifiableMap(next), keys, content,
          Collections.unmodifiableSet(nextDeleted), "").outcome("deleted " + label);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Model other && incidents.equals(other.incidents) && last.equals(other.last);
    }

    @Override
    public int hashCode() {
      return Objects.hash(incidents, last);
    }

    @Override
    public String toString() {
      return incidents + (sequential ? ", last outcome: " + last : "");
    }
  }

  static String keyOf(String tenant, @Nullable String key) {
    return tenant + '\n' + key;
  }

  /** One command: what it does to the store (through the harness) and to the model. */
  public interface Step extends Command<Harness, Model> {}

  /** Creates {@code request} in {@code tenant}, with {@code key} if there is one. */
  record Create(String tenant, String label, @Nullable String key, IncidentCreateRequest request, String kind) implements Step {
    @Override
    public void run(Harness sut) {
      sut.create(this);
    }

    @Override
    public Model nextState(Model state) {
      if (key != null) {
        Create holder = state.keys.get(keyOf(tenant, key));
        if (holder != null) {
          // The service compares requests (their fingerprints), not which command sent them.
          if (state.deleted.contains(holder.label())) {
            // A key of a deleted incident never creates again: not found, or conflict for another request.
            return state.outcome(holder.request().equals(request) ? "not found: " + holder.label() + " was deleted"
                : "conflict with " + holder.label());
          }
          return state.outcome(holder.request().equals(request) ? "replayed " + holder.label()
              : "conflict with " + holder.label());
        }
      }
      return state.created(this);
    }

    @Override
    public String toString() {
      return kind + " " + label + " in " + tenant + (key == null ? "" : " with key \"" + Text.abbreviate(key, 40) + "\"")
          + ": " + Text.quote(request.title());
    }
  }

  /** A version no incident of a sequence reaches: an update or delete requiring it is always a conflict. */
  static final long NEVER_VERSION = 1_000_000;

  /**
   * Updates the incident of {@code label} to the title of update {@code n}; {@code stale} requires a version it
   * never has (a conflict that changes nothing).
   */
  record Update(String tenant, String label, int n, String kind, boolean stale) implements Step {
    @Override
    public void run(Harness sut) {
      sut.update(this);
    }

    @Override
    public Model nextState(Model state) {
      if (!state.has(tenant, label)) {
        return state.outcome("not found");
      }
      if (stale) {
        return state.outcome("conflict: " + label + " is at version " + state.version(tenant, label));
      }
      if (Integer.valueOf(n).equals(state.content.get(label))) {
        return state.outcome("unchanged " + label + " at version " + state.version(tenant, label));
      }
      return state.updated(tenant, label, n);
    }

    String title() {
      return "update u" + n + " \u270e";
    }

    @Override
    public String toString() {
      return kind + " of " + label + " in " + tenant + (stale ? " requiring version " + NEVER_VERSION : "")
          + ": title " + Text.quote(title());
    }
  }

  /** Deletes the incident of {@code label}. */
  record Delete(String tenant, String label) implements Step {
    @Override
    public void run(Harness sut) {
      sut.delete(this);
    }

    @Override
    public Model nextState(Model state) {
      return state.has(tenant, label) ? state.deletedOne(tenant, label) : state.outcome("not found");
    }

    @Override
    public String toString() {
      return "delete " + label + " in " + tenant;
    }
  }

  /** Gets the incident of {@code label} by display id or DON; not found if {@code label} created none. */
  record Get(String tenant, String label, boolean byDisplayId) implements Step {
    @Override
    public void run(Harness sut) {
      sut.get(this);
    }

    @Override
    public Model nextState(Model state) {
      return state.outcome(state.has(tenant, label) ? "found " + label : "not found");
    }

    @Override
    public String toString() {
      return "get " + label + " in " + tenant + (byDisplayId ? " by display id" : " by id");
    }
  }

  /** Gets {@code INC-n}, where n is the number of {@code label} in {@code tenant}, as {@code other}. */
  record GetElsewhere(String tenant, String label, String other) implements Step {
    @Override
    public void run(Harness sut) {
      sut.getElsewhere(this);
    }

    @Override
    public Model nextState(Model state) {
      return state.outcome("no leak");
    }

    @Override
    public String toString() {
      return "get the display id of " + label + " (of " + tenant + ") as " + other;
    }
  }

  /** Lists every incident of {@code tenant}, {@code pageSize} at a time. */
  record ListAll(String tenant, int pageSize) implements Step {
    @Override
    public void run(Harness sut) {
      sut.list(this);
    }

    @Override
    public Model nextState(Model state) {
      List<String> newestFirst = new ArrayList<>(state.incidents.get(tenant));
      Collections.reverse(newestFirst);
      return state.outcome("listed " + newestFirst);
    }


    @Override
    public String toString() {
      return "list " + tenant + " by pages of " + pageSize;
    }
  }

  /** Closes the store and opens it again over the same storage. */
  record Reopen() implements Step {
    @Override
    public void run(Harness sut) {
      sut.reopen();
    }

    @Override
    public Model nextState(Model state) {
      return state.outcome("reopened");
    }

    @Override
    public String toString() {
      return "reopen";
    }
  }

  /**
   * Command sequences of up to {@code maxSteps} commands. Every command takes only a few random draws, and
   * one of them decides whether the command is left out (its shrink target): QuickTheories shrinks one draw
   * at a time, so this lets it drop commands that do not matter and report a short sequence. Keys come from
   * a small set, so creates also collide on keys by chance (a replay when the requests are equal, a
   * conflict when not); retries and conflicting retries target earlier keyed creates on purpose. When a
   * command needs an earlier create and there is none, a create takes its place.
   *
   * @param reopen whether to include {@link Reopen}
   * @param parallel whether the commands will run at once: then only creates, retries, conflicts, lists,
   *     updates and deletes
   */
  public static Gen<List<Step>> sequences(int maxSteps, boolean reopen, boolean parallel) {
    // Kinds: 0 create, 1 retry, 2 conflicting retry, 3 list, 4 get, 5 get elsewhere, 6 reopen, 7 update,
    // 8 retried update, 9 update from a stale version, 10 delete.
    int[] weights = parallel ? new int[] {30, 20, 12, 10, 0, 0, 0, 14, 5, 4, 8}
        : new int[] {26, 12, 6, 8, 12, 6, reopen ? 8 : 0, 14, 5, 4, 8};
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    Gen<Integer> lengths = integers().between(1, maxSteps);
    Gen<Integer> presence = integers().between(0, 5);
    Gen<Integer> kinds = integers().between(0, total - 1);
    Gen<Integer> small = integers().between(0, 5);
    Gen<Integer> picks = integers().between(0, 999);
    Gen<List<Step>> gen = prng -> {
      int length = lengths.generate(prng);
      List<Step> steps = new ArrayList<>(length);
      List<Create> keyedCreates = new ArrayList<>();
      List<Create> creates = new ArrayList<>();
      List<Update> updates = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        boolean present = presence.generate(prng) > 0;
        int kind = kindOf(kinds.generate(prng), weights);
        int choice = small.generate(prng);
        int pick = picks.generate(prng);
        if (!present) {
          continue;
        }
        String label = "r" + (steps.size() + 1);
        if ((kind == 1 || kind == 2) && keyedCreates.isEmpty() || (kind == 4 || kind == 5 || kind >= 7) && creates.isEmpty()) {
          kind = 0;
        }
        if (kind == 8 && updates.isEmpty()) {
          kind = 7;
        }
        Step step = switch (kind) {
          case 1 -> {
            Create first = keyedCreates.get(pick % keyedCreates.size());
            yield new Create(first.tenant(), first.label(), first.key(), first.request(), "retry");
          }
          case 2 -> {
            Create first = keyedCreates.get(pick % keyedCreates.size());
            yield new Create(first.tenant(), label, first.key(), request(1000 + pick), "conflicting retry");
          }
          case 3 -> new ListAll(TENANTS.get(choice % TENANTS.size()), 1 + choice % 4);
          case 4 -> {
            Create target = creates.get(pick % creates.size());
            yield new Get(target.tenant(), target.label(), choice % 2 == 0);
          }
          case 5 -> {
            Create target = creates.get(pick % creates.size());
            String other = TENANTS.get((TENANTS.indexOf(target.tenant()) + 1) % TENANTS.size());
            yield new GetElsewhere(target.tenant(), target.label(), other);
          }
          case 6 -> new Reopen();
          case 7, 9 -> {
            Create target = creates.get(pick % creates.size());
            Update update = new Update(target.tenant(), target.label(), steps.size() + 1,
                kind == 7 ? "update" : "stale update", kind == 9);
            if (kind == 7) {
              updates.add(update);
            }
            yield update;
          }
          case 8 -> {
            Update first = updates.get(pick % updates.size());
            yield new Update(first.tenant(), first.label(), first.n(), "retried update", false);
          }
          case 10 -> {
            Create target = creates.get(pick % creates.size());
            yield new Delete(target.tenant(), target.label());
          }
          default -> {
            // choice: the tenant (even, odd) and whether there is a key (below 4) and which.
            String key = choice < 4 ? "key " + (pick % 5) : null;
            Create create = new Create(TENANTS.get(choice % TENANTS.size()), label, key, request(pick), "create");
            creates.add(create);
            if (key != null) {
              keyedCreates.add(create);
            }
            yield create;
          }
        };
        steps.add(step);
      }
      if (steps.isEmpty()) {
        // Every command was left out; one create keeps the sequence meaningful (Parallel needs a thread).
        steps.add(new Create(TENANTS.get(0), "r1", null, request(0), "create"));
      }
      return steps;
    };
    return gen.describedAs(Stateful::describe);
  }

  private static int kindOf(int draw, int[] weights) {
    int at = draw;
    for (int kind = 0; kind < weights.length; kind++) {
      if (at < weights[kind]) {
        return kind;
      }
      at -= weights[kind];
    }
    throw new IllegalStateException("draw " + draw + " outside the weights");
  }

  /** The request of number {@code n}: equal numbers give equal requests; some have a body and a stage. */
  static IncidentCreateRequest request(int n) {
    IncidentCreateRequest.Builder b = IncidentCreateRequest.builder().title("incident " + n + " \u26a0");
    if (n % 3 == 0) {
      b.body("body of " + n + " \ud83d\ude80\n\u2028end");
    }
    if (n % 4 == 1) {
      b.stage("mitigated").severity((long) (n % 4));
    }
    return b.build();
  }

  /** A command list, one numbered command a line. */
  static String describe(List<Step> steps) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      sb.append(String.format("%n  %2d. %s", i + 1, steps.get(i)));
    }
    return sb.toString();
  }

  /** How the harness reaches the kit: fresh stores, reopening, and the clock the service uses. */
  public record Wiring(Supplier<IncidentStore> freshStore, UnaryOperator<IncidentStore> reopen,
      Function<IncidentStore, IncidentService> service, MutableClock clock) {}

  /** Builds the system under test for a model: a harness over a fresh store; the previous one is closed. */
  public static Function<Model, Harness> harnesses(Wiring wiring) {
    Harness[] previous = new Harness[1];
    return model -> {
      if (previous[0] != null) {
        previous[0].close();
      }
      previous[0] = new Harness(wiring, model.sequential);
      return previous[0];
    };
  }

  /** Reads what the store shows as a {@link Model}, or fails with what it did wrong. */
  public static Model observe(Harness harness) {
    return harness.observe();
  }

  /**
   * The system under test: a store, the service over it, and what the store returned so far, by label.
   * Thread-safe: in parallel mode commands run on several threads; store calls are not serialized, only the
   * bookkeeping after them.
   */
  public static final class Harness {
    /** A number no incident of a sequence gets: updates and deletes of a label that created nothing use it. */
    private static final long NO_SUCH_NUMBER = 999_999_999L;

    private final Wiring wiring;
    private final boolean sequential;
    private volatile IncidentStore store;
    private volatile IncidentService service;
    /** Tenant to number to what create and update returned for it, and the label of the command that created it. */
    private final Map<String, Map<Long, Known>> known = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /**
     * In a parallel run, checks of what a read returned, run by {@link #observe()} once every command has
     * returned: until then a read may see a change whose command has not yet recorded what the store returned.
     */
    private final List<Runnable> afterwards = new ArrayList<>();
    private String last = "";
    private String lastStep = "(none)";

    /** One incident: each version as the service returned it, and whether it was deleted. Guarded by the harness. */
    private static final class Known {
      final String label;
      final Map<Long, Incident> byVersion = new HashMap<>();
      boolean deleted;
      /**
       * Deletes of it that have been called, whether or not they returned yet: in a parallel run another
       * thread may find it gone before the delete that removed it has returned and set {@link #deleted}.
       */
      int deletesStarted;

      Known(String label, Incident created) {
        this.label = label;
        byVersion.put(1L, created);
      }

      /** The version whose incident is {@code incident}, the highest if several are; null if none is. */
      @Nullable Long versionOf(Incident incident) {
        Long found = null;
        for (Map.Entry<Long, Incident> e : byVersion.entrySet()) {
          if (e.getValue().equals(incident) && (found == null || e.getKey() > found)) {
            found = e.getKey();
          }
        }
        return found;
      }

      Incident latest() {
        return Objects.requireNonNull(byVersion.get(Collections.max(byVersion.keySet())), "the highest version");
      }
    }

    /** What the harness knows of one tenant's incidents; the constructor adds every tenant of TENANTS. */
    private Map<Long, Known> knownIn(String tenant) {
      return Objects.requireNonNull(known.get(tenant), "the harness knows every tenant");
    }

    Harness(Wiring wiring, boolean sequential) {
      this.wiring = wiring;
      this.sequential = sequential;
      this.store = wiring.freshStore().get();
      this.service = wiring.service().apply(store);
      TENANTS.forEach(t -> known.put(t, new LinkedHashMap<>()));
    }

    void close() {
      store.close();
    }

    private static RequestContext as(String tenant) {
      return RequestContext.of(tenant, Generators.ACTOR);
    }

    private synchronized void done(Step step, String outcome) {
      lastStep = step.toString();
      last = outcome;
    }

    private synchronized void problem(Step step, String problem) {
      problems.add(step + ": " + problem);
    }

    private void tick() {
      if (sequential) {
        // A replay must return the incident as it is, created_date included, however much later it comes; and
        // each version of an incident gets a modified_date of its own.
        wiring.clock().advance(Duration.ofSeconds(1));
      }
    }

    void create(Create step) {
      tick();
      Set<Long> goneBefore = deletesReturned(step.tenant());
      Incident incident;
      try {
        incident = step.key() == null ? service.create(as(step.tenant()), step.request())
            : service.create(as(step.tenant()), step.request(), IdempotencyKey.of(step.key()));
      } catch (ConflictException | NotFoundException e) {
        String holder;
        synchronized (this) {
          holder = keys.get(keyOf(step.tenant(), step.key()));
        }
        String who = holder == null ? "a key this sequence never recorded" : holder;
        done(step, e instanceof ConflictException ? "conflict with " + who : "not found: " + who + " was deleted");
        return;
      } catch (RuntimeException e) {
        problem(step, "create failed: " + e);
        done(step, "failed: " + e);
        return;
      }
      synchronized (this) {
        Map<Long, Known> tenant = knownIn(step.tenant());
        long number = incident.number();
        Known before = tenant.get(number);
        if (before == null) {
          if (sequential && !tenant.isEmpty() && number <= Collections.max(tenant.keySet())) {
            problems.add(step + ": created #" + number + ", not above the tenant's highest number so far, #"
                + Collections.max(tenant.keySet()) + " (numbers must increase with every create, and a deleted "
                + "incident's number stays used)");
          }
          tenant.put(number, new Known(step.label(), incident));
          if (step.key() != null) {
            keys.putIfAbsent(keyOf(step.tenant(), step.key()), step.label());
          }
          done(step, "created " + step.label());
        } else if (!sequential) {
          // A replay returns the incident as it is: in a parallel run that may be a version whose update has not
          // recorded it yet, or an incident whose delete is under way; both are known once every command returned.
          check(() -> replayedInParallel(step, number, incident, before, goneBefore.contains(number)));
          done(step, "replayed " + before.label);
        } else if (!before.deleted && before.versionOf(incident) != null) {
          done(step, "replayed " + before.label);
        } else {
          problems.add(step + ": returned #" + number + ", the number of " + before.label
              + (before.deleted ? " (deleted)" : "") + ", for a different incident (numbers must never be reused): "
              + Differences.between(before.latest(), incident));
          done(step, "created " + step.label() + " as #" + number + ", the number of " + before.label);
        }
      }
    }

    private synchronized void replayedInParallel(Create step, long number, Incident incident, Known before,
        boolean goneBefore) {
      if (goneBefore || before.versionOf(incident) == null) {
        problems.add(step + ": returned #" + number + ", the number of " + before.label
            + (goneBefore ? " (whose delete had returned before this create began)" : "")
            + ", for a different incident (numbers must never be reused): " + Differences.between(before.latest(), incident));
      }
    }

    private synchronized @Nullable Long numberOf(String tenant, String label) {
      for (Map.Entry<Long, Known> e : knownIn(tenant).entrySet()) {
        if (e.getValue().label.equals(label)) {
          return e.getKey();
        }
      }
      return null;
    }

    private synchronized @Nullable Known knownAt(String tenant, long number) {
      return knownIn(tenant).get(number);
    }

    /** Whether a delete of it returned, or has been called (and so may already have taken effect). */
    private synchronized boolean deleted(String tenant, long number) {
      Known k = knownIn(tenant).get(number);
      return k != null && (k.deleted || k.deletesStarted > 0);
    }

    /** Whether a delete other than the caller's own returned or has been called. */
    private synchronized boolean deletedByAnother(String tenant, long number) {
      Known k = knownIn(tenant).get(number);
      return k != null && (k.deleted || k.deletesStarted > 1);
    }

    /** The numbers of a tenant's incidents whose delete has returned. */
    private synchronized Set<Long> deletesReturned(String tenant) {
      Set<Long> numbers = new HashSet<>();
      knownIn(tenant).forEach((number, k) -> {
        if (k.deleted) {
          numbers.add(number);
        }
      });
      return numbers;
    }

    /** Whether a delete of it has returned: a command that begins after that must not find it. */
    private synchronized boolean deleteReturned(String tenant, @Nullable Long number) {
      Known k = number == null ? null : knownIn(tenant).get(number);
      return k != null && k.deleted;
    }

    /** Runs a check now in a sequential run, or when {@link #observe()} is called in a parallel one. */
    private void check(Runnable check) {
      if (sequential) {
        check.run();
      } else {
        synchronized (this) {
          afterwards.add(check);
        }
      }
    }

    private synchronized void deleteStarting(String tenant, long number) {
      Known k = knownIn(tenant).get(number);
      if (k != null) {
        k.deletesStarted++;
      }
    }

    /** The version the store holds of an incident, through the SPI; 0 if it holds none. */
    private long storedVersion(String tenant, long number) {
      return store.get(tenant, number).map(StoredIncident::version).orElse(0L);
    }

    void get(Get step) {
      Long number = numberOf(step.tenant(), step.label());
      boolean goneBefore = deleteReturned(step.tenant(), number);
      long n = number != null ? number : knownIn(step.tenant()).keySet().stream().mapToLong(x -> x).max().orElse(0) + 1;
      String id = step.byDisplayId() ? "INC-" + n
          : "don:core:" + Generators.PARTITION + ":devo/" + step.tenant() + ":incident/" + n;
      Incident found;
      try {
        found = service.get(as(step.tenant()), id);
      } catch (NotFoundException e) {
        if (number != null && !deleted(step.tenant(), number)) {
          problem(step, "get(\"" + id + "\") was not found, but create returned it");
        }
        done(step, "not found");
        return;
      } catch (RuntimeException e) {
        problem(step, "get(\"" + id + "\") failed: " + e);
        done(step, "failed: " + e);
        return;
      }
      if (!sequential) {
        check(() -> foundInParallel(step, id, n, found, goneBefore));
        done(step, "found #" + n);
        return;
      }
      Known expected = knownAt(step.tenant(), n);
      long version = storedVersion(step.tenant(), n);
      synchronized (this) {
        if (expected == null) {
          problems.add(step + ": get(\"" + id + "\") found an incident no create returned: " + Text.abbreviate(found, 300));
          done(step, "found an unknown incident");
        } else if (expected.deleted) {
          problems.add(step + ": get(\"" + id + "\") found " + expected.label + ", which was deleted");
          done(step, "found the deleted " + expected.label);
        } else if (!found.equals(expected.byVersion.get(version))) {
          problems.add(step + ": get(\"" + id + "\") returned another incident than create or update did for version "
              + version + ": " + Differences.between(expected.byVersion.get(version), found));
          done(step, "found a changed " + expected.label);
        } else {
          done(step, "found " + expected.label);
        }
      }
    }

    /**
     * A get of a parallel run, checked once every command has returned: what it found must be a version some
     * create or update returned, and not of an incident whose delete returned before the get began.
     */
    private synchronized void foundInParallel(Get step, String id, long n, Incident found, boolean goneBefore) {
      Known k = knownIn(step.tenant()).get(n);
      if (k == null) {
        problems.add(step + ": get(\"" + id + "\") found an incident no create returned: " + Text.abbreviate(found, 300));
      } else if (goneBefore) {
        problems.add(step + ": get(\"" + id + "\") found " + k.label + ", whose delete had returned before the get began");
      } else if (k.versionOf(found) == null) {
        problems.add(step + ": get(\"" + id + "\") returned " + k.label + " differently from what create and update "
            + "returned: " + Differences.between(k.latest(), found));
      }
    }

    void getElsewhere(GetElsewhere step) {
      Long number = numberOf(step.tenant(), step.label());
      if (number == null) {
        done(step, "no leak");
        return;
      }
      String id = "INC-" + number;
      Incident found;
      try {
        found = service.get(as(step.other()), id);
      } catch (NotFoundException e) {
        done(step, "no leak");
        return;
      } catch (RuntimeException e) {
        problem(step, "get(\"" + id + "\") as " + step.other() + " failed: " + e);
        done(step, "failed: " + e);
        return;
      }
      // The other tenant may hold an incident of the same number; in a parallel run its create may not have
      // recorded what it returned yet, nor its delete that it returned.
      long leaked = number;
      check(() -> {
        Known own = knownAt(step.other(), leaked);
        boolean ownIncident;
        synchronized (this) {
          ownIncident = own != null && (!own.deleted || !sequential) && own.versionOf(found) != null;
        }
        if (!ownIncident) {
          problem(step, "tenant " + step.other() + " got " + id + " of tenant " + step.tenant() + ": "
              + Text.abbreviate(found.title(), 60));
        }
        done(step, ownIncident ? "no leak" : "leaked " + step.label() + " to " + step.other());
      });
    }

    void update(Update step) {
      tick();
      Long number = numberOf(step.tenant(), step.label());
      long n = number == null ? NO_SUCH_NUMBER : number;
      boolean goneBefore = deleteReturned(step.tenant(), number);
      IncidentUpdateRequest request = IncidentUpdateRequest.builder("INC-" + n).title(step.title()).build();
      VersionedIncident result;
      try {
        result = step.stale() ? service.update(as(step.tenant()), request, NEVER_VERSION)
            : service.update(as(step.tenant()), request);
      } catch (NotFoundException e) {
        if (number != null && !deleted(step.tenant(), number)) {
          problem(step, "update of #" + number + " was not found, but create returned it and nothing deleted it");
        }
        done(step, "not found");
        return;
      } catch (ConflictException e) {
        if (!step.stale()) {
          problem(step, "an update without a precondition was a conflict: " + e.getMessage());
        }
        done(step, "conflict: " + step.label() + " is at version " + storedVersion(step.tenant(), n));
        return;
      } catch (RuntimeException e) {
        problem(step, "update failed: " + e);
        done(step, "failed: " + e);
        return;
      }
      synchronized (this) {
        Known k = knownIn(step.tenant()).get(n);
        // In a parallel run a delete may take effect and return between this update's commit and this line.
        if (k == null || goneBefore || (sequential && k.deleted)) {
          problems.add(step + ": update of #" + n + " succeeded, but " + (k == null ? "no create returned it"
              : k.label + " was deleted") + ": " + Text.abbreviate(result, 300));
          done(step, "updated an incident that is not there");
          return;
        }
        if (step.stale()) {
          problems.add(step + ": an update requiring version " + NEVER_VERSION + " was stored as version " + result.version());
        }
        Incident before = k.byVersion.get(result.version());
        if (before == null) {
          k.byVersion.put(result.version(), result.incident());
          done(step, "updated " + k.label + " to version " + result.version());
        } else if (before.equals(result.incident())) {
          done(step, "unchanged " + k.label + " at version " + result.version());
        } else {
          problems.add(step + ": update returned version " + result.version() + " of " + k.label
              + ", which an earlier call returned with another incident: " + Differences.between(before, result.incident()));
          done(step, "updated " + k.label + " to version " + result.version() + " twice");
        }
      }
    }

    void delete(Delete step) {
      Long number = numberOf(step.tenant(), step.label());
      long n = number == null ? NO_SUCH_NUMBER : number;
      if (number != null) {
        deleteStarting(step.tenant(), number);
      }
      try {
        service.delete(as(step.tenant()), "INC-" + n);
      } catch (NotFoundException e) {
        if (number != null && !deletedByAnother(step.tenant(), number)) {
          problem(step, "delete of #" + number + " was not found, but create returned it and nothing deleted it");
        }
        done(step, "not found");
        return;
      } catch (RuntimeException e) {
        problem(step, "delete failed: " + e);
        done(step, "failed: " + e);
        return;
      }
      synchronized (this) {
        Known k = knownIn(step.tenant()).get(n);
        if (k == null || k.deleted) {
          problems.add(step + ": delete of #" + n + " succeeded, but " + (k == null ? "no create returned it"
              : k.label + " was deleted before"));
          done(step, "deleted an incident that is not there");
          return;
        }
        k.deleted = true;
        done(step, "deleted " + k.label);
      }
    }

    void list(ListAll step) {
      List<String> paging = new ArrayList<>();
      List<Incident> listed = pages(step.tenant(), step.pageSize(), paging);
      paging.forEach(w -> problem(step, w));
      // Each incident listed must be a version create or update returned; in a parallel run that is known only
      // once every command has returned.
      check(() -> {
        List<String> labels = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        synchronized (this) {
          for (Incident incident : listed) {
            Known k = knownIn(step.tenant()).get(incident.number());
            Long version = k == null ? null : k.versionOf(incident);
            if (k == null) {
              wrong.add("listed #" + incident.number() + ", which no create of this tenant returned: "
                  + Text.abbreviate(incident.title(), 60));
              labels.add("#" + incident.number());
            } else if (k.deleted && sequential) {
              wrong.add("listed #" + incident.number() + " (" + k.label + "), which was deleted");
              labels.add(k.label + " (deleted)");
            } else if (version == null) {
              wrong.add("listed #" + incident.number() + " (" + k.label + ") differently from what create and update "
                  + "returned: " + Differences.between(k.latest(), incident));
              labels.add(k.label + "@?");
            } else {
              labels.add(k.label + "@" + version);
            }
          }
        }
        wrong.forEach(w -> problem(step, w));
        done(step, "listed " + labels);
      });
    }

    /** Every incident of a tenant, following cursors; checks order and duplicates, stops runaway paging. */
    private List<Incident> pages(String tenant, int pageSize, List<String> wrong) {
      List<Incident> all = new ArrayList<>();
      String cursor = null;
      int limitPages = 10_000;
      for (int page = 0; ; page++) {
        if (page > limitPages) {
          wrong.add("list never returned a last page (more than " + limitPages + " pages)");
          return all;
        }
        IncidentPage p;
        try {
          p = service.list(as(tenant), new ListRequest(IncidentFilter.ALL, SortOrder.NEWEST_FIRST, pageSize, cursor));
        } catch (RuntimeException e) {
          wrong.add("list failed: " + e);
          return all;
        }
        if (p.incidents().size() > pageSize) {
          wrong.add("a page of at most " + pageSize + " held " + p.incidents().size());
        }
        for (Incident incident : p.incidents()) {
          if (!all.isEmpty() && incident.number() >= all.get(all.size() - 1).number()) {
            wrong.add("list is not newest first: #" + incident.number() + " came after #"
                + all.get(all.size() - 1).number());
            return all;
          }
          all.add(incident);
        }
        if (p.nextCursor() == null) {
          return all;
        }
        cursor = p.nextCursor();
      }
    }

    void reopen() {
      IncidentStore reopened = wiring.reopen().apply(store);
      store = reopened;
      service = wiring.service().apply(reopened);
      done(new Reopen(), "reopened");
    }

    Model observe() {
      List<Runnable> checks;
      synchronized (this) {
        checks = List.copyOf(afterwards);
        afterwards.clear();
      }
      checks.forEach(Runnable::run);
      synchronized (this) {
        if (!problems.isEmpty()) {
          throw new AssertionError(String.join("\n", problems));
        }
      }
      Map<String, List<String>> incidents = new TreeMap<>();
      List<String> wrong = new ArrayList<>();
      for (String tenant : TENANTS) {
        List<String> labels = new ArrayList<>();
        for (Incident incident : pages(tenant, ListRequest.MAX_LIMIT, wrong)) {
          Known k = knownAt(tenant, incident.number());
          long version = storedVersion(tenant, incident.number());
          synchronized (this) {
            if (k == null) {
              wrong.add(tenant + " lists #" + incident.number() + ", which no create of this tenant returned: "
                  + Text.abbreviate(incident.title(), 60));
              labels.add("#" + incident.number() + "@" + version);
            } else {
              if (k.deleted) {
                wrong.add(tenant + " lists #" + incident.number() + " (" + k.label + "), which was deleted");
              } else if (!incident.equals(k.byVersion.get(version))) {
                wrong.add(tenant + " lists #" + incident.number() + " (" + k.label + ") at version " + version
                    + " differently from what create or update returned for that version: "
                    + Differences.between(k.byVersion.get(version), incident));
              }
              labels.add(k.label + "@" + version);
            }
          }
        }
        Collections.reverse(labels);
        incidents.put(tenant, List.copyOf(labels));
      }
      if (!wrong.isEmpty()) {
        throw new AssertionError("after \"" + lastStep + "\": " + String.join("\n", wrong));
      }
      synchronized (this) {
        return new Model(sequential, Collections.unmodifiableMap(incidents), Map.of(), Map.of(), Set.of(),
            sequential ? last : "");
      }
    }
  }
}
