package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ServiceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/** A file that is not a healthy incident store gets an error that says so, never an empty store. */
class FileCheckTest {

  @TempDir Path dir;

  private Path store(String... titles) {
    Path file = dir.resolve("incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      for (String title : titles) {
        store.create(NewIncidents.incident("t", title));
      }
    }
    return file;
  }

  private static DB openPlainMapDb(Path file) {
    return DBMaker.newFileDB(file.toFile()).mmapFileEnablePartial().checksumEnable().make();
  }

  @Test
  void aForeignFileIsRefusedAndLeftAsItWas() throws IOException {
    Path file = dir.resolve("notes.db");
    byte[] content = "just some notes, certainly not a MapDB store".getBytes(StandardCharsets.UTF_8);
    Files.write(file, content);

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining(file + " is not a file of a MapDB 1.0 incident store");
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(dir.resolve("notes.db.p")).doesNotExist();
  }

  /** Fills {@code db} as another application might, and closes it. */
  private static void storeUsers(DB db) {
    db.getTreeMap("users").put("ann", "admin");
    db.commit();
    db.close();
  }

  @Test
  void anotherApplicationsMapDbFileIsRefused() {
    Path file = dir.resolve("other.db");
    storeUsers(openPlainMapDb(file));

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("is a MapDB file of something else (it holds [users]");
  }

  @Test
  void aMapDbFileWithOtherSettingsIsRefused() {
    Path file = dir.resolve("other.db");
    storeUsers(DBMaker.newFileDB(file.toFile()).make());

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("MapDB cannot read it").hasMessageContaining("different features");
  }

  @Test
  void aNewerFormatIsRefused() {
    Path file = store("one");
    DB db = openPlainMapDb(file);
    BTreeMap<String, String> meta = db.getTreeMap(Database.META);
    meta.put("version", "3");
    db.commit();
    db.close();

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("format version 3").hasMessageContaining("reads format versions 1 to 2");
  }

  /** Development builds of format 2 kept one set entry per posting; no release wrote such a file. */
  @Test
  void aDevelopmentFileWithPostingsAsASetIsRefusedByName() {
    Path file = store("one");
    DB db = openPlainMapDb(file);
    db.delete(Database.POSTINGS);
    db.createTreeSet(Database.POSTINGS).serializer(BTreeKeySerializer.TUPLE3).make();
    db.commit();
    db.close();

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("written by a development build of format version 2")
        .hasMessageContaining("'incidents.postings' is a TreeSet");
  }

  @Test
  void aMissingDataFileIsNamed() throws IOException {
    Path file = store("one");
    Files.delete(dir.resolve("incidents.db.p"));

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("the data file " + file + ".p").hasMessageContaining("missing");
  }

  @Test
  void companionsWithoutTheirMainFileAreNotTakenForANewStore() throws IOException {
    Path file = store("one");
    Files.delete(file);

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining(file + " is missing or empty, but " + file + ".p");
  }

  /** Flips a bit in the first record of the data file that holds {@code text}. */
  private void damage(String text) throws IOException {
    Path data = dir.resolve("incidents.db.p");
    byte[] bytes = Files.readAllBytes(data);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text);
    assertThat(at).as("where %s is in %s", text, data).isPositive();
    bytes[at] ^= 0x01;
    Files.write(data, bytes);
  }

  @Test
  void aDamagedRecordOfTheStoreItselfIsReportedWhenOpening() throws IOException {
    Path file = store("one");
    damage(Database.FORMAT);

    assertThatThrownBy(() -> MapDbIncidentStore.open(file))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("cannot open the incident store " + file).hasMessageContaining("damaged");
    assertThatThrownBy(() -> MapDbIncidentStore.open(file)).as("the lock was released")
        .hasMessageNotContaining("in use");
  }

  @Test
  void aDamagedDocumentIsReportedNotReturned() throws IOException {
    Path file = store("the one with a findable title");
    damage("findable");

    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThatThrownBy(() -> store.get("t", 1))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("failed to read an incident").hasMessageContaining("Checksum does not match");
    }
  }

  @Test
  void anEmptyFileBecomesANewStore() throws IOException {
    Path file = Files.createFile(dir.resolve("incidents.db"));
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(store.create(NewIncidents.incident("t", "one")).number()).isEqualTo(1);
    }
  }

  @Test
  void missingDirectoriesAreCreated() {
    Path file = dir.resolve("a/b/incidents.db");
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.create(NewIncidents.incident("t", "one"));
    }
    assertThat(file).isNotEmptyFile();
    assertThat(dir.resolve("a/b/incidents.db.p")).isNotEmptyFile();
    assertThat(dir.resolve("a/b/incidents.db.lock")).exists();
  }

  @Test
  void aDirectoryIsRefused() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("incidents"));
    assertThatThrownBy(() -> MapDbIncidentStore.open(directory))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("is a directory");
    assertThat(dir.resolve("incidents.lock")).doesNotExist();
  }
}
