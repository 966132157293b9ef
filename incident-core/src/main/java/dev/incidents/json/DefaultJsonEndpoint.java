package dev.incidents.json;

import dev.incidents.CreateCall;
import dev.incidents.IdempotencyKey;
import dev.incidents.IncidentService;
import dev.incidents.RequestContext;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.Violation;
import dev.incidents.internal.RenderingService;
import dev.incidents.internal.Violations;
import dev.incidents.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@link JsonEndpoint} over any {@link IncidentService}. */
final class DefaultJsonEndpoint implements JsonEndpoint {

  private static final System.Logger LOG = System.getLogger(JsonEndpoint.class.getName());

  private final IncidentService service;

  DefaultJsonEndpoint(IncidentService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public JsonReply create(String tenant, String actor, byte[] body, String idempotencyKey) {
    return reply(201, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      IdempotencyKey key = idempotencyKey == null ? null : IdempotencyKey.of(idempotencyKey);
      RequestBinder.Bound bound = RequestBinder.bind(body);
      if (!bound.problems().isEmpty()) {
        throw IncidentException.of(withRuleViolations(context, bound));
      }
      if (service instanceof RenderingService rendering) {
        return body(rendering.createRendered(context, bound.request(), key));
      }
      return IncidentJson.writeIncident(service.create(context, bound.request(), key));
    });
  }

  @Override
  public List<JsonReply> createAll(String tenant, String actor, List<byte[]> bodies, List<String> idempotencyKeys) {
    if (idempotencyKeys != null && idempotencyKeys.size() != bodies.size()) {
      throw new IllegalArgumentException("one idempotency key (or null) per body: " + bodies.size() + " bodies, "
          + idempotencyKeys.size() + " keys");
    }
    JsonReply[] replies = new JsonReply[bodies.size()];
    RequestContext context;
    try {
      context = RequestContext.of(tenant, actor);
    } catch (IncidentException e) {
      java.util.Arrays.fill(replies, JsonReply.of(e));
      return List.of(replies);
    }
    List<CreateCall> calls = new ArrayList<>(bodies.size());
    List<Integer> positions = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      try {
        String keyText = idempotencyKeys == null ? null : idempotencyKeys.get(i);
        IdempotencyKey key = keyText == null ? null : IdempotencyKey.of(keyText);
        RequestBinder.Bound bound = RequestBinder.bind(bodies.get(i));
        if (!bound.problems().isEmpty()) {
          throw IncidentException.of(withRuleViolations(context, bound));
        }
        calls.add(new CreateCall(bound.request(), key));
        positions.add(i);
      } catch (IncidentException e) {
        replies[i] = JsonReply.of(e);
      }
    }
    List<RenderingService.Rendition> outcomes = service instanceof RenderingService rendering
        ? rendering.createAllRendered(context, calls)
        : service.createAll(context, calls).stream()
            .map(o -> new RenderingService.Rendition(o.incident(), null, o.error())).toList();
    for (int j = 0; j < outcomes.size(); j++) {
      RenderingService.Rendition outcome = outcomes.get(j);
      replies[positions.get(j)] = outcome.error() == null ? new JsonReply(201, body(outcome))
          : JsonReply.of(outcome.error());
    }
    return List.of(replies);
  }

  /** The body of a created incident: the document just written, wrapped, or else the incident serialized. */
  private static byte[] body(RenderingService.Rendition rendition) {
    return rendition.document() != null ? IncidentJson.wrapIncident(rendition.document())
        : IncidentJson.writeIncident(rendition.incident());
  }

  /**
   * The structural problems and every rule violation of the fields that bound cleanly, in contract order:
   * a request with a wrong JSON type and a missing title reports both.
   */
  private List<Violation> withRuleViolations(RequestContext context, RequestBinder.Bound bound) {
    List<Violation> all = new ArrayList<>(bound.problems());
    boolean rootBroken = bound.problems().stream().anyMatch(v -> v.fieldName() == null);
    if (!rootBroken) {
      for (Violation violation : service.validate(context, bound.request())) {
        if (!isUnder(violation.fieldName(), bound.brokenPaths())) {
          all.add(violation);
        }
      }
    }
    return Violations.ordered(all);
  }

  private static boolean isUnder(String path, Set<String> brokenPaths) {
    if (path == null) {
      return false;
    }
    for (String broken : brokenPaths) {
      if (path.equals(broken) || path.startsWith(broken + ".") || path.startsWith(broken + "[")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public JsonReply get(String tenant, String actor, String id) {
    return reply(200, () -> IncidentJson.writeIncident(service.get(RequestContext.of(tenant, actor), id)));
  }

  @Override
  public JsonReply list(String tenant, String actor, String limit, String cursor) {
    return reply(200, () -> {
      RequestContext context = RequestContext.of(tenant, actor);
      return IncidentJson.writePage(service.list(context, new PageRequest(parseLimit(limit), cursor)));
    });
  }

  private static int parseLimit(String limit) {
    if (limit == null) {
      return PageRequest.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw BadRequestException.of(Violation.valueNotPermitted("limit",
          "must be an integer from 1 to " + PageRequest.MAX_LIMIT + ", got '" + limit + "'"));
    }
  }

  private interface Call {
    byte[] run();
  }

  private static JsonReply reply(int status, Call call) {
    try {
      return new JsonReply(status, call.run());
    } catch (IncidentException e) {
      return JsonReply.of(e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "incident call failed unexpectedly", e);
      InternalErrorException error = InternalErrorException.of("unexpected failure: " + e, e);
      return JsonReply.of(error);
    }
  }
}
