package dev.incidents.webhooks;

import dev.incidents.events.EventConsumer;
import dev.incidents.events.EventType;
import dev.incidents.events.IncidentEvents;
import dev.incidents.events.StartAt;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.StoredRecord;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The registered webhook endpoints of every tenant, kept in the store's records (namespace
 * {@code webhook-endpoints}), so that a relay in this process or another one finds them. An endpoint receives
 * the events stored after it was added. The secret is kept as given, since the relay signs with it: protect
 * the store as you protect the secrets.
 */
public final class WebhookEndpoints {

  static final String NAMESPACE = "webhook-endpoints";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IncidentStore store;
  private final IncidentEvents events;

  /**
   * The endpoints kept in {@code store}.
   *
   * @param events the events of a service over the same store ({@code service.events()})
   */
  public WebhookEndpoints(IncidentStore store, IncidentEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Registers an endpoint; it receives the events stored from now on.
   *
   * @param secret {@code whsec_} and base64, or {@code null} for a new random one ({@link WebhookSignatures})
   * @return the endpoint, with its new id and its secret
   * @throws IllegalArgumentException listing everything that is wrong with it
   */
  public WebhookEndpoint add(String tenant, URI url, @Nullable String secret, Set<EventType> eventTypes) {
    String id = "ep_" + HexFormat.of().formatHex(randomBytes(8));
    WebhookEndpoint endpoint = new WebhookEndpoint(id, tenant, url, secret == null ? WebhookSignatures.newSecret()
        : secret, eventTypes);
    // Its position first: once the endpoint is visible, a relay delivers from there.
    try (EventConsumer consumer = events.consumer(endpoint.consumerName(), StartAt.NOW)) {
      Objects.requireNonNull(consumer);
    }
    store.putRecord(NAMESPACE, id, RecordCodec.endpoint(endpoint));
    return endpoint;
  }

  /** The endpoint with this id. */
  public Optional<WebhookEndpoint> get(String id) {
    return store.record(NAMESPACE, id).map(value -> RecordCodec.endpoint(id, value));
  }

  /** Every endpoint, by id. */
  public List<WebhookEndpoint> list() {
    List<WebhookEndpoint> all = new ArrayList<>();
    String after = "";
    for (List<StoredRecord> page; !(page = store.records(NAMESPACE, after, 1000)).isEmpty(); ) {
      for (StoredRecord record : page) {
        all.add(RecordCodec.endpoint(record.key(), record.value()));
        after = record.key();
      }
    }
    return all;
  }

  /** The endpoints of one tenant, by id. */
  public List<WebhookEndpoint> list(String tenant) {
    return list().stream().filter(endpoint -> endpoint.tenant().equals(tenant)).toList();
  }

  /**
   * Removes an endpoint: no event is delivered to it any more (a relay stops within its rescan interval). Its
   * dead events stay until discarded.
   *
   * @return whether it was registered
   */
  public boolean remove(String id) {
    Optional<WebhookEndpoint> endpoint = get(id);
    if (endpoint.isEmpty() || !store.removeRecord(NAMESPACE, id)) {
      return false;
    }
    forgetPosition(endpoint.get());
    return true;
  }

  /** Drops the endpoint's consumer position unless a relay of this service still has it open (it drops it then). */
  void forgetPosition(WebhookEndpoint endpoint) {
    try {
      events.forget(endpoint.consumerName());
    } catch (IllegalStateException stillOpen) {
      // the relay running in this service forgets it when it stops the endpoint's worker
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
