package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.events.IncidentEvent;
import dev.incidents.events.StartAt;
import dev.incidents.events.Subscription;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Eight writers create, update and delete in two tenants while a subscription runs (docs/CONTRACT.md section 13):
 * it receives every change exactly once, in sequence order, and each incident's events in the order of its
 * changes.
 */
class EventsConcurrencyTest {

  private static final int WRITERS = 8;
  private static final int CREATES = 30;
  private static final int UPDATED = 10;
  private static final int UPDATES_EACH = 2;
  private static final int DELETED = 5;
  private static final int CHANGES = WRITERS * (CREATES + UPDATED * UPDATES_EACH + DELETED);

  @RepeatedTest(3)
  void eightWritersAndAConsumerThatMissesNothing() throws Exception {
    InMemoryIncidentStore store = new InMemoryIncidentStore();
    IncidentService service = Incidents.builder().store(store).recordEvents(true).build();
    List<IncidentEvent> received = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch allReceived = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (Subscription subscription = service.events().subscribe("watcher", StartAt.BEGINNING, event -> {
      received.add(event);
      if (received.size() == CHANGES) {
        allReceived.countDown();
      }
    })) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        RequestContext context = RequestContext.of(w % 2 == 0 ? "acme" : "globex", "SYSU-1");
        int writer = w;
        writers.add(pool.submit(() -> {
          start.await();
          return write(service, context, writer);
        }));
      }
      start.countDown();
      Set<String> expected = new HashSet<>();
      for (Future<List<String>> writer : writers) {
        expected.addAll(writer.get());
      }
      assertThat(expected).hasSize(CHANGES);
      assertThat(allReceived.await(120, TimeUnit.SECONDS)).as("received %d of %d events", received.size(), CHANGES)
          .isTrue();
      List<IncidentEvent> events;
      synchronized (received) {
        events = new ArrayList<>(received);
      }
      assertThat(events).extracting(IncidentEvent::sequence).as("sequence order").isSorted().doesNotHaveDuplicates();
      assertThat(events).extracting(IncidentEvent::id).as("every change once")
          .containsExactlyInAnyOrderElementsOf(expected);
      Map<String, Long> versions = new HashMap<>();
      for (IncidentEvent event : events) {
        String[] parts = event.id().split(":");
        String incident = parts[1] + ":" + parts[2];
        long version = Long.parseLong(parts[3]);
        assertThat(version).as("events of %s in the order of its changes", incident)
            .isEqualTo(versions.getOrDefault(incident, 0L) + 1);
        versions.put(incident, version);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(service.events().positions()).containsEntry("watcher", service.events().lastSequence());
  }

  /** One writer's changes; returns the ids of the events they must have produced. */
  private static List<String> write(IncidentService service, RequestContext context, int writer) {
    List<String> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CREATES; i++) {
      String id = service.create(context, IncidentCreateRequest.builder().title("w" + writer + " " + i).build())
          .displayId();
      ids.add(id);
      events.add(eventId(context, id, 1));
    }
    for (int round = 0; round < UPDATES_EACH; round++) {
      for (int i = 0; i < UPDATED; i++) {
        long version = service.update(context, IncidentUpdateRequest.builder(ids.get(i)).title("r" + round).build())
            .version();
        events.add(eventId(context, ids.get(i), version));
      }
    }
    for (int i = 0; i < DELETED; i++) {
      service.delete(context, ids.get(i));
      events.add(eventId(context, ids.get(i), 1 + UPDATES_EACH + 1));
    }
    return events;
  }

  private static String eventId(RequestContext context, String displayId, long version) {
    return "evt:" + context.tenant() + ":" + displayId.substring(4) + ":" + version;
  }
}
