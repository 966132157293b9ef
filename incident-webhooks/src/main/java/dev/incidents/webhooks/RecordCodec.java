package dev.incidents.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.error.InternalErrorException;
import dev.incidents.events.EventType;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** How endpoints and dead events are written into the store's records: small JSON objects. */
final class RecordCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordCodec() {}

  static byte[] endpoint(WebhookEndpoint endpoint) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", endpoint.id());
    node.put("tenant", endpoint.tenant());
    node.put("url", endpoint.url().toString());
    node.put("secret", endpoint.secret());
    ArrayNode types = node.putArray("event_types");
    endpoint.eventTypes().stream().sorted().forEach(type -> types.add(type.wireName()));
    return write(node);
  }

  static WebhookEndpoint endpoint(String key, byte[] value) {
    JsonNode node = read("webhook endpoint " + key, value);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    node.path("event_types").forEach(type -> types.add(EventType.fromWireName(type.asText())));
    return new WebhookEndpoint(node.path("id").asText(), node.path("tenant").asText(),
        URI.create(node.path("url").asText()), node.path("secret").asText(), types);
  }

  /** A dead event's head: everything but the event's JSON, which is kept in parts beside it. */
  static byte[] deadHead(DeadEvent dead, int parts) {
    ObjectNode node = JSON.createObjectNode();
    node.put("endpoint", dead.endpointId());
    node.put("tenant", dead.tenant());
    node.put("sequence", dead.sequence());
    node.put("event_id", dead.eventId());
    node.put("type", dead.type().wireName());
    node.put("attempts", dead.attempts());
    node.put("last_error", dead.lastError());
    node.put("dead_at", dead.deadAt().toString());
    node.put("parts", parts);
    return write(node);
  }

  /** The head's fields, with the event's JSON to be filled in by the caller. */
  static DeadEvent deadHead(String key, byte[] value, byte[] json) {
    JsonNode node = read("dead event " + key, value);
    return new DeadEvent(node.path("endpoint").asText(), node.path("tenant").asText(), node.path("sequence").asLong(),
        node.path("event_id").asText(), EventType.fromWireName(node.path("type").asText()),
        node.path("attempts").asInt(), node.path("last_error").asText(), Instant.parse(node.path("dead_at").asText()),
        json);
  }

  static int deadParts(String key, byte[] value) {
    return read("dead event " + key, value).path("parts").asInt();
  }

  private static byte[] write(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String what, byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw InternalErrorException.of("the stored " + what + " cannot be read: " + e.getMessage(), e);
    }
  }
}
