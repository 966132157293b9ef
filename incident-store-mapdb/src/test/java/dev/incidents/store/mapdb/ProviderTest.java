package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider, found through ServiceLoader as an application would find it. */
class ProviderTest {

  @TempDir Path dir;

  @Test
  void opensAFileStoreFromItsUrl() {
    Path file = dir.resolve("incidents.db");
    try (IncidentStore store = IncidentStores.open("mapdb:" + file)) {
      assertThat(store).isInstanceOf(MapDbIncidentStore.class).hasToString("MapDbIncidentStore[mapdb:" + file + "]");
      store.create(NewIncidents.incident("t", "one"));
    }
    assertThat(file).isNotEmptyFile();
    try (IncidentStore store = IncidentStores.open("mapdb:" + file)) {
      assertThat(store.get("t", 1)).isPresent();
    }
  }

  @Test
  void opensAStoreInMemory() {
    try (IncidentStore store = IncidentStores.open("mapdb:memory")) {
      assertThat(store).hasToString("MapDbIncidentStore[mapdb:memory]");
      assertThat(store.create(NewIncidents.incident("t", "one")).number()).isEqualTo(1);
    }
  }

  @Test
  void claimsEveryMapDbUrlAndNoOther() {
    MapDbStoreProvider provider = new MapDbStoreProvider();
    assertThat(provider.accepts("mapdb:memory")).isTrue();
    assertThat(provider.accepts("mapdb:./incidents.db")).isTrue();
    assertThat(provider.accepts("mapdb:")).isTrue();
    assertThat(provider.accepts("memory:")).isFalse();
    assertThat(provider.accepts("jdbc:h2:mem:x")).isFalse();
    assertThat(provider.urlForms()).isEqualTo("mapdb:PATH, mapdb:memory");
  }

  @Test
  void rejectsAUrlWithoutAPath() {
    assertThatThrownBy(() -> IncidentStores.open("mapdb:"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mapdb:' names no file");
  }

  @Test
  void rejectsEveryOptionButCreate() {
    assertThatThrownBy(() -> IncidentStores.open("mapdb:memory", Map.of("user", "sa", "create", "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the MapDB store takes one option, create, got [user]");
  }
}
