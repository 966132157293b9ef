package dev.incidents.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.events.EventType;
import dev.incidents.events.IncidentEvent;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against a local receiver that fails, stalls and recovers (docs/CONTRACT.md clause 13.3): every
 * event is delivered, in order per tenant, with valid signatures; an endpoint that keeps failing gets each event
 * exactly {@value #MAX_ATTEMPTS} times, then the events are dead, listed, and delivered by a replay.
 */
class WebhookDeliveryTest {

  private static final int MAX_ATTEMPTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RequestContext ACME = RequestContext.of("acme", "SYSU-1");
  private static final RequestContext GLOBEX = RequestContext.of("globex", "SYSU-1");

  private final InMemoryIncidentStore store = new InMemoryIncidentStore();
  private final IncidentService service = Incidents.builder().store(store).recordEvents(true).build();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    toClose.add(resource);
    return resource;
  }

  private WebhookRelay relay() {
    return relay(MAX_ATTEMPTS, Duration.ofMillis(300));
  }

  private WebhookRelay relay(int maxAttempts, Duration requestTimeout) {
    return closing(WebhookRelay.builder(store, service.events())
        .maxAttempts(maxAttempts)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
        .requestTimeout(requestTimeout)
        .rescanInterval(Duration.ofMillis(20))
        .build());
  }

  /** The events of a tenant, in sequence order. */
  private List<IncidentEvent> events(String tenant) {
    return service.events().read(0, 10_000).stream().filter(event -> event.tenant().equals(tenant)).toList();
  }

  private void changes(RequestContext context, int creates) {
    for (int i = 0; i < creates; i++) {
      String id = service.create(context, IncidentCreateRequest.builder().title("t" + i).build()).displayId();
      if (i % 3 == 0) {
        service.update(context, IncidentUpdateRequest.builder(id).title("u" + i).build());
      }
      if (i % 4 == 0) {
        service.delete(context, id);
      }
    }
  }

  @RepeatedTest(3)
  void everyEventArrivesInOrderSignedThroughFailuresAndStalls() throws Exception {
    TestReceiver receiver = closing(new TestReceiver());
    // Fails 3 times, stalls once (beyond the request timeout), then recovers, failing every 4th request after that:
    // the first event takes 5 attempts, the others at most 2. The bound leaves room for a failure that never
    // reaches the receiver (a kept-alive connection the server closed), which is a failed attempt too.
    URI url = receiver.path("/acme", n -> n < 3 ? TestReceiver.Answer.FAIL : n == 3 ? TestReceiver.Answer.STALL
        : n > 4 && n % 4 == 0 ? TestReceiver.Answer.FAIL : TestReceiver.Answer.ACCEPT);
    URI other = receiver.path("/globex", n -> n % 2 == 0 ? TestReceiver.Answer.FAIL : TestReceiver.Answer.ACCEPT);
    WebhookRelay relay = relay(12, Duration.ofSeconds(1));
    WebhookEndpoint acme = relay.endpoints().add("acme", url, null, EnumSet.allOf(EventType.class));
    WebhookEndpoint globex = relay.endpoints().add("globex", other, null, EnumSet.of(EventType.INCIDENT_CREATED));
    receiver.secret("/acme", acme.secret());
    receiver.secret("/globex", globex.secret());
    relay.start();

    changes(ACME, 20);
    changes(GLOBEX, 10);

    List<IncidentEvent> acmeEvents = events("acme");
    List<IncidentEvent> globexCreated = events("globex").stream()
        .filter(event -> event.type() == EventType.INCIDENT_CREATED).toList();
    assertThat(acmeEvents).hasSize(20 + 7 + 5);
    List<TestReceiver.Request> acmeAccepted = receiver.awaitAccepted("/acme", acmeEvents.size());
    List<TestReceiver.Request> globexAccepted = receiver.awaitAccepted("/globex", globexCreated.size());

    assertThat(acmeAccepted).extracting(TestReceiver.Request::webhookId).as("every event, in order; dead: %s",
        relay.deadEvents().list())
        .containsExactlyElementsOf(acmeEvents.stream().map(IncidentEvent::id).toList());
    assertThat(globexAccepted).extracting(TestReceiver.Request::webhookId).as("only the types asked for")
        .containsExactlyElementsOf(globexCreated.stream().map(IncidentEvent::id).toList());
    for (int i = 0; i < acmeEvents.size(); i++) {
      assertThat(acmeAccepted.get(i).body()).isEqualTo(acmeEvents.get(i).json());
    }
    assertThat(receiver.requests("/acme")).extracting(TestReceiver.Request::verified).as("valid signatures")
        .containsOnly(true);
    assertThat(receiver.requests("/globex")).extracting(TestReceiver.Request::verified).containsOnly(true);
    JsonNode first = JSON.readTree(acmeAccepted.get(0).body());
    assertThat(first.get("type").asText()).isEqualTo("incident_created");
    assertThat(first.get("sequence").asLong()).isEqualTo(acmeEvents.get(0).sequence());
    assertThat(relay.deadEvents().list()).isEmpty();
  }

  @RepeatedTest(3)
  void eventsDieAfterTheBoundAndReplay() throws Exception {
    TestReceiver receiver = closing(new TestReceiver());
    URI url = receiver.path("/down", n -> TestReceiver.Answer.FAIL);
    WebhookRelay relay = relay();
    WebhookEndpoint endpoint = relay.endpoints().add("acme", url, null, EnumSet.allOf(EventType.class));
    receiver.secret("/down", endpoint.secret());
    relay.start();
    changes(ACME, 3);
    List<IncidentEvent> events = events("acme");
    assertThat(events).hasSize(3 + 1 + 1);

    await(() -> relay.deadEvents().list(endpoint.id()).size() == events.size(), "every event dead");
    List<DeadEvent> dead = relay.deadEvents().list(endpoint.id());
    assertThat(dead).extracting(DeadEvent::sequence).containsExactlyElementsOf(
        events.stream().map(IncidentEvent::sequence).toList());
    assertThat(dead).extracting(DeadEvent::attempts).containsOnly(MAX_ATTEMPTS);
    assertThat(dead).extracting(DeadEvent::lastError).allMatch(error -> !error.isEmpty()).anyMatch(
        error -> error.contains("HTTP 503"));
    assertThat(dead.get(0).json()).isEqualTo(events.get(0).json());
    assertThat(receiver.requests("/down")).as("no more than the bound (fewer if a request never got there)")
        .hasSizeLessThanOrEqualTo(events.size() * MAX_ATTEMPTS);
    assertThat(receiver.requests("/down")).extracting(TestReceiver.Request::verified).containsOnly(true);

    // Still down: a replay counts its attempts and keeps the event dead.
    assertThat(relay.deadEvents().replay(endpoint.id(), dead.get(0).sequence())).isFalse();
    assertThat(relay.deadEvents().list(endpoint.id()).get(0).attempts()).isEqualTo(2 * MAX_ATTEMPTS);

    receiver.script("/down", n -> TestReceiver.Answer.ACCEPT);
    for (DeadEvent event : dead) {
      assertThat(relay.deadEvents().replay(endpoint.id(), event.sequence())).isTrue();
    }
    assertThat(relay.deadEvents().list()).isEmpty();
    assertThat(receiver.awaitAccepted("/down", events.size())).extracting(TestReceiver.Request::webhookId)
        .containsExactlyElementsOf(events.stream().map(IncidentEvent::id).toList());
    assertThatThrownBy(() -> relay.deadEvents().replay(endpoint.id(), 999)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no dead event 999");
  }

  @Test
  void aRemovedEndpointGetsNothingMore() throws Exception {
    TestReceiver receiver = closing(new TestReceiver());
    URI url = receiver.path("/gone", n -> TestReceiver.Answer.ACCEPT);
    WebhookRelay relay = relay();
    WebhookEndpoint endpoint = relay.endpoints().add("acme", url, null, EnumSet.allOf(EventType.class));
    receiver.secret("/gone", endpoint.secret());
    relay.start();
    assertThat(relay.activeEndpoints()).isEqualTo(1);
    changes(ACME, 1); // created, updated, deleted
    List<IncidentEvent> before = events("acme");
    assertThat(receiver.awaitAccepted("/gone", before.size())).hasSize(before.size());
    assertThat(relay.endpoints().remove(endpoint.id())).isTrue();
    await(() -> relay.activeEndpoints() == 0, "the relay stopped the endpoint's worker");
    changes(ACME, 1);
    assertThat(relay.endpoints().list()).isEmpty();
    assertThat(service.events().positions()).doesNotContainKey(endpoint.consumerName());
    relay.close();
    assertThat(events("acme")).hasSize(before.size() + 3);
    assertThat(receiver.requests("/gone").stream().map(TestReceiver.Request::webhookId).distinct().toList())
        .as("only the events before").containsExactlyElementsOf(before.stream().map(IncidentEvent::id).toList());
  }

  @Test
  void endpointsAreCheckedAndKeptInTheStore() {
    WebhookRelay relay = relay();
    assertThatThrownBy(() -> relay.endpoints().add("no tenant!", URI.create("ftp://x"), "whsec_short",
        EnumSet.noneOf(EventType.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant must match")
        .hasMessageContaining("url must be an absolute http or https URL")
        .hasMessageContaining("whsec_")
        .hasMessageContaining("eventTypes must name at least one");
    WebhookEndpoint added = relay.endpoints().add("acme", URI.create("https://hooks.example.com/in"),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", EnumSet.of(EventType.INCIDENT_DELETED));
    WebhookEndpoints again = new WebhookEndpoints(store, service.events());
    assertThat(again.get(added.id())).contains(added);
    assertThat(again.list("acme")).containsExactly(added);
    assertThat(again.list("globex")).isEmpty();
    assertThat(added.toString()).doesNotContain("MfKQ9r8");
  }

  /** Polls a condition the relay's threads make true, for a minute at most. */
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("waited a minute for: " + what).isTrue();
      Thread.sleep(10);
    }
  }
}
