package dev.incidents.json;

import dev.incidents.IdempotencyKey;
import dev.incidents.IncidentService;
import dev.incidents.RequestContext;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import dev.incidents.model.Incident;
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
      Incident incident = service.create(context, bound.request(), key);
      return IncidentJson.writeIncident(incident);
    });
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
      return new JsonReply(e.httpStatus(), IncidentJson.writeError(e));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "incident call failed unexpectedly", e);
      InternalErrorException error = InternalErrorException.of("unexpected failure: " + e, e);
      return new JsonReply(error.httpStatus(), IncidentJson.writeError(error));
    }
  }
}
