package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.memory.InMemoryStoreProvider;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentStoresTest {

  @Test
  void opensTheInMemoryStoreByUrl() {
    try (IncidentStore store = IncidentStores.open("memory:")) {
      assertThat(store).isInstanceOf(InMemoryIncidentStore.class);
    }
  }

  @Test
  void aUrlNoProviderAcceptsListsTheProvidersFound() {
    assertThatThrownBy(() -> IncidentStores.open("redis://localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no store provider accepts 'redis://localhost'")
        .hasMessageContaining("memory (memory:)");
  }

  @Test
  void messagesNeverShowAPassword() {
    assertThatThrownBy(() -> IncidentStores.open("nosql://db?user=a&password=s3cret;x=1"))
        .hasMessageContaining("password=***").hasMessageNotContaining("s3cret");
  }

  @Test
  void optionsAreCheckedByTheProvider() {
    assertThatThrownBy(() -> IncidentStores.open("memory:", Map.of("user", "sa")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
  }

  /** A second provider that also claims {@code memory:}. */
  public static final class GreedyProvider implements IncidentStoreProvider {
    @Override
    public String name() {
      return "greedy";
    }

    @Override
    public String urlForms() {
      return "anything";
    }

    @Override
    public boolean accepts(String url) {
      return true;
    }

    @Override
    public IncidentStore open(String url, Map<String, String> options) {
      return new InMemoryIncidentStore();
    }
  }

  @Test
  void twoProvidersClaimingOneUrlIsAnErrorThatNamesBoth(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + IncidentStoreProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, InMemoryStoreProvider.class.getName() + "\n" + GreedyProvider.class.getName() + "\n");
    ClassLoader onlyTheseServices = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        if (name.equals("META-INF/services/" + IncidentStoreProvider.class.getName())) {
          return Collections.enumeration(java.util.List.of(services.toUri().toURL()));
        }
        return super.getResources(name);
      }
    };
    assertThatThrownBy(() -> IncidentStores.provider("memory:", onlyTheseServices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one store provider accepts 'memory:'")
        .hasMessageContaining(InMemoryStoreProvider.class.getName())
        .hasMessageContaining(GreedyProvider.class.getName());
  }
}
