package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.error.BadRequestException;
import dev.incidents.events.EventConsumer;
import dev.incidents.events.EventType;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.StartAt;
import dev.incidents.events.Subscription;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Events and durable consumers (docs/CONTRACT.md section 13) over the in-memory store. */
class EventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RequestContext ACME = Fixture.SYS;
  private static final RequestContext GLOBEX = RequestContext.of("globex", "SYSU-1");

  private final MutableClock clock = MutableClock.atGeneratorsNow();
  private final InMemoryIncidentStore store = new InMemoryIncidentStore();
  private IncidentService service = build();

  private IncidentService build() {
    return Incidents.builder().store(store).clock(clock).recordEvents(true).build();
  }

  private Incident create(RequestContext context, String title) {
    return service.create(context, IncidentCreateRequest.builder().title(title).build());
  }

  private static JsonNode json(IncidentEvent event) throws Exception {
    return JSON.readTree(event.json());
  }

  private static JsonNode json(byte[] body) throws Exception {
    return JSON.readTree(body);
  }

  /** Clause 13.1: the webhook shapes, with tenant and sequence. */
  @Test
  void eventsHaveTheWebhookShapes() throws Exception {
    Incident created = create(ACME, "Checkout is down");
    JsonNode asCreated = json(service.json().get("acme", "SYSU-1", "INC-1").body()).get("incident");
    service.update(ACME, IncidentUpdateRequest.builder("INC-1").title("Checkout is slow").build());
    Incident updated = service.get(ACME, "INC-1");
    service.delete(ACME, "INC-1");

    List<IncidentEvent> events = service.events().read(0, 10);
    assertThat(events).extracting(IncidentEvent::type)
        .containsExactly(EventType.INCIDENT_CREATED, EventType.INCIDENT_UPDATED, EventType.INCIDENT_DELETED);
    assertThat(events).extracting(IncidentEvent::tenant).containsOnly("acme");
    assertThat(events).extracting(IncidentEvent::sequence).isSorted().doesNotHaveDuplicates();

    JsonNode first = json(events.get(0));
    assertThat(first.fieldNames()).toIterable()
        .containsExactly("id", "type", "timestamp", "tenant", "incident_created", "sequence");
    assertThat(first.get("type").asText()).isEqualTo("incident_created");
    assertThat(first.get("id").asText()).isEqualTo(events.get(0).id());
    assertThat(first.get("timestamp").asText()).isEqualTo(asCreated.get("created_date").asText());
    assertThat(first.get("tenant").asText()).isEqualTo("acme");
    assertThat(first.get("sequence").asLong()).isEqualTo(events.get(0).sequence());
    assertThat(first.get("incident_created").get("incident")).as("the incident as get returned it")
        .isEqualTo(asCreated);

    JsonNode second = json(events.get(1));
    assertThat(second.get("incident_updated").get("old_incident").get("title").asText()).isEqualTo("Checkout is down");
    assertThat(second.get("incident_updated").get("incident").get("title").asText()).isEqualTo(updated.title());

    JsonNode third = json(events.get(2));
    assertThat(third.get("incident_deleted").get("id").asText()).isEqualTo(created.id());
    assertThat(third.get("incident_deleted").get("old_incident").get("title").asText()).isEqualTo("Checkout is slow");
    assertThat(events).extracting(IncidentEvent::id).doesNotHaveDuplicates();
  }

  /** Clause 13.1: a rejected change stores no event, and without recordEvents nothing is recorded. */
  @Test
  void rejectedChangesAndServicesWithoutEventsRecordNone() {
    assertThatThrownBy(() -> service.create(ACME, IncidentCreateRequest.builder().title("").build()))
        .isInstanceOf(BadRequestException.class);
    assertThat(service.events().read(0, 10)).isEmpty();
    IncidentService silent = Incidents.builder().store(store).build();
    silent.create(ACME, IncidentCreateRequest.builder().title("quiet").build());
    assertThat(silent.events().lastSequence()).isZero();
    assertThat(service.events().read(0, 10)).isEmpty();
  }

  /** Clause 13.2: a consumer resumes after its last acknowledgement, also in a new service over the store. */
  @Test
  void aConsumerResumesAfterItsLastAcknowledgement() throws Exception {
    for (int i = 0; i < 5; i++) {
      create(i % 2 == 0 ? ACME : GLOBEX, "t" + i);
    }
    try (EventConsumer consumer = service.events().consumer("pager", StartAt.BEGINNING)) {
      List<IncidentEvent> polled = consumer.poll(3);
      assertThat(polled).hasSize(3);
      consumer.acknowledge(polled.get(1));
      assertThat(consumer.poll(10)).hasSize(2);
      assertThat(consumer.acknowledged()).isEqualTo(polled.get(1).sequence());
    }
    service = build();
    try (EventConsumer consumer = service.events().consumer("pager", StartAt.NOW)) {
      List<IncidentEvent> again = consumer.poll(10);
      assertThat(again).extracting(IncidentEvent::sequence).containsExactly(3L, 4L, 5L);
      assertThat(again).extracting(IncidentEvent::tenant).containsExactly("acme", "globex", "acme");
      consumer.acknowledge(again.get(2));
    }
    assertThat(service.events().positions()).containsEntry("pager", 5L);
  }

  /** Clause 13.2: from now skips what was stored before the consumer was first opened, and keeps that at once. */
  @Test
  void fromNowStartsAfterTheLastStoredEvent() throws Exception {
    create(ACME, "before");
    try (EventConsumer consumer = service.events().consumer("late", StartAt.NOW)) {
      assertThat(consumer.poll(10)).isEmpty();
    }
    create(ACME, "after");
    try (EventConsumer consumer = service.events().consumer("late", StartAt.NOW)) {
      List<IncidentEvent> events = consumer.poll(10, Duration.ofSeconds(30));
      assertThat(events).hasSize(1);
      assertThat(json(events.get(0)).get("incident_created").get("incident").get("title").asText()).isEqualTo("after");
    }
  }

  @Test
  void rewindOffersUnacknowledgedEventsAgainAndAcknowledgingAheadIsRefused() {
    create(ACME, "a");
    create(ACME, "b");
    try (EventConsumer consumer = service.events().consumer("c", StartAt.BEGINNING)) {
      List<IncidentEvent> first = consumer.poll(1);
      consumer.acknowledge(first.get(0));
      IncidentEvent second = consumer.poll(1).get(0);
      consumer.rewind();
      assertThat(consumer.poll(5)).containsExactly(second);
      create(ACME, "c");
      IncidentEvent later = service.events().read(second.sequence(), 1).get(0);
      assertThatThrownBy(() -> consumer.acknowledge(later)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was not polled yet");
      consumer.acknowledge(first.get(0)); // behind the position: no change
      assertThat(consumer.acknowledged()).isEqualTo(first.get(0).sequence());
    }
  }

  @Test
  void oneInstanceOfANameAtATimeAndNamesAreChecked() {
    try (EventConsumer consumer = service.events().consumer("only", StartAt.NOW)) {
      assertThatThrownBy(() -> service.events().consumer("only", StartAt.NOW))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
      assertThatThrownBy(() -> service.events().forget("only")).isInstanceOf(IllegalStateException.class);
    }
    assertThat(service.events().forget("only")).isTrue();
    assertThatThrownBy(() -> service.events().consumer("no spaces", StartAt.NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A-Z a-z 0-9 _ . : -");
    assertThatThrownBy(() -> service.events().consumer("", StartAt.NOW)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Events every consumer acknowledged go; a consumer behind holds the rest back. */
  @Test
  void pruneRemovesWhatEveryConsumerAcknowledged() {
    assertThat(service.events().prune()).as("no consumer yet: nothing is known to be seen").isZero();
    for (int i = 0; i < 4; i++) {
      create(ACME, "t" + i);
    }
    try (EventConsumer fast = service.events().consumer("fast", StartAt.BEGINNING);
        EventConsumer slow = service.events().consumer("slow", StartAt.BEGINNING)) {
      List<IncidentEvent> all = fast.poll(10);
      fast.acknowledge(all.get(3));
      slow.acknowledge(slow.poll(2).get(1));
      assertThat(service.events().prune()).isEqualTo(2);
      assertThat(service.events().read(0, 10)).extracting(IncidentEvent::sequence).containsExactly(3L, 4L);
    }
  }

  /** Clause 13.2: a handler that blocks or fails holds up no create, and gets its event again until it succeeds. */
  @Test
  void aBlockedOrFailingSubscriptionNeverHoldsUpCreates() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch allSeen = new CountDownLatch(1);
    AtomicInteger failuresLeft = new AtomicInteger(3);
    List<Long> handled = Collections.synchronizedList(new ArrayList<>());
    int creates = 50;
    try (Subscription subscription = service.events().subscribe("flaky", StartAt.BEGINNING, event -> {
      release.await();
      if (event.sequence() == 2 && failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("the pager is down");
      }
      handled.add(event.sequence());
      if (handled.size() == creates) {
        allSeen.countDown();
      }
    })) {
      for (int i = 0; i < creates; i++) {
        create(ACME, "t" + i); // would hang here if the handler held writers up
      }
      release.countDown();
      assertThat(allSeen.await(60, TimeUnit.SECONDS)).as("every event handled").isTrue();
      assertThat(handled).as("in order, each once, the failed one after its retries")
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, creates).boxed().toList());
      assertThat(failuresLeft.get()).isNegative();
    }
    assertThat(service.events().positions()).containsEntry("flaky", (long) creates);
  }

  // ---- docs/EVENTS.md's consumer example --------------------------------------------------------

  private final List<String> searchIndex = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch paged = new CountDownLatch(1);

  private void index(String tenant, String json) {
    searchIndex.add(tenant + " " + json);
  }

  private void page(IncidentEvent event) {
    paged.countDown();
  }

  /** docs/EVENTS.md, "Durable consumers": the lines between the markers are the example, verbatim. */
  private Subscription eventsDocExample() throws Exception {
    // EVENTS.md example begins
    try (EventConsumer consumer = service.events().consumer("search-index", StartAt.BEGINNING)) {
      List<IncidentEvent> page = consumer.poll(100, Duration.ofSeconds(1));
      for (IncidentEvent event : page) {
        index(event.tenant(), event.jsonText());
      }
      if (!page.isEmpty()) {
        consumer.acknowledge(page.get(page.size() - 1));   // the position is kept in the store: one write per page
      }
    }

    // or on a thread of its own: each event is handed to the handler, offered again while it throws, and each
    // batch of up to 100 is acknowledged once handled
    Subscription pager = service.events().subscribe("pager", StartAt.NOW, event -> page(event));
    // EVENTS.md example ends
    return pager;
  }

  @Test
  void theEventsDocExampleIndexesAPageAndKeepsItsPosition() throws Exception {
    for (int i = 0; i < 3; i++) {
      create(ACME, "t" + i);
    }
    try (Subscription pager = eventsDocExample()) {
      assertThat(searchIndex).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("acme {\"id\""));
      assertThat(service.events().positions()).containsEntry("search-index", 3L);
      create(ACME, "after the pager subscribed");
      assertThat(paged.await(60, TimeUnit.SECONDS)).as("the pager got the event of a create after it subscribed").isTrue();
    }
  }

  @Test
  void theEventsDocShowsExactlyThisExample() throws Exception {
    String example = DocExamples.between(java.nio.file.Path.of("src/test/java/dev/incidents/EventsTest.java"),
        "EVENTS.md example begins", "EVENTS.md example ends");
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/EVENTS.md"));
    assertThat(doc).as("docs/EVENTS.md must show EventsTest's example verbatim").contains("```java\n" + example + "```\n");
  }

  /**
   * Clause 13.2: closing a subscription acknowledges every event its handler returned from, also those of a
   * batch not yet acknowledged (closed from its own handler here, so that the close lands between the handler's
   * return and the batch's acknowledgement every time; the close of the test above races for that moment).
   */
  @Test
  void closingASubscriptionAcknowledgesWhatItsHandlerReturnedFrom() throws Exception {
    for (int i = 0; i < 5; i++) {
      create(ACME, "t" + i);
    }
    AtomicReference<Subscription> self = new AtomicReference<>();
    CountDownLatch subscribed = new CountDownLatch(1);
    CountDownLatch closedItself = new CountDownLatch(1);
    Subscription subscription = service.events().subscribe("closing", StartAt.BEGINNING, event -> {
      subscribed.await();
      if (event.sequence() == 3) {
        self.get().close();
        closedItself.countDown();
      }
    });
    self.set(subscription);
    subscribed.countDown();
    assertThat(closedItself.await(60, TimeUnit.SECONDS)).as("the handler reached event 3").isTrue();
    subscription.close();
    assertThat(service.events().positions()).as("events 1 to 3 were handled; 4 and 5 were not")
        .containsEntry("closing", 3L);
  }

  /**
   * Clause 13.2: a subscription acknowledges each batch once it is handled, not each event (every
   * acknowledgement is a store write), and while its handler fails on one event it keeps the events before it.
   */
  @Test
  void aSubscriptionAcknowledgesABatchAtATimeAndKeepsWhatItHandledBeforeAFailure() throws Exception {
    AtomicInteger positionWrites = new AtomicInteger();
    InMemoryIncidentStore counted = new InMemoryIncidentStore();
    service = Incidents.builder().store(new ForwardingIncidentStore(counted) {
      @Override
      public void putRecord(String namespace, String key, byte[] value) {
        positionWrites.incrementAndGet();
        super.putRecord(namespace, key, value);
      }
    }).clock(clock).recordEvents(true).build();
    int creates = 250;
    for (int i = 0; i < creates; i++) {
      create(ACME, "t" + i);
    }
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Subscription subscription = service.events().subscribe("batched", StartAt.BEGINNING, event -> {
      if (event.sequence() == 150 && release.getCount() > 0) {
        stuck.countDown();
        throw new IllegalStateException("the pager is down");
      }
    })) {
      assertThat(stuck.await(60, TimeUnit.SECONDS)).as("the handler reached event 150").isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (subscription.acknowledged() < 149 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(subscription.acknowledged()).as("the events before the failing one are kept while it fails")
          .isEqualTo(149);
      release.countDown();
      while (subscription.acknowledged() < creates && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(subscription.acknowledged()).isEqualTo(creates);
    }
    // The position's first write, then at most one per batch of 100 and one for the part before the failure.
    assertThat(positionWrites.get()).isLessThanOrEqualTo(1 + 3 + 1);
  }
}
