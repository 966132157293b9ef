package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.events.EventConsumer;
import dev.incidents.events.EventType;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.StartAt;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.testing.MutableClock;
import dev.incidents.testing.Theories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Any mix of creates, updates and deletes in two tenants, interleaved with a consumer that polls, acknowledges,
 * rewinds and restarts (a new service over the same store) at random: every change has exactly one event, the
 * consumer receives each event again only after a restart or rewind and only if unacknowledged, and receives
 * each incident's events in the order of its changes (docs/CONTRACT.md section 13).
 */
class EventsPropertiesTest {

  private static final String[] TENANTS = {"acme", "globex"};

  @Test
  void aConsumerReceivesEveryChangeOnceInOrderAcrossRestarts() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 80))
        .checkAssert(EventsPropertiesTest::run);
  }

  private static void run(List<Integer> script) {
    InMemoryIncidentStore store = new InMemoryIncidentStore();
    MutableClock clock = MutableClock.atGeneratorsNow();
    IncidentService service = Incidents.builder().store(store).clock(clock).recordEvents(true).build();
    EventConsumer consumer = service.events().consumer("model", StartAt.BEGINNING);
    Map<String, List<String>> live = new HashMap<>();
    List<String> changes = new ArrayList<>(); // the event id of every committed change, in order
    List<IncidentEvent> received = new ArrayList<>();
    long acknowledged = 0;
    long lastPolled = 0;
    IncidentEvent lastPolledEvent = null; // since the last restart or rewind
    for (int step = 0; step < script.size(); step++) {
      int op = script.get(step);
      String tenant = TENANTS[op % 2];
      RequestContext context = RequestContext.of(tenant, "SYSU-1");
      List<String> mine = live.computeIfAbsent(tenant, t -> new ArrayList<>());
      if (op < 40 || mine.isEmpty() && op < 65) {
        String id = service.create(context, IncidentCreateRequest.builder().title("t" + step).build()).displayId();
        mine.add(id);
        changes.add("evt:" + tenant + ":" + id.substring(4) + ":1");
      } else if (op < 60) {
        String id = mine.get(op % mine.size());
        long version = service.update(context, IncidentUpdateRequest.builder(id).title("u" + step).build()).version();
        changes.add("evt:" + tenant + ":" + id.substring(4) + ":" + version);
      } else if (op < 65) {
        String id = mine.remove(op % mine.size());
        long version = versionOf(service, context, id);
        service.delete(context, id);
        changes.add("evt:" + tenant + ":" + id.substring(4) + ":" + (version + 1));
      } else if (op < 80) {
        for (IncidentEvent event : consumer.poll(1 + op % 5)) {
          assertThat(event.sequence()).as("received after the last polled").isGreaterThan(lastPolled);
          lastPolled = event.sequence();
          lastPolledEvent = event;
          received.add(event);
        }
      } else if (op < 90) {
        if (lastPolledEvent != null) {
          consumer.acknowledge(lastPolledEvent);
          acknowledged = Math.max(acknowledged, lastPolledEvent.sequence());
        }
      } else if (op < 95) {
        consumer.close();
        service = Incidents.builder().store(store).clock(clock).recordEvents(true).build();
        consumer = service.events().consumer("model", op % 2 == 0 ? StartAt.NOW : StartAt.BEGINNING);
        lastPolled = acknowledged;
        lastPolledEvent = null;
      } else {
        consumer.rewind();
        lastPolled = acknowledged;
        lastPolledEvent = null;
      }
      assertThat(consumer.acknowledged()).isEqualTo(acknowledged);
    }
    for (List<IncidentEvent> page; !(page = consumer.poll(7)).isEmpty(); ) {
      for (IncidentEvent event : page) {
        assertThat(event.sequence()).isGreaterThan(lastPolled);
        lastPolled = event.sequence();
        received.add(event);
      }
    }
    consumer.close();
    Set<String> distinct = new LinkedHashSet<>();
    Map<String, Long> versions = new HashMap<>();
    for (IncidentEvent event : received) {
      if (!distinct.add(event.id())) {
        continue;
      }
      String[] parts = event.id().split(":");
      String incident = parts[1] + ":" + parts[2];
      long version = Long.parseLong(parts[3]);
      assertThat(version).as("events of %s in the order of its changes", incident)
          .isEqualTo(versions.getOrDefault(incident, 0L) + 1);
      versions.put(incident, version);
      assertThat(event.tenant()).isEqualTo(parts[1]);
      assertThat(event.type() == EventType.INCIDENT_CREATED).isEqualTo(version == 1);
    }
    assertThat(distinct).as("one event per change, none missing, none extra").containsExactlyInAnyOrderElementsOf(changes);
    assertThat(service.events().read(0, 10_000)).hasSize(changes.size());
  }

  private static long versionOf(IncidentService service, RequestContext context, String id) {
    return service.getVersioned(context, id).version();
  }
}
