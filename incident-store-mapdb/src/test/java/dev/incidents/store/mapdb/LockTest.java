package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ServiceUnavailableException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A store's files belong to one store at a time: a second opener fails fast and says who holds them. */
@Timeout(120)
class LockTest {

  @TempDir Path dir;

  @Test
  void aSecondStoreInThisJvmIsRefused() {
    Path file = dir.resolve("incidents.db");
    try (MapDbIncidentStore first = MapDbIncidentStore.open(file)) {
      first.create(NewIncidents.incident("t", "one"));

      // Another spelling of the same path is the same file.
      Path sameFile = dir.resolve("sub/../incidents.db");
      assertThatThrownBy(() -> MapDbIncidentStore.open(sameFile))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("already open in this JVM")
          .hasMessageContaining(file + ".lock");
      assertThat(first.create(NewIncidents.incident("t", "two")).number()).isEqualTo(2);
    }
    try (MapDbIncidentStore again = MapDbIncidentStore.open(file)) {
      assertThat(again.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).hasSize(2);
    }
  }

  @Test
  void aStoreHeldByAnotherProcessIsRefusedUntilThatProcessLetsGo() throws Exception {
    Path file = dir.resolve("incidents.db");
    try (ChildJvm other = ChildJvm.start(LockHolder.class, dir.resolve("child.err"), file.toString())) {
      assertThat(other.readLine()).isEqualTo("open");

      assertThatThrownBy(() -> MapDbIncidentStore.open(file))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("in use by another process (pid " + other.process.pid() + ")")
          .hasMessageContaining(file + ".lock");

      other.process.getOutputStream().close();
      assertThat(other.process.waitFor(300, TimeUnit.SECONDS)).as("the holder ended (within 300 s)").isTrue();
      assertThat(other.process.exitValue()).isZero();
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.get("t", 1)).isPresent();
    }
  }

  @Test
  void aKilledHolderLeavesTheStoreOpenable() throws Exception {
    Path file = dir.resolve("incidents.db");
    try (ChildJvm other = ChildJvm.start(LockHolder.class, dir.resolve("child.err"), file.toString())) {
      assertThat(other.readLine()).isEqualTo("open");
      other.kill();
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.get("t", 1)).isPresent();
    }
  }
}
