package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaced and removed values give their space back: MapDB 1.0.9's B-trees never free the record of a value
 * kept outside the nodes, so the store frees it ({@link ValueRecords}). Without that, 100 updates of a
 * 100 KB document grew the data file by 10 MB.
 */
class SpaceReuseTest {

  private static final byte[] BIG = ("{\"pad\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static RenderedIncident big(String event) {
    return new RenderedIncident(BIG, NewIncidents.PLAIN, event.repeat(10_000).getBytes(StandardCharsets.UTF_8));
  }

  private long dataSize(Path file) throws IOException {
    return Files.size(Path.of(file + ".p"));
  }

  @Test
  void updatesDeletesAndPrunedEventsReuseTheirSpace() throws IOException {
    Path file = dir.resolve("incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.create(new NewIncident("t", n -> big("c")));
      for (int version = 1; version <= 100; version++) {
        store.update(new IncidentUpdate("t", 1, version, big("u")));
      }
      assertThat(dataSize(file)).as("100 updates of a 100 KB document with a 10 KB event").isLessThan(5_000_000);
      store.pruneEvents(store.lastEventSequence());
      long before = dataSize(file);

      // Deleting and creating in turn, and pruning the events as a consumer would, keeps the file as it is.
      for (int round = 0; round < 20; round++) {
        List<NewIncident> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          batch.add(new NewIncident("t", n -> big("c")));
        }
        long first = store.createAll(batch).get(0).number();
        for (long number = first; number < first + 5; number++) {
          store.delete(new IncidentDeletion("t", number, 1, "d".getBytes(StandardCharsets.UTF_8)));
        }
        store.pruneEvents(store.lastEventSequence());
      }
      assertThat(dataSize(file)).as("100 incidents of 100 KB created and deleted, their events pruned")
          .isLessThan(before + 3_000_000);
      assertThat(store.get("t", 1).orElseThrow().version()).isEqualTo(101);
    }
  }
}
