package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.error.Violation;
import dev.incidents.events.IncidentEvents;
import dev.incidents.internal.Violations;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.CreateCall;
import dev.incidents.model.CreateOutcome;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.UserSummary;
import dev.incidents.model.VersionedIncident;
import dev.incidents.reference.ObjectType;
import dev.incidents.reference.Reference;
import dev.incidents.reference.Resolution;
import dev.incidents.schema.SchemaRegistry;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link IncidentService}: checks, resolves, renders, and hands the store a document to keep. Built by
 * {@link dev.incidents.Incidents.Builder}.
 */
final class DefaultIncidentService implements IncidentService {

  private final ServiceSettings settings;
  private final IncidentStore store;
  private final FragmentRegistry schemas;
  private final RequestChecker checker;
  private final IncidentRenderer renderer;
  private final Facets facets;
  private final Updater updater;
  private final ListQueries listQueries;
  private final JsonEndpoint json;
  private final DefaultIncidentEvents events;
  private final IncidentTurns turns = new IncidentTurns();

  /** A service with these settings, which the builder has checked. */
  DefaultIncidentService(ServiceSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    // Writes wake this service's event consumers at once; others' writes are seen by polling.
    EventSignal signal = new EventSignal();
    this.store = settings.recordEvents() ? new SignallingStore(settings.store(), signal) : settings.store();
    this.events = new DefaultIncidentEvents(settings.store(), signal);
    this.schemas = new FragmentRegistry(settings.ids());
    this.checker = new RequestChecker(settings, schemas);
    this.renderer = new IncidentRenderer(settings.ids());
    this.facets = new Facets(settings.ids());
    this.updater = new Updater(settings, checker, new CustomFieldRules(schemas), renderer);
    this.listQueries = new ListQueries(settings);
    this.json = JsonEndpoint.rendering(this, new JsonEndpoint.Creator() {
      @Override
      public JsonEndpoint.Rendition create(RequestContext context, IncidentCreateRequest request, @Nullable IdempotencyKey key) {
        return createRendered(context, request, key);
      }

      @Override
      public List<JsonEndpoint.Rendition> createAll(RequestContext context, List<CreateCall> calls) {
        return createAllRendered(context, calls);
      }
    });
  }

  /**
   * Gives the store the facets of the incidents it kept before it indexed facets (docs/CONTRACT.md clause
   * 14.14.4), so that filtered lists see them: after an upgrade, once, when the first service starts over
   * the store. A document that cannot be read is left unindexed and named in a warning.
   *
   * @return how many incidents were indexed
   */
  int indexUnindexed() {
    int indexed = 0;
    java.util.Set<String> unreadable = new java.util.HashSet<>();
    while (true) {
      List<StoredIncident> batch = storeCall("list unindexed incidents", () -> store.unindexed(1000));
      boolean progress = false;
      for (StoredIncident stored : batch) {
        String key = stored.tenant() + "#" + stored.number();
        if (unreadable.contains(key)) {
          continue;
        }
        Incident incident;
        try {
          incident = IncidentJson.readIncidentObject(stored.document());
        } catch (RuntimeException e) {
          unreadable.add(key);
          LOG.log(System.Logger.Level.WARNING, "incident {0} of tenant {1} cannot be read, so it cannot be "
              + "indexed for filtered lists: {2}", stored.number(), stored.tenant(), e.getMessage());
          continue;
        }
        storeCall("index an incident", () -> {
          store.index(stored.tenant(), stored.number(), stored.version(), facets.of(stored.tenant(), incident));
          return null;
        });
        indexed++;
        progress = true;
      }
      if (!progress) {
        return indexed;
      }
    }
  }

  private static final System.Logger LOG = System.getLogger(IncidentService.class.getName());

  /** Answers creates with the documents this service stored, without serializing them again. */
  @Override
  public JsonEndpoint json() {
    return json;
  }

  @Override
  public SchemaRegistry schemas() {
    return schemas;
  }

  @Override
  public IncidentEvents events() {
    return events;
  }

