package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.events.EventConsumer;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.StartAt;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredIncident;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during a burst of creates while a durable consumer runs ({@link ConsumerCrashChild}), over and over on
 * one file; after each kill, a new service over the reopened store drains the same consumer (docs/CONTRACT.md
 * section 13). In the end the consumer has received exactly one event per stored incident: none missing, none
 * without its incident, and an event received twice only if its acknowledgement had not returned before the
 * kill. {@value #DEFAULT_ROUNDS} rounds by default; {@code -Dincidents.mapdb.consumerCrashRounds=50} for more.
 */
class ConsumerCrashTest {

  private static final int DEFAULT_ROUNDS = 5;

  @TempDir Path dir;

  /** Event id to how many times the consumer received it. */
  private final Map<String, Integer> received = new HashMap<>();
  /** The position the last drain acknowledged: a child never receives an event at or before it. */
  private long drained;

  @Test
  void theConsumerEndsWithExactlyOneEventPerStoredIncident() throws Exception {
    int rounds = Integer.getInteger("incidents.mapdb.consumerCrashRounds", DEFAULT_ROUNDS);
    Path file = dir.resolve("incidents.db");
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 1; round <= rounds; round++) {
      int acksBeforeKill = 20 + random.nextInt(300);
      int lingerMillis = random.nextInt(30);
      String what = "round " + round + " of " + rounds + " (seed " + seed + ", kill after " + acksBeforeKill
          + " acknowledgements + " + lingerMillis + " ms)";
      long acknowledged = runAndKill(file, "r" + round, acksBeforeKill, lingerMillis, what);
      drainAndCheck(file, acknowledged, what);
    }
  }

  /** Runs the child until the consumer acknowledged enough, kills it; the last acknowledgement that returned. */
  private long runAndKill(Path file, String run, int acksBeforeKill, int lingerMillis, String what)
      throws IOException, InterruptedException {
    long[] lastAck = {0};
    int[] acks = {0};
    try (ChildJvm child = ChildJvm.start(ConsumerCrashChild.class, dir.resolve(run + ".err"), file.toString(), run)) {
      child.runUntilKilled(line -> {
        if (line.startsWith("error ")) {
          fail(what + ": the child failed: " + line);
        }
        String[] parts = line.split(" ");
        if (!parts[parts.length - 1].equals(".")) {
          return false; // torn by the kill
        }
        if (parts[0].equals("recv") && parts.length == 4) {
          assertThat(Long.parseLong(parts[1])).as("%s: %s came again after the drain acknowledged it", what, line)
              .isGreaterThan(drained);
          received.merge(parts[2], 1, Integer::sum);
        } else if (parts[0].equals("ack") && parts.length == 3) {
          long sequence = Long.parseLong(parts[1]);
          assertThat(sequence).as("%s: acknowledgements in order", what).isGreaterThan(lastAck[0]);
          lastAck[0] = sequence;
          acks[0]++;
        }
        return acks[0] >= acksBeforeKill;
      }, lingerMillis, what);
    }
    return lastAck[0];
  }

  /**
   * Drains the consumer in a new service over the reopened store: nothing at or before the last acknowledgement
   * that returned comes again; then the events received so far must be exactly the stored incidents' creations.
   */
  private void drainAndCheck(Path file, long acknowledged, String what) {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      IncidentService service = Incidents.builder().store(store).recordEvents(true).build();
      try (EventConsumer consumer = service.events().consumer(ConsumerCrashChild.CONSUMER, StartAt.BEGINNING)) {
        assertThat(consumer.acknowledged()).as("%s: the position survived", what).isGreaterThanOrEqualTo(acknowledged);
        for (List<IncidentEvent> page; !(page = consumer.poll(1000)).isEmpty(); ) {
          for (IncidentEvent event : page) {
            assertThat(event.sequence()).as("%s: %s, acknowledged before the kill, came again", what, event)
                .isGreaterThan(acknowledged);
            received.merge(event.id(), 1, Integer::sum);
          }
          consumer.acknowledge(page.get(page.size() - 1));
        }
        drained = consumer.acknowledged();
      }
      Set<String> stored = new HashSet<>();
      for (String tenant : ConsumerCrashChild.TENANTS) {
        for (ListQuery query = ListQuery.newest(1000); ; ) {
          List<StoredIncident> page = store.list(tenant, query);
          page.forEach(incident -> stored.add("evt:" + tenant + ":" + incident.number() + ":1"));
          if (page.size() < query.limit()) {
            break;
          }
          query = query.after(page.get(page.size() - 1).number());
        }
      }
      assertThat(received.keySet()).as("%s: one event per stored incident, none missing, none without its incident",
          what).containsExactlyInAnyOrderElementsOf(stored);
      // Counted per round: an event is received at most once before its acknowledgement returns and once after
      // the restart; anything more is a duplicate of an acknowledged event.
      received.replaceAll((id, count) -> {
        assertThat(count).as("%s: %s received %d times", what, id, count).isLessThanOrEqualTo(2);
        return 1;
      });
    }
  }
}
