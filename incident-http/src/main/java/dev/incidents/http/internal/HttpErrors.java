package dev.incidents.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.JsonReply;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The error replies that HTTP itself produces, before a call reaches the service: every one in the error body of
 * docs/CONTRACT.md section 6, written by core's writer where the kind is one of core's, so that the shape has one
 * source. Messages say what was wrong with the request and never repeat a header's value.
 */
public final class HttpErrors {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpErrors() {}

  /** A reply of one violation of a core error kind, with an HTTP status of its own. */
  public static JsonReply of(int status, ErrorType type, @Nullable String field, String message) {
    return withStatus(status, IncidentException.of(List.of(Violation.of(type, field, message))));
  }

  /** The reply of an exception, with another HTTP status (413 for {@code parse_error}, for example). */
  public static JsonReply withStatus(int status, IncidentException error) {
    return new JsonReply(status, JsonReply.of(error).body());
  }

  /** 404 {@code not_found}: no such route. */
  public static JsonReply noRoute(String path) {
    return of(404, ErrorType.NOT_FOUND, null, "no route " + printable(path) + "; the routes are incidents.create, "
        + "incidents.get, incidents.list, incidents.update, incidents.delete and health");
  }

  /** 405 {@code bad_request}: the route exists but not with this method. */
  public static JsonReply wrongMethod(String method, String route, String allowed) {
    return of(405, ErrorType.BAD_REQUEST, null, printable(method) + " is not allowed on " + route + "; allowed: "
        + allowed);
  }

  /** 415 {@code bad_request}: a POST body that is not JSON. */
  public static JsonReply notJson() {
    return of(415, ErrorType.BAD_REQUEST, "Content-Type", "the body must be sent as application/json (UTF-8)");
  }

  /** 413 {@code parse_error}: a body over the limit. */
  public static JsonReply tooLarge(int limit) {
    return of(413, ErrorType.PARSE_ERROR, null, "the body is larger than " + limit + " bytes");
  }

  /**
   * 401 {@code unauthenticated}, the API's type for a missing or refused token; not one of core's kinds, so written
   * here in the same shape.
   */
  public static JsonReply unauthenticated() {
    String message = "a valid token is required: send Authorization: Bearer <token>";
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = MAPPER.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("type", "unauthenticated");
      gen.writeStringField("message", message);
      gen.writeArrayFieldStart("violations");
      gen.writeStartObject();
      gen.writeStringField("type", "unauthenticated");
      gen.writeStringField("message", message);
      gen.writeEndObject();
      gen.writeEndArray();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JsonReply(401, out.toByteArray());
  }

  /** A request path or method as a message may show it: at most 100 printable ASCII characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      out.append(c >= ' ' && c <= '~' ? c : '?');
    }
    return text.length() > 100 ? out + "..." : out.toString();
  }
}
