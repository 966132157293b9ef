package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events in commit order, byte for byte, pruned and kept across reopen; service records likewise. */
class EventsAndRecordsTest {

  @TempDir Path dir;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static RenderedIncident withEvent(long number, String event) {
    return new RenderedIncident(NewIncidents.document(number, event), NewIncidents.PLAIN, utf8(event));
  }

  private static List<String> payloads(List<StoredEvent> events) {
    return events.stream().map(e -> e.tenant() + ":" + new String(e.payload(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void eventsComeInCommitOrderAndSurvivePruningAndReopen() {
    Path file = dir.resolve("incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.lastEventSequence()).isZero();
      assertThat(store.events(0, 10)).isEmpty();
      store.create(new NewIncident("acme", n -> withEvent(n, "created 1")));
      store.create(NewIncidents.incident("acme", "no event"));
      store.createAll(List.of(new NewIncident("globex", n -> withEvent(n, "created g1")),
          new NewIncident("acme", n -> withEvent(n, "created " + n))));
      store.update(new IncidentUpdate("acme", 1, 1, withEvent(1, "updated 1")));
      store.delete(new IncidentDeletion("acme", 2, 1, utf8("deleted 2 \u2713")));

      List<StoredEvent> events = store.events(0, 100);
      assertThat(payloads(events)).containsExactly("acme:created 1", "globex:created g1", "acme:created 3",
          "acme:updated 1", "acme:deleted 2 \u2713");
      assertThat(events).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
      assertThat(store.lastEventSequence()).isEqualTo(events.get(4).sequence());
      assertThat(payloads(store.events(events.get(1).sequence(), 2))).containsExactly("acme:created 3", "acme:updated 1");

      assertThat(store.pruneEvents(events.get(1).sequence())).isEqualTo(2);
      assertThat(store.pruneEvents(events.get(1).sequence())).isZero();
      assertThat(payloads(store.events(0, 100))).containsExactly("acme:created 3", "acme:updated 1",
          "acme:deleted 2 \u2713");
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      List<StoredEvent> kept = store.events(0, 100);
      assertThat(payloads(kept)).containsExactly("acme:created 3", "acme:updated 1", "acme:deleted 2 \u2713");
      long last = store.lastEventSequence();
      assertThat(store.pruneEvents(Long.MAX_VALUE)).isEqualTo(3);
      assertThat(store.events(0, 100)).isEmpty();
      store.create(new NewIncident("acme", n -> withEvent(n, "after")));
      assertThat(store.events(0, 100)).singleElement().satisfies(e -> assertThat(e.sequence()).isGreaterThan(last));
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(payloads(store.events(0, 100))).containsExactly("acme:after");
    }
  }

  @Test
  void pruningManyEventsTakesSeveralCommits() {
    try (MapDbIncidentStore store = MapDbIncidentStore.inMemory()) {
      List<NewIncident> batch = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        batch.add(new NewIncident("acme", n -> withEvent(n, "e" + n)));
      }
      store.createAll(batch);
      assertThat(store.pruneEvents(2_400)).isEqualTo(2_400);
      assertThat(store.events(0, 10_000)).hasSize(100).first().extracting(StoredEvent::sequence).isEqualTo(2_401L);
    }
  }

  @Test
  void recordsAreKeptByNamespaceInKeyOrder() {
    Path file = dir.resolve("records.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.record("positions", "a")).isEmpty();
      store.putRecord("positions", "b", utf8("2"));
      store.putRecord("positions", "a", utf8("1"));
      store.putRecord("positions", "c", utf8("3"));
      store.putRecord("positions", "a", utf8("one"));
      store.putRecord("webhooks", "a", utf8("other namespace"));
      assertThat(store.removeRecord("positions", "c")).isTrue();
      assertThat(store.removeRecord("positions", "c")).isFalse();
      assertThat(store.record("positions", "a")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("one")));
      assertThat(store.records("positions", "", 10)).containsExactly(new StoredRecord("a", utf8("one")),
          new StoredRecord("b", utf8("2")));
      assertThat(store.records("positions", "a", 10)).containsExactly(new StoredRecord("b", utf8("2")));
      assertThat(store.records("positions", "", 1)).containsExactly(new StoredRecord("a", utf8("one")));
      assertThat(store.records("position", "", 10)).isEmpty();
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.records("positions", "", 10)).containsExactly(new StoredRecord("a", utf8("one")),
          new StoredRecord("b", utf8("2")));
      assertThat(store.records("webhooks", "", 10)).containsExactly(new StoredRecord("a", utf8("other namespace")));
    }
  }
}
