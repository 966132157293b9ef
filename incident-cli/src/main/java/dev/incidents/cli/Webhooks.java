package dev.incidents.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.webhooks.DeadEvent;
import dev.incidents.webhooks.WebhookEndpoint;
import dev.incidents.webhooks.WebhookRelay;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** What the webhook commands share: the relay over a session, and their JSON lines. */
final class Webhooks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Webhooks() {}

  static WebhookRelay.Builder relay(Session session) {
    return WebhookRelay.builder(session.store(), session.service().events());
  }

  /** An endpoint as one JSON line; the secret only when {@code withSecret} (when it was just made). */
  static void print(OutputStream out, WebhookEndpoint endpoint, boolean withSecret) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", endpoint.id());
    node.put("tenant", endpoint.tenant());
    node.put("url", endpoint.url().toString());
    if (withSecret) {
      node.put("secret", endpoint.secret());
    }
    node.putArray("event_types").addAll(endpoint.eventTypes().stream().sorted()
        .map(type -> JSON.getNodeFactory().textNode(type.wireName())).toList());
    line(out, node);
  }

  /** A dead event as one JSON line, the event itself under {@code event}. */
  static void print(OutputStream out, DeadEvent dead) {
    ObjectNode node = JSON.createObjectNode();
    node.put("endpoint", dead.endpointId());
    node.put("tenant", dead.tenant());
    node.put("sequence", dead.sequence());
    node.put("event_id", dead.eventId());
    node.put("type", dead.type().wireName());
    node.put("attempts", dead.attempts());
    node.put("last_error", dead.lastError());
    node.put("dead_at", dead.deadAt().toString());
    try {
      node.set("event", JSON.readTree(dead.json()));
    } catch (IOException e) {
      node.put("event", dead.jsonText());
    }
    line(out, node);
  }

  private static void line(OutputStream out, ObjectNode node) {
    try {
      out.write(JSON.writeValueAsBytes(node));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
