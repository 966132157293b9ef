package dev.incidents;

import dev.incidents.json.IncidentJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link JsonEndpoint} call answers: an HTTP status and a UTF-8 JSON body, ready to send.
 *
 * @param status 201 for a create, 200 for the other calls, else the status of the error kind (400, 403, 404,
 *     409, 412, 500, 503)
 * @param body the response body, or the error body of docs/CONTRACT.md section 6
 * @param version the incident's version after a successful get or update (HTTP sends it as the {@code ETag}),
 *     else {@code null}
 */
public record JsonReply(int status, byte[] body, @Nullable Long version) {

  /** Checks the body is given. */
  public JsonReply {
    Objects.requireNonNull(body, "body");
  }

  /** A reply without a version. */
  public JsonReply(int status, byte[] body) {
    this(status, body, null);
  }

  /**
   * The error reply of {@code error}: its HTTP status and the error body of docs/CONTRACT.md section 6, as every
   * {@link JsonEndpoint} call answers a failure.
   */
  public static JsonReply of(dev.incidents.error.IncidentException error) {
    return new JsonReply(error.httpStatus(), IncidentJson.writeError(error));
  }

  /** Whether the call succeeded (a 2xx status). */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The body as a string. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonReply other && status == other.status && java.util.Arrays.equals(body, other.body)
        && Objects.equals(version, other.version);
  }

  @Override
  public int hashCode() {
    return (31 * status + java.util.Arrays.hashCode(body)) * 31 + Objects.hashCode(version);
  }

  @Override
  public String toString() {
    return "JsonReply[" + status + (version == null ? "" : " v" + version) + " " + bodyText() + "]";
  }
}
