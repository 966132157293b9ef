package dev.incidents.webhooks;

import dev.incidents.events.IncidentEvent;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.StoreLimits;
import dev.incidents.spi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events whose delivery gave up (docs/CONTRACT.md clause 13.3), kept in the store's records so that an
 * operator can list and replay them, also from another process ({@code incident dead list|replay}). A dead event
 * holds its JSON, so pruning the store's events does not lose it; replaying it delivers it out of order, after
 * the endpoint's later events.
 */
public final class DeadEvents {

  static final String HEADS = "webhook-dead";
  static final String PARTS = "webhook-dead-body";
  private static final int PART_BYTES = StoreLimits.MAX_RECORD_VALUE_BYTES - 1024;

  private final IncidentStore store;
  private final WebhookEndpoints endpoints;
  private final Deliverer deliverer;
  private final Clock clock;

  DeadEvents(IncidentStore store, WebhookEndpoints endpoints, Deliverer deliverer, Clock clock) {
    this.store = store;
    this.endpoints = endpoints;
    this.deliverer = deliverer;
    this.clock = clock;
  }

  /** Every dead event, by endpoint id and then sequence. */
  public List<DeadEvent> list() {
    return list("");
  }

  /** The dead events of one endpoint, by sequence. */
  public List<DeadEvent> list(String endpointId) {
    String prefix = endpointId.isEmpty() ? "" : endpointId + "/";
    List<DeadEvent> dead = new ArrayList<>();
    String after = prefix;
    for (List<StoredRecord> page; !(page = store.records(HEADS, after, 1000)).isEmpty(); ) {
      for (StoredRecord head : page) {
        if (!head.key().startsWith(prefix)) {
          return dead;
        }
        read(head).ifPresent(dead::add);
        after = head.key();
      }
    }
    return dead;
  }

  /**
   * Delivers a dead event again, with the relay's retries: on success it is no longer dead; otherwise it stays,
   * with its attempts and last error updated.
   *
   * @return whether it was delivered
   * @throws IllegalArgumentException if there is no such dead event, or its endpoint was removed
   * @throws InterruptedException if interrupted while waiting between attempts
   */
  public boolean replay(String endpointId, long sequence) throws InterruptedException {
    String key = key(endpointId, sequence);
    DeadEvent dead = store.record(HEADS, key).flatMap(value -> read(new StoredRecord(key, value)))
        .orElseThrow(() -> new IllegalArgumentException("no dead event " + sequence + " for endpoint " + endpointId));
    WebhookEndpoint endpoint = endpoints.get(endpointId).orElseThrow(() -> new IllegalArgumentException(
        "endpoint " + endpointId + " of dead event " + sequence + " is no longer registered"));
    IncidentEvent event = new IncidentEvent(dead.sequence(), dead.tenant(), dead.eventId(), dead.type(), dead.json());
    Deliverer.Outcome outcome = deliverer.deliver(endpoint, event);
    if (outcome.delivered()) {
      remove(key);
      return true;
    }
    park(endpoint, event, dead.attempts() + outcome.attempts(), outcome.lastError());
    return false;
  }

  /** Removes a dead event without delivering it; whether there was one. */
  public boolean discard(String endpointId, long sequence) {
    return remove(key(endpointId, sequence));
  }

  /** Parks an event as dead: its parts first, then its head, so a listed head always has its parts. */
  void park(WebhookEndpoint endpoint, IncidentEvent event, int attempts, String lastError) {
    String key = key(endpoint.id(), event.sequence());
    byte[] json = event.json();
    int parts = Math.max(1, (json.length + PART_BYTES - 1) / PART_BYTES);
    for (int i = 0; i < parts; i++) {
      store.putRecord(PARTS, partKey(key, i),
          Arrays.copyOfRange(json, i * PART_BYTES, Math.min(json.length, (i + 1) * PART_BYTES)));
    }
    String error = lastError.length() > 1000 ? lastError.substring(0, 1000) + "..." : lastError;
    store.putRecord(HEADS, key, RecordCodec.deadHead(new DeadEvent(endpoint.id(), event.tenant(), event.sequence(),
        event.id(), event.type(), attempts, error, clock.instant(), json), parts));
  }

  private Optional<DeadEvent> read(StoredRecord head) {
    int parts = RecordCodec.deadParts(head.key(), head.value());
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    for (int i = 0; i < parts; i++) {
      Optional<byte[]> part = store.record(PARTS, partKey(head.key(), i));
      if (part.isEmpty()) {
        return Optional.empty(); // removed meanwhile: the head goes first
      }
      json.writeBytes(part.get());
    }
    return Optional.of(RecordCodec.deadHead(head.key(), head.value(), json.toByteArray()));
  }

  private boolean remove(String key) {
    Optional<byte[]> head = store.record(HEADS, key);
    if (head.isEmpty() || !store.removeRecord(HEADS, key)) {
      return false;
    }
    int parts = RecordCodec.deadParts(key, head.get());
    for (int i = 0; i < parts; i++) {
      store.removeRecord(PARTS, partKey(key, i));
    }
    return true;
  }

  private static String key(String endpointId, long sequence) {
    return endpointId + "/" + String.format("%019d", sequence);
  }

  private static String partKey(String key, int part) {
    return key + "/" + String.format("%04d", part);
  }
}
