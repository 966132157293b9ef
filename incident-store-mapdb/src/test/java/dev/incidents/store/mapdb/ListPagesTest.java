package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.NewIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import org.junit.jupiter.api.Test;

/**
 * Pages are read forwards over a window below the cursor that doubles until it holds a page; this checks
 * the windows that must grow, across a gap of spent numbers wider than several pages.
 */
class ListPagesTest {

  @Test
  void a_page_reaches_across_a_gap_wider_than_the_window() {
    try (MapDbIncidentStore store = MapDbIncidentStore.inMemory()) {
      for (int i = 0; i < 3; i++) {
        store.create(incident("acme", "before"));
      }
      NewIncident failing = new NewIncident("acme", null, null, number -> {
        throw new IllegalStateException("spends number " + number);
      });
      for (int i = 0; i < 40; i++) {
        assertThatThrownBy(() -> store.create(failing)).isInstanceOf(IllegalStateException.class);
      }
      for (int i = 0; i < 3; i++) {
        store.create(incident("acme", "after"));
      }

      assertThat(store.list("acme", NewIncidents.below(Long.MAX_VALUE, 5))).extracting(StoredIncident::number)
          .containsExactly(46L, 45L, 44L, 3L, 2L);
      assertThat(store.list("acme", NewIncidents.below(44, 5))).extracting(StoredIncident::number).containsExactly(3L, 2L, 1L);
      assertThat(store.list("acme", NewIncidents.below(2, 5))).extracting(StoredIncident::number).containsExactly(1L);
      assertThat(store.list("acme", NewIncidents.below(1, 5))).isEmpty();
      assertThat(store.list("acme", NewIncidents.below(Long.MAX_VALUE, 1)).get(0).document())
          .isEqualTo(NewIncidents.document(46, "after"));
    }
  }
}
