package dev.incidents.http;

import dev.incidents.IncidentService;
import dev.incidents.JsonEndpoint;
import dev.incidents.JsonReply;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.RequestContext;
import dev.incidents.http.internal.EntityTags;
import dev.incidents.http.internal.HttpErrors;
import dev.incidents.http.internal.ListQueryBody;
import dev.incidents.http.internal.Query;
import dev.incidents.http.internal.Replies;
import dev.incidents.http.internal.Tokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The REST API's incidents routes over a {@link IncidentService} (docs/CONTRACT.md section 12): mount it in any
 * Servlet 6 container, or register it in a Spring Boot application, under a path of your choice (docs/HTTP.md).
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>methods</th><th>success</th></tr>
 *   <tr><td>{@code /incidents.create}</td><td>POST; optional {@code Idempotency-Key}</td><td>201</td></tr>
 *   <tr><td>{@code /incidents.get}</td><td>GET {@code ?id=}, POST {@code {"id"}}</td><td>200 and {@code ETag}</td></tr>
 *   <tr><td>{@code /incidents.list}</td><td>GET with query filters, POST with a body</td><td>200</td></tr>
 *   <tr><td>{@code /incidents.update}</td><td>POST; optional {@code If-Match}</td><td>200 and {@code ETag}</td></tr>
 *   <tr><td>{@code /incidents.delete}</td><td>POST; optional {@code If-Match}</td><td>200 {@code {}}</td></tr>
 *   <tr><td>{@code /health}</td><td>GET, without a token</td><td>200 {@code {"status": "ok"}}</td></tr>
 * </table>
 *
 * <p>Every other path is 404 and every other method 405 (with {@code Allow}). Every route but {@code health} needs
 * {@code Authorization: <token>} or {@code Bearer <token>}, which the {@link Authenticator} turns into the tenant and
 * actor (else 401). A POST body must be {@code application/json} (else 415) of at most {@value #MAX_BODY_BYTES}
 * bytes, refused with 413 before more than that is read. The JSON itself is bound and checked by core's
 * {@link JsonEndpoint}, so HTTP answers exactly what {@code service.json()} answers, with the same error bodies
 * (docs/CONTRACT.md section 6). A 500 or 503 reply says nothing internal: it carries a {@code reference_id} that
 * the log line with the details also carries.
 *
 * <p>Thread-safe when the service and the authenticator are.
 */
public final class IncidentServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The largest request body accepted, in bytes (1 MiB, as the JSON contract's limit). */
  public static final int MAX_BODY_BYTES = IncidentJson.MAX_BODY_BYTES;

  /** How much of an unread body is read and discarded after the reply, so the connection stays usable or closes cleanly. */
  static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  /** Routes by their path below the servlet's mount point, with the methods each takes. */
  private enum Route {
    CREATE("incidents.create", "POST"),
    GET("incidents.get", "GET, POST"),
    LIST("incidents.list", "GET, POST"),
    UPDATE("incidents.update", "POST"),
    DELETE("incidents.delete", "POST"),
    HEALTH("health", "GET");

    final String path;
    final String allowed;

    Route(String path, String allowed) {
      this.path = path;
      this.allowed = allowed;
    }

    boolean allows(String method) {
      return List.of(allowed.split(", ")).contains(method);
    }
  }

  private static final Map<String, Route> ROUTES = Map.of(
      "/incidents.create", Route.CREATE, "/incidents.get", Route.GET, "/incidents.list", Route.LIST,
      "/incidents.update", Route.UPDATE, "/incidents.delete", Route.DELETE, "/health", Route.HEALTH);

  private final transient JsonEndpoint endpoint;
  private final transient Authenticator authenticator;

  /**
   * A servlet serving the service.
   *
   * @param service the service; its {@link IncidentService#json()} endpoint answers every call
   * @param authenticator turns tokens into the tenant and actor they act for
   */
  public IncidentServlet(IncidentService service, Authenticator authenticator) {
    this.endpoint = Objects.requireNonNull(service, "service").json();
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /** Answers every request: routes, checks, calls the endpoint and writes its reply. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Reply reply;
    try {
      reply = handle(request);
    } catch (IncidentException e) {
      reply = new Reply(JsonReply.of(e), null);
    } catch (BodyUnreadable e) {
      // The client went away or stalled past the container's idle timeout: nobody may be listening.
      reply = new Reply(HttpErrors.of(400, ErrorType.BAD_REQUEST, null, "the request body could not be read"), null);
      response.setHeader("Connection", "close");
    } catch (RuntimeException e) {
      reply = new Reply(Replies.internal(e), null);
    }
    send(response, reply);
    drainUnread(request, response);
  }

  /**
   * After the reply, reads and discards what is left of the request body, up to {@link #MAX_DRAINED_BYTES}: the
   * rest of a body refused with 413, or a body never read because the request was refused before it mattered
   * (401, 404, 405, 415). The reply is flushed first, so it is never delayed by the body. Without this the
   * container finds the body unread once the reply is committed and closes the connection without saying so,
   * and a client that pools connections sends its next request into the closed one; and a connection closed
   * with unread bytes is reset, which can destroy the reply before a client still uploading reads it. After a
   * body read in full, this reads the end of the stream at once.
   */
  private static void drainUnread(HttpServletRequest request, HttpServletResponse response) {
    try {
      response.flushBuffer();
      InputStream in = request.getInputStream();
      if (in.read() < 0) {
        return; // the usual case, a body read in full: no buffer for it
      }
      byte[] buffer = new byte[64 * 1024];
      long drained = 1;
      for (int n; drained < MAX_DRAINED_BYTES && (n = in.read(buffer)) >= 0; ) {
        drained += n;
      }
    } catch (IOException | RuntimeException e) {
      // The client is gone or the container refused: the reply was sent, nothing more to do.
    }
  }

  private record Reply(JsonReply reply, @Nullable String allow) {}

  private Reply handle(HttpServletRequest request) throws BodyUnreadable {
    String path = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
    Route route = ROUTES.get(path);
    if (route == null) {
      return new Reply(HttpErrors.noRoute(path), null);
    }
    String method = request.getMethod();
    if (!route.allows(method)) {
      return new Reply(HttpErrors.wrongMethod(method, route.path, route.allowed), route.allowed);
    }
    if (route == Route.HEALTH) {
      return new Reply(new JsonReply(200, HEALTHY.clone()), null);
    }
    String token = Tokens.fromHeader(request.getHeader("Authorization"));
    Optional<RequestContext> context = token == null ? Optional.empty() : authenticator.authenticate(token);
    if (context.isEmpty()) {
      return new Reply(HttpErrors.unauthenticated(), null);
    }
    String tenant = context.get().tenant();
    String actor = context.get().actor();
    if (method.equals("GET")) {
      Map<String, List<String>> query = Query.parse(request.getQueryString());
      return new Reply(route == Route.GET ? endpoint.get(tenant, actor, singleId(query))
          : endpoint.list(tenant, actor, ListQueryBody.of(query)), null);
    }
    if (!isJson(request.getContentType())) {
      return new Reply(HttpErrors.notJson(), null);
    }
    byte[] body = readBody(request);
    if (body == null) {
      return new Reply(HttpErrors.tooLarge(MAX_BODY_BYTES), null);
    }
    JsonReply reply = switch (route) {
      case CREATE -> endpoint.create(tenant, actor, body, request.getHeader("Idempotency-Key"));
      case GET -> endpoint.get(tenant, actor, body);
      case LIST -> endpoint.list(tenant, actor, body);
      case UPDATE -> endpoint.update(tenant, actor, body, expectedVersion(request));
      case DELETE -> endpoint.delete(tenant, actor, body, expectedVersion(request));
      case HEALTH -> throw new IllegalStateException("health is answered above");
    };
    return new Reply(reply, null);
  }

  /** The {@code id} of {@code GET /incidents.get}: exactly one, and no other parameter. */
  private static String singleId(Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!name.equals("id")) {
        throw IncidentException.of(List.of(dev.incidents.error.Violation.invalidField(name,
            "incidents.get takes only id")));
      }
    }
    List<String> ids = query.get("id");
    if (ids == null) {
      throw IncidentException.of(List.of(dev.incidents.error.Violation.missingRequiredField("id")));
    }
    if (ids.size() > 1) {
      throw IncidentException.of(List.of(dev.incidents.error.Violation.of(ErrorType.BAD_REQUEST, "id",
          "id takes one value, got " + ids.size())));
    }
    return ids.get(0);
  }

  /** The version an {@code If-Match} requires: {@code null} for any, 0 (which no incident has) for a tag that cannot match. */
  private static @Nullable Long expectedVersion(HttpServletRequest request) {
    EntityTags.Precondition precondition = EntityTags.ifMatch(request.getHeader("If-Match"));
    if (precondition instanceof EntityTags.Precondition.Version version) {
      return version.version();
    }
    return precondition instanceof EntityTags.Precondition.Never ? 0L : null;
  }

  /** Whether the content type is JSON: {@code application/json} or {@code application/*+json}, UTF-8 if a charset is named. */
  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    String type = parts[0].strip();
    if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  /** The body, or {@code null} when it is larger than the limit (known from its length, or found while reading). */
  private static byte @Nullable [] readBody(HttpServletRequest request) throws BodyUnreadable {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      return null;
    }
    try {
      // Not closed here: a refused body is drained after the reply (see drainAfterRefusal).
      if (declared >= 0) {
        // The common case: one array of the body's size, with no copy (Jetty fails a body cut short).
        return request.getInputStream().readNBytes((int) declared);
      }
      byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    } catch (IOException e) {
      throw new BodyUnreadable(e);
    }
  }

  /** The body could not be read: the client closed the connection or was too slow. */
  private static final class BodyUnreadable extends Exception {
    private static final long serialVersionUID = 1L;

    BodyUnreadable(IOException cause) {
      super(cause);
    }
  }

  private static void send(HttpServletResponse response, Reply reply) throws IOException {
    JsonReply json = Replies.safe(reply.reply());
    response.setStatus(json.status());
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    if (json.version() != null) {
      response.setHeader("ETag", EntityTags.of(json.version()));
    }
    if (reply.allow() != null) {
      response.setHeader("Allow", reply.allow());
    }
    if (json.status() == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    if (json.status() == 413) {
      // The rest of the body is not read: the connection cannot carry another request.
      response.setHeader("Connection", "close");
    }
    response.setContentLength(json.body().length);
    response.getOutputStream().write(json.body());
  }
}
