package dev.incidents.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.JsonReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Keeps internals out of replies: a 500 or 503 from the service may name a store's or resolver's exception in its
 * message, which helps an operator and must not reach a client. Such a reply is logged with a new reference id and
 * replaced by a generic body of the same type that carries the id (the API's {@code reference_id}).
 */
public final class Replies {

  private static final System.Logger LOG = System.getLogger("dev.incidents.http");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Replies() {}

  /** The reply as a client may see it. */
  public static JsonReply safe(JsonReply reply) {
    if (reply.status() == 500) {
      String reference = UUID.randomUUID().toString();
      LOG.log(System.Logger.Level.ERROR, "internal_error " + reference + ": " + reply.bodyText());
      return generic(500, "internal_error", "the service failed unexpectedly; quote reference " + reference
          + " when reporting it", reference);
    }
    if (reply.status() == 503) {
      String reference = UUID.randomUUID().toString();
      LOG.log(System.Logger.Level.WARNING, "service_unavailable " + reference + ": " + reply.bodyText());
      return generic(503, "service_unavailable", "the service is unavailable; retry later (reference " + reference
          + ")", reference);
    }
    return reply;
  }

  /** A 500 for an exception that escaped the servlet itself. */
  public static JsonReply internal(RuntimeException e) {
    String reference = UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "internal_error " + reference, e);
    return generic(500, "internal_error", "the service failed unexpectedly; quote reference " + reference
        + " when reporting it", reference);
  }

  private static JsonReply generic(int status, String type, String message, String reference) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = MAPPER.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("type", type);
      gen.writeStringField("message", message);
      gen.writeStringField("reference_id", reference);
      gen.writeArrayFieldStart("violations");
      gen.writeStartObject();
      gen.writeStringField("type", type);
      gen.writeStringField("message", message);
      gen.writeEndObject();
      gen.writeEndArray();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JsonReply(status, out.toByteArray());
  }
}