  @Override
  public Incident create(RequestContext context, IncidentCreateRequest request) {
    return Objects.requireNonNull(createRendered(context, request, null).incident(), "incident");
  }

  @Override
  public Incident create(RequestContext context, IncidentCreateRequest request, IdempotencyKey key) {
    return Objects.requireNonNull(createRendered(context, request, key).incident(), "incident");
  }

  /** A create with, when it created a new incident, the document stored. */
  private JsonEndpoint.Rendition createRendered(RequestContext context, IncidentCreateRequest request,
      @Nullable IdempotencyKey key) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(request, "request");
    Prepared prepared = prepare(context, request, key);
    return prepared.outcome(storeCall("create an incident", () -> store.create(prepared.newIncident())));
  }

  @Override
  public List<CreateOutcome> createAll(RequestContext context, List<CreateCall> calls) {
    return createAllRendered(context, calls).stream()
        .map(r -> new CreateOutcome(r.incident(), r.error())).toList();
  }

  /** A batch of creates with the documents stored; failures are in the renditions, never thrown. */
  private List<JsonEndpoint.Rendition> createAllRendered(RequestContext context, List<CreateCall> calls) {
    Objects.requireNonNull(context, "context");
    JsonEndpoint.Rendition[] outcomes = new JsonEndpoint.Rendition[calls.size()];
    List<Prepared> batch = new ArrayList<>(calls.size());
    List<Integer> positions = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      CreateCall call = calls.get(i);
      try {
        batch.add(prepare(context, call.request(), call.idempotencyKey()));
        positions.add(i);
      } catch (IncidentException e) {
        outcomes[i] = new JsonEndpoint.Rendition(null, null, e);
      }
    }
    if (!batch.isEmpty()) {
      List<CreateResult> results;
      ServiceUnavailableException failure = null;
      try {
        results = store.createAll(batch.stream().map(Prepared::newIncident).toList());
      } catch (BatchFailedException e) {
        results = e.committed();
        failure = asServiceUnavailable("create incidents", e.getCause());
      } catch (RuntimeException e) {
        results = List.of();
        failure = asServiceUnavailable("create incidents", e);
      }
      for (int j = 0; j < batch.size(); j++) {
        outcomes[positions.get(j)] = j < results.size() ? outcome(batch.get(j), results.get(j))
            : new JsonEndpoint.Rendition(null, null, failure);
      }
    }
    return Arrays.asList(outcomes);
  }

  private static JsonEndpoint.Rendition outcome(Prepared prepared, CreateResult result) {
    try {
      return prepared.outcome(result);
    } catch (IncidentException e) {
      return new JsonEndpoint.Rendition(null, null, e);
    }
  }

  @Override
  public List<Violation> validate(RequestContext context, IncidentCreateRequest request) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(request, "request");
    return checker.check(context, request).violations();
  }

  @Override
  public Incident get(RequestContext context, String id) {
    return getVersioned(context, id).incident();
  }

  @Override
  public VersionedIncident getVersioned(RequestContext context, String id) {
    Objects.requireNonNull(id, "id");
    requireActor(context);
    StoredIncident stored = current(context, id, incidentNumber(context, id));
    return new VersionedIncident(read(stored), stored.version());
  }

  @Override
  public VersionedIncident update(RequestContext context, IncidentUpdateRequest request) {
    return update(context, request, null);
  }

  @Override
  public VersionedIncident update(RequestContext context, IncidentUpdateRequest request, long expectedVersion) {
    return update(context, request, Long.valueOf(expectedVersion));
  }

  /**
   * Applies the update to the incident as it is now and stores it if the incident is still at that version;
   * if someone changed it in between, does it all again from the new version, unless the caller required a
   * version (then the change is a conflict). The store's compare-and-set makes every stored update one
   * applied to the latest version, so concurrent updates never lose each other's changes.
   */
  private VersionedIncident update(RequestContext context, IncidentUpdateRequest request, @Nullable Long required) {
    Objects.requireNonNull(request, "request");
    requireActor(context);
    long number = incidentNumber(context, request.id());
    try (IncidentTurns.Writer writer = turns.writer(context.tenant(), number)) {
      for (int attempt = 1; ; attempt++) {
        writer.beforeAttempt(attempt);
        StoredIncident stored = current(context, request.id(), number);
        checkVersion(stored, required);
        Incident current = read(stored);
        Updater.Checked checked = updater.check(context, request, current);
        if (!checked.isValid()) {
          throw IncidentException.of(checked.violations());
        }
        Resolution resolution = resolve(context, checked.referencePaths());
        Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Incident next = updater.apply(context, checked, resolution, now);
        if (!Updater.changesAnything(current, next)) {
          return new VersionedIncident(current, stored.version());
        }
        long version = stored.version() + 1;
        byte[] document = IncidentJson.writeIncidentObject(next);
        byte[] event = settings.recordEvents() ? IncidentJson.updatedEvent(eventId(context, number, version), now,
            context.tenant(), document, stored.document()) : null;
        RenderedIncident rendered = new RenderedIncident(document, facets.of(context.tenant(), next), event);
        UpdateResult result = storeCall("update an incident",
            () -> store.update(new IncidentUpdate(context.tenant(), number, stored.version(), rendered)));
        if (result instanceof UpdateResult.Updated updated) {
          return new VersionedIncident(next, updated.incident().version());
        }
        if (result instanceof UpdateResult.Missing) {
          throw NotFoundException.incident(request.id());
        }
        StoredIncident moved = ((UpdateResult.Stale) result).current();
        checkVersion(moved, required);
        afterLostRace(attempt, "update", current.displayId());
      }
    }
  }

  @Override
  public void delete(RequestContext context, String id) {
    delete(context, id, null);
  }

  @Override
  public void delete(RequestContext context, String id, long expectedVersion) {
    delete(context, id, Long.valueOf(expectedVersion));
  }

  private void delete(RequestContext context, String id, @Nullable Long required) {
    Objects.requireNonNull(id, "id");
    requireActor(context);
    long number = incidentNumber(context, id);
    try (IncidentTurns.Writer writer = turns.writer(context.tenant(), number)) {
      for (int attempt = 1; ; attempt++) {
        writer.beforeAttempt(attempt);
        StoredIncident stored = current(context, id, number);
        checkVersion(stored, required);
        byte[] event = null;
        if (settings.recordEvents()) {
          Incident current = read(stored);
          Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
          event = IncidentJson.deletedEvent(eventId(context, number, stored.version() + 1), now, context.tenant(),
              current.id(), stored.document());
        }
        byte[] payload = event;
        DeleteResult result = storeCall("delete an incident",
            () -> store.delete(new IncidentDeletion(context.tenant(), number, stored.version(), payload)));
        if (result instanceof DeleteResult.Deleted) {
          return;
        }
        if (result instanceof DeleteResult.Missing) {
          throw NotFoundException.incident(id);
        }
        checkVersion(((DeleteResult.Stale) result).current(), required);
        afterLostRace(attempt, "delete", "INC-" + number);
      }
    }
  }

  /**
   * After a lost compare-and-set: gives up after {@value #MAX_ATTEMPTS} attempts, else pauses for a random time
   * below a bound that doubles with each attempt (from {@value #FIRST_PAUSE_NANOS} ns up to
   * {@value #MAX_PAUSE_NANOS} ns) before the next one. Without the pause two writers of one incident can fall
   * into lock-step, one always reading just before the other stores, and the loser exhausts its attempts
   * while the winner goes on; the random pause breaks the step. Giving up takes that many changes of one
   * incident in the time of one of ours.
   */
  private static void afterLostRace(int attempt, String what, String displayId) {
    if (attempt >= MAX_ATTEMPTS) {
      throw ServiceUnavailableException.of("could not " + what + " incident " + displayId + ": it changed "
          + MAX_ATTEMPTS + " times while this change was being made; try again", null);
    }
    long bound = Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(attempt - 1, 16));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(bound) + 1);
  }

  private static final int MAX_ATTEMPTS = 50;
  private static final long FIRST_PAUSE_NANOS = 20_000;
  private static final long MAX_PAUSE_NANOS = 5_000_000;

  /** The stored incident, or {@code not_found}. */
  private StoredIncident current(RequestContext context, String id, long number) {
    return storeCall("read an incident", () -> store.get(context.tenant(), number))
        .orElseThrow(() -> NotFoundException.incident(id));
  }

  /** A required version that is not the incident's is a conflict. */
  private static void checkVersion(StoredIncident stored, @Nullable Long required) {
    if (required != null && stored.version() != required) {
      throw ConflictException.versionMismatch("INC-" + stored.number(), required, stored.version());
    }
  }

  /** The id of the event announcing version {@code version} of incident {@code number}: stable, so retries repeat it. */
  private static String eventId(RequestContext context, long number, long version) {
    return "evt:" + context.tenant() + ":" + number + ":" + version;
  }

  @Override
  public List<Violation> validate(RequestContext context, IncidentUpdateRequest request) {
    Objects.requireNonNull(request, "request");
    requireActor(context);
    StoredIncident stored = current(context, request.id(), incidentNumber(context, request.id()));
    return updater.check(context, request, read(stored)).violations();
  }

  @Override
  public IncidentPage list(RequestContext context, ListRequest request) {
    Objects.requireNonNull(request, "request");
    requireActor(context);
    ListQuery query = listQueries.toQuery(context, request);
    List<StoredIncident> rows = storeCall("list incidents", () -> store.list(context.tenant(), query));
    int limit = request.limit();
    List<Incident> incidents = new ArrayList<>(Math.min(rows.size(), limit));
    for (int i = 0; i < rows.size() && i < limit; i++) {
      incidents.add(read(rows.get(i)));
    }
    // The query asks for one more than the page: its presence says whether there is a next page.
    String next = rows.size() > limit ? PageCursors.encode(request.order(), rows.get(limit - 1).number()) : null;
    return new IncidentPage(incidents, next);
  }

  private UserSummary requireActor(RequestContext context) {
    Objects.requireNonNull(context, "context");
    List<Violation> violations = new ArrayList<>(1);
    UserSummary actor = checker.actor(context, violations);
    if (!violations.isEmpty()) {
      throw IncidentException.of(violations);
    }
    return Objects.requireNonNull(actor, "an actor that parsed without violations");
  }

  /** The number of an incident id of the caller's tenant; a DON of another tenant is simply not found. */
  private long incidentNumber(RequestContext context, String id) {
    ReferenceParser.Parsed parsed = settings.ids().parse(id, context.tenant());
    if (parsed instanceof ReferenceParser.Parsed.Ok ok) {
      Reference reference = ok.reference();
      if (reference.type() != ObjectType.INCIDENT) {
        throw BadRequestException.of(Violation.unexpectedIdType("id", id,
            ObjectType.Category.INCIDENT.description(), reference.type().describe()));
      }
      return reference.number();
    }
    if (parsed instanceof ReferenceParser.Parsed.Foreign) {
      throw NotFoundException.incident(id);
    }
    throw BadRequestException.of(Violation.invalidId("id", id, ((ReferenceParser.Parsed.Invalid) parsed).reason()));
  }

  private Prepared prepare(RequestContext context, IncidentCreateRequest request, @Nullable IdempotencyKey key) {
    CheckedRequest checked = checker.check(context, request);
    if (!checked.isValid()) {
      throw IncidentException.of(checked.violations());
    }
    Resolution resolution = resolve(context, checked.referencePaths());
    Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    String fingerprint = key == null ? null
        : Fingerprints.of(checked.canonical(renderer.stageDon(context, checked.stage())));
    return new Prepared(context, checked, resolution, now, key, fingerprint);
  }

  private Resolution resolve(RequestContext context, Map<Reference, List<String>> paths) {
    if (paths.isEmpty()) {
      return Resolution.allExist();
    }
    Resolution resolution;
    try {
      resolution = settings.resolver().resolve(context, java.util.Set.copyOf(paths.keySet()));
    } catch (IncidentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ServiceUnavailableException.of("the reference resolver failed: " + e, e);
    }
    if (resolution == null) {
      throw InternalErrorException.of("the reference resolver " + settings.resolver() + " returned null", null);
    }
    List<Violation> unknown = new ArrayList<>();
    paths.forEach((reference, where) -> {
      if (!resolution.exists(reference)) {
        for (String path : where) {
          unknown.add(Violation.invalidId(path, reference.displayId(), "no such " + reference.type().describe()
              + " exists in dev org '" + context.tenant() + "'"));
        }
      }
    });
    if (!unknown.isEmpty()) {
      throw IncidentException.of(Violations.ordered(unknown));
    }
    return resolution;
  }

  private Incident read(StoredIncident stored) {
    try {
      return IncidentJson.readIncidentObject(stored.document());
    } catch (RuntimeException e) {
      throw InternalErrorException.of("the stored document of incident " + stored.number() + " in dev org '"
          + stored.tenant() + "' cannot be read: " + e.getMessage(), e);
    }
  }

  /** Calls the store, answering any failure but the service's own exceptions as {@code service_unavailable}. */
  static <T> T storeCall(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (IncidentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw asServiceUnavailable(what, e);
    }
  }

  private static ServiceUnavailableException asServiceUnavailable(String what, @Nullable Throwable e) {
    return e instanceof ServiceUnavailableException s ? s
        : ServiceUnavailableException.of("the store failed to " + what + ": " + e, e);
  }

  /** One create, checked and resolved, waiting for the store to give it a number. */
  private final class Prepared implements DocumentRenderer {
    private final RequestContext context;
    private final CheckedRequest checked;
    private final Resolution resolution;
    private final Instant now;
    private final @Nullable IdempotencyKey key;
    private final @Nullable String fingerprint;
    /** The last rendering, so a fresh create returns it without parsing the document again. */
    private volatile @Nullable Rendered rendered;

    private record Rendered(long number, Incident incident, byte[] document) {}

    Prepared(RequestContext context, CheckedRequest checked, Resolution resolution, Instant now,
        @Nullable IdempotencyKey key, @Nullable String fingerprint) {
      this.context = context;
      this.checked = checked;
      this.resolution = resolution;
      this.now = now;
      this.key = key;
      this.fingerprint = fingerprint;
    }

    NewIncident newIncident() {
      return new NewIncident(context.tenant(), key == null ? null : key.value(), fingerprint, this);
    }

    @Override
    public RenderedIncident render(long number) {
      try {
        Incident incident = renderer.render(context, checked, resolution, number, now);
        byte[] document = IncidentJson.writeIncidentObject(incident);
        rendered = new Rendered(number, incident, document);
        byte[] event = settings.recordEvents()
            ? IncidentJson.createdEvent(eventId(context, number, 1), now, context.tenant(), document) : null;
        return new RenderedIncident(document, facets.of(context.tenant(), incident), event);
      } catch (IncidentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw InternalErrorException.of("rendering incident " + number + " failed: " + e, e);
      }
    }

    /** The incident of the store's result; the rendered document too when the store kept this rendering. */
    JsonEndpoint.Rendition outcome(CreateResult result) {
      if (result instanceof CreateResult.Created created) {
        Rendered last = rendered;
        // A store may render more than once (a retried transaction); only the last rendering was kept.
        return last != null && last.number() == created.incident().number()
            ? new JsonEndpoint.Rendition(last.incident(), last.document(), null)
            : new JsonEndpoint.Rendition(read(created.incident()), null, null);
      }
      if (result instanceof CreateResult.ReplayedDeleted deleted) {
        String displayId = "INC-" + deleted.number();
        if (!deleted.fingerprint().equals(fingerprint)) {
          throw ConflictException.idempotencyKeyReused(Objects.requireNonNull(key).value(), displayId);
        }
        throw NotFoundException.deletedByKey(Objects.requireNonNull(key).value(), displayId);
      }
      CreateResult.Replayed replayed = (CreateResult.Replayed) result;
      Incident first = read(replayed.incident());
      if (!replayed.fingerprint().equals(fingerprint)) {
        throw ConflictException.idempotencyKeyReused(Objects.requireNonNull(key).value(), first.displayId());
      }
      return new JsonEndpoint.Rendition(first, null, null);
    }
  }
}
