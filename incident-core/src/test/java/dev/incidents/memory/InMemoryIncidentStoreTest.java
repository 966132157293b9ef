package dev.incidents.memory;

import dev.incidents.spi.ListQuery;
import dev.incidents.testing.Renderings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SPI rules the in-memory store keeps on its own; the TCK checks the whole contract. */
class InMemoryIncidentStoreTest {

  private final InMemoryIncidentStore store = new InMemoryIncidentStore();

  private static NewIncident doc(String tenant, String key, String text) {
    return new NewIncident(tenant, key, key == null ? null : "f-" + text,
        Renderings.text(n -> text + "#" + n));
  }

  @Test
  void aRendererThatThrowsLeavesNothingAndItsNumberIsNeverReused() {
    assertThatThrownBy(() -> store.create(new NewIncident("t", "k", "f", n -> {
      throw new IllegalStateException("boom");
    }))).hasMessage("boom");
    assertThat(store.get("t", 1)).isEmpty();
    CreateResult next = store.create(doc("t", "k", "b"));
    assertThat(next).isInstanceOf(CreateResult.Created.class);
    assertThat(next.number()).isEqualTo(2);
  }

  @Test
  void aKeyReplaysWithTheFirstFingerprint() {
    StoredIncident first = ((CreateResult.Created) store.create(doc("t", "k", "a"))).incident();
    CreateResult replay = store.create(doc("t", "k", "b"));
    assertThat(replay).isEqualTo(new CreateResult.Replayed(first, "f-a"));
  }

  @Test
  void listsNewestFirstBelowTheCursor() {
    for (int i = 0; i < 5; i++) {
      store.create(doc("t", null, "x"));
    }
    assertThat(store.list("t", ListQuery.newest(2))).extracting(StoredIncident::number).containsExactly(5L, 4L);
    assertThat(store.list("t", ListQuery.newest(10).after(4))).extracting(StoredIncident::number).containsExactly(3L, 2L, 1L);
    assertThat(store.list("other", ListQuery.newest(10))).isEmpty();
  }

  @Test
  void aClosedStoreRefusesCalls() {
    store.close();
    assertThatThrownBy(() -> store.get("t", 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
