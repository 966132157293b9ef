package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidents.IncidentStores;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.IncidentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read a store's files, and what opening an existing store only leaves behind. */
class FileAccessTest {

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aNewStoreAndTheDirectoriesItCreatesAreTheOwnersOnly() throws IOException {
    Path file = dir.resolve("a/b/incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.create(NewIncidents.incident("t", "one"));
    }
    // Opened again: MapDB replays and resets its log, and nothing it rewrites gets looser.
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.create(NewIncidents.incident("t", "two"));
    }

    assertThat(permissions(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(permissions(dir.resolve("a/b"))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir.resolve("a/b"))) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .containsExactlyInAnyOrder("incidents.db", "incidents.db.p", "incidents.db.t", "incidents.db.lock");
    }
    for (String name : new String[] {"incidents.db", "incidents.db.p", "incidents.db.t", "incidents.db.lock"}) {
      assertThat(permissions(dir.resolve("a/b").resolve(name))).as(name).isEqualTo("rw-------");
    }
  }

  @Test
  void anExistingDirectoryAndExistingFilesKeepTheirPermissions() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    Path file = dir.resolve("incidents.db");
    MapDbIncidentStore.open(file).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    MapDbIncidentStore.open(file).close();

    assertThat(permissions(dir)).as("a directory the store did not create").isEqualTo("rwxr-x---");
    assertThat(permissions(file)).as("an owner's choice for an existing file").isEqualTo("rw-r-----");
    assertThat(permissions(dir.resolve("incidents.db.p"))).isEqualTo("rw-------");
  }

  @Test
  void openingAnExistingStoreOnlyCreatesNothingWhereThereIsNone() throws IOException {
    Path missing = dir.resolve("mistyped/incidents.db");

    assertThatThrownBy(() -> MapDbIncidentStore.openExisting(missing)).isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("service_unavailable: there is no incident store at " + missing + " (no such directory: "
            + missing.getParent() + "); it was opened to read an existing store, so nothing was created");
    assertThatThrownBy(() -> MapDbIncidentStore.openExisting(dir.resolve("incidents.db")))
        .hasMessageContaining("(no such file)");
    Files.createFile(dir.resolve("empty.db"));
    assertThatThrownBy(() -> MapDbIncidentStore.openExisting(dir.resolve("empty.db")))
        .hasMessageContaining("(the file is empty)");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("what opening left in %s", dir).containsExactly(dir.resolve("empty.db"));
    }
  }

  @Test
  void openingAnExistingStoreOnlyReadsIt() {
    Path file = dir.resolve("incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.create(NewIncidents.incident("t", "one"));
    }

    try (MapDbIncidentStore store = MapDbIncidentStore.openExisting(file)) {
      assertThat(store.get("t", 1)).isPresent();
    }
  }

  @Test
  void theProviderOpensAnExistingStoreOnlyWithCreateFalse() {
    Path file = dir.resolve("incidents.db");
    assertThatThrownBy(() -> IncidentStores.open("mapdb:" + file, Map.of("create", "false")))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("there is no incident store at " + file);
    assertThat(file).doesNotExist();

    try (IncidentStore store = IncidentStores.open("mapdb:" + file, Map.of("create", "true"))) {
      store.create(NewIncidents.incident("t", "one"));
    }
    try (IncidentStore store = IncidentStores.open("mapdb:" + file, Map.of("create", "false"))) {
      assertThat(store.get("t", 1)).isPresent();
    }
    try (IncidentStore store = IncidentStores.open("mapdb:memory", Map.of("create", "false"))) {
      assertThat(store.get("t", 1)).as("a store in memory has no files to find").isEmpty();
    }
    assertThatThrownBy(() -> IncidentStores.open("mapdb:" + file, Map.of("create", "no")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("option create must be true or false, got 'no'");
  }
}
