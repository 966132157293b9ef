package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import dev.incidents.json.BoundRequest;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.CreateCall;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.VersionedIncident;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service over JSON, for host applications that expose it over HTTP: every method takes the call as
 * it arrives (strings and bytes) and returns the status and body to send. Nothing is thrown for a bad
 * call, a rejected request or a failing store: each becomes an error body (docs/CONTRACT.md section 6). A
 * create with several problems lists them all, structural ones (wrong JSON type, unknown field) together
 * with rule violations.
 *
 * <pre>{@code
 * JsonEndpoint endpoint = service.json();
 * JsonReply reply = endpoint.create(tenant, actor, requestBodyBytes, request.header("Idempotency-Key"));
 * response.status(reply.status()).contentType("application/json").body(reply.body());
 * }</pre>
 *
 * <p>{@link #of(IncidentService)} serves any {@link IncidentService}, writing what it returns as JSON. The
 * library's own service hands out, through {@link IncidentService#json()}, an endpoint that answers a create
 * with the very document it stored instead of serializing the incident a second time; both answer the same
 * bytes.
 *
 * <p>Thread-safe when the service is.
 */
public final class JsonEndpoint {

  private static final System.Logger LOG = System.getLogger(JsonEndpoint.class.getName());

  private final IncidentService service;
  private final Creator creator;

  private JsonEndpoint(IncidentService service, Creator creator) {
    this.service = Objects.requireNonNull(service, "service");
    this.creator = creator;
  }

  /** The endpoint of any service: it writes the incidents the service returns as JSON. */
  public static JsonEndpoint of(IncidentService service) {
    return new JsonEndpoint(service, new Serializing(service));
  }

  /** The endpoint of a service that can answer creates with the documents it stored. */
  static JsonEndpoint rendering(IncidentService service, Creator creator) {
    return new JsonEndpoint(service, creator);
  }

  /**
   * {@code incidents.create}: answers 201 and {@code {"incident": {...}}}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param body the request body, UTF-8 JSON
   * @param idempotencyKey the idempotency key, or {@code null}
   */
  public JsonReply create(String tenant, String actor, byte[] body, @Nullable String idempotencyKey) {
    return reply(201, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      IdempotencyKey key = idempotencyKey == null ? null : IdempotencyKey.of(idempotencyKey);
      IncidentCreateRequest request = boundOrThrow(context, IncidentJson.bindCreateRequest(body));
      return body(creator.create(context, request, key));
    });
  }

  /**
   * Several creates, each answered as {@link #create} would answer it, that the store may commit together
   * (a batch at a time): the way to import many incidents fast. A rejected body does not stop the others.
   * If the store fails, the bodies it had not committed are answered 503 and no later body is attempted.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param bodies the request bodies, UTF-8 JSON
   * @param idempotencyKeys one key (or {@code null}) per body, or {@code null} for no keys at all
   * @return one reply per body, in order
   * @throws IllegalArgumentException if there are keys, but not one per body
   */
  public List<JsonReply> createAll(String tenant, String actor, List<byte[]> bodies,
      @Nullable List<@Nullable String> idempotencyKeys) {
    if (idempotencyKeys != null && idempotencyKeys.size() != bodies.size()) {
      throw new IllegalArgumentException("one idempotency key (or null) per body: " + bodies.size() + " bodies, "
          + idempotencyKeys.size() + " keys");
    }
    JsonReply[] replies = new JsonReply[bodies.size()];
    RequestContext context;
    try {
      context = RequestContext.of(tenant, actor);
    } catch (IncidentException e) {
      Arrays.fill(replies, JsonReply.of(e));
      return List.of(replies);
    }
    List<CreateCall> calls = new ArrayList<>(bodies.size());
    List<Integer> positions = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      try {
        String keyText = idempotencyKeys == null ? null : idempotencyKeys.get(i);
        IdempotencyKey key = keyText == null ? null : IdempotencyKey.of(keyText);
        calls.add(new CreateCall(boundOrThrow(context, IncidentJson.bindCreateRequest(bodies.get(i))), key));
        positions.add(i);
      } catch (IncidentException e) {
        replies[i] = JsonReply.of(e);
      }
    }
    List<Rendition> outcomes = creator.createAll(context, calls);
    for (int j = 0; j < outcomes.size(); j++) {
      Rendition outcome = outcomes.get(j);
      replies[positions.get(j)] = outcome.error() != null ? JsonReply.of(outcome.error())
          : new JsonReply(201, body(outcome));
    }
    return List.of(replies);
  }

  /**
   * {@code incidents.get}: answers 200, {@code {"incident": {...}}} and the incident's version.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param id the incident's DON or display id ({@code INC-n})
   */
  public JsonReply get(String tenant, String actor, String id) {
    return versioned(200, () -> service.getVersioned(RequestContext.of(tenant, actor), id));
  }

  /**
   * {@code incidents.get} with the API's body {@code {"id": "..."}}, as {@code POST /incidents.get} sends it.
   *
   * @param body the request body, UTF-8 JSON
   */
  public JsonReply get(String tenant, String actor, byte[] body) {
    return versioned(200, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      return service.getVersioned(context, IncidentJson.readIdRequest(body));
    });
  }

  /**
   * {@code incidents.update} (docs/CONTRACT.md section 10): answers 200, {@code {"incident": {...}}} after the
   * update and its version; 412 ({@code conflict}) when the incident is not at {@code expectedVersion}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param body the request body, UTF-8 JSON, with the incident's {@code id}
   * @param expectedVersion the version the update requires (an HTTP {@code If-Match}), or {@code null}
   */
  public JsonReply update(String tenant, String actor, byte[] body, @Nullable Long expectedVersion) {
    return versioned(200, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      BoundRequest<IncidentUpdateRequest> bound = IncidentJson.bindUpdateRequest(body);
      if (!bound.problems().isEmpty()) {
        List<Violation> all = new ArrayList<>(bound.problems());
        if (!bound.isRootBroken() && !bound.isBroken("id")) {
          for (Violation violation : service.validate(context, bound.request())) {
            if (!bound.isBroken(violation.fieldName())) {
              all.add(violation);
            }
          }
        }
        throw IncidentException.of(Violations.ordered(all));
      }
      return expectedVersion == null ? service.update(context, bound.request())
          : service.update(context, bound.request(), expectedVersion);
    });
  }

  /**
   * {@code incidents.delete} (docs/CONTRACT.md section 10): answers 200 and {@code {}}; 412 ({@code conflict})
   * when the incident is not at {@code expectedVersion}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param body the request body, {@code {"id": "..."}}
   * @param expectedVersion the version the deletion requires, or {@code null}
   */
  public JsonReply delete(String tenant, String actor, byte[] body, @Nullable Long expectedVersion) {
    return reply(200, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      String id = IncidentJson.readIdRequest(body);
      if (expectedVersion == null) {
        service.delete(context, id);
      } else {
        service.delete(context, id, expectedVersion);
      }
      return EMPTY_OBJECT.clone();
    });
  }

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  /**
   * {@code incidents.list} with the API's body (docs/CONTRACT.md section 11): filters, {@code sort_by},
   * {@code cursor} and {@code limit}; answers 200 and {@code {"incidents": [...], "next_cursor": "..."}}.
   *
   * @param tenant the tenant
   * @param actor the actor's user id
   * @param body the request body, UTF-8 JSON ({@code {}} for the first page of every incident)
   */
  public JsonReply list(String tenant, String actor, byte[] body) {
    return reply(200, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      BoundRequest<ListRequest> bound = IncidentJson.bindListRequest(body);
      if (!bound.problems().isEmpty()) {
        throw IncidentException.of(Violations.ordered(bound.problems()));
      }
      return IncidentJson.writePage(service.list(context, bound.request()));
    });
  }

  /**
   * The request, or the exception listing its structural problems together with every rule violation of
   * the fields that bound cleanly, in contract order: a request with a wrong JSON type and a missing title
   * reports both.
   */
  private IncidentCreateRequest boundOrThrow(RequestContext context, BoundRequest<IncidentCreateRequest> bound) {
    if (bound.problems().isEmpty()) {
      return bound.request();
    }
    List<Violation> all = new ArrayList<>(bound.problems());
    if (!bound.isRootBroken()) {
      for (Violation violation : service.validate(context, bound.request())) {
        if (!bound.isBroken(violation.fieldName())) {
          all.add(violation);
        }
      }
    }
    throw IncidentException.of(Violations.ordered(all));
  }

  /** The body of a created incident: the document just written, wrapped, or else the incident serialized. */
  private static byte[] body(Rendition rendition) {
    byte[] document = rendition.document();
    if (document != null) {
      return IncidentJson.wrapIncidentDocument(document);
    }
    return IncidentJson.writeIncident(Objects.requireNonNull(rendition.incident(), "incident"));
  }

  @FunctionalInterface
  private interface Call {
    byte[] run();
  }

  @FunctionalInterface
  private interface VersionedCall {
    VersionedIncident run();
  }

  /** A reply with the incident and its version, for get and update. */
  private static JsonReply versioned(int status, VersionedCall call) {
    VersionedIncident[] result = new VersionedIncident[1];
    JsonReply reply = reply(status, () -> {
      result[0] = call.run();
      return IncidentJson.writeIncident(result[0].incident());
    });
    return result[0] == null ? reply : new JsonReply(reply.status(), reply.body(), result[0].version());
  }

  private static JsonReply reply(int status, Call call) {
    try {
      return new JsonReply(status, call.run());
    } catch (IncidentException e) {
      return JsonReply.of(e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "incident call failed unexpectedly", e);
      return JsonReply.of(InternalErrorException.of("unexpected failure: " + e, e));
    }
  }

  /**
   * A create's outcome with, when the service rendered it in this call, the incident object's JSON as stored.
   *
   * @param incident the incident, or {@code null} with {@code error}
   * @param document the incident object's JSON, or {@code null} when the service did not render it now (a
   *     replay, or another service)
   * @param error why the create failed, or {@code null}
   */
  record Rendition(@Nullable Incident incident, byte @Nullable [] document, @Nullable IncidentException error) {}

  /** How an endpoint creates: the library's service renders; any other is serialized. */
  interface Creator {
    /** A single create; failures are thrown. */
    Rendition create(RequestContext context, IncidentCreateRequest request, @Nullable IdempotencyKey key);

    /** A batch; failures are in the renditions, never thrown. */
    List<Rendition> createAll(RequestContext context, List<CreateCall> calls);
  }

  /** Creates through any service's public API and serializes what it returns. */
  private record Serializing(IncidentService service) implements Creator {
    @Override
    public Rendition create(RequestContext context, IncidentCreateRequest request, @Nullable IdempotencyKey key) {
      return new Rendition(key == null ? service.create(context, request) : service.create(context, request, key),
          null, null);
    }

    @Override
    public List<Rendition> createAll(RequestContext context, List<CreateCall> calls) {
      return service.createAll(context, calls).stream()
          .map(o -> new Rendition(o.incident(), null, o.error())).toList();
    }
  }
}
