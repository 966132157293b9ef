package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Engine;
import org.mapdb.Fun;
import org.mapdb.StoreWAL;
import org.mapdb.Volume;

/**
 * The process dies after MapDB sealed and synced a commit's log but before it copied the log into the
 * store: the next open must replay that commit and then go on from the replayed state. (MapDB 1.0.9
 * replays it, but keeps the store header it read before replaying, and would write that stale header back
 * at the next commit, overwriting what the replay restored; the crash test found this.)
 */
class SealedLogTest {

  @TempDir Path dir;

  /** Opens the store's files with plain MapDB, whose commits can be made to stop right after the log is sealed. */
  private static final class CrashingMaker extends DBMaker<CrashingMaker> {
    private boolean crash;

    @Override
    protected Engine extendStoreWAL(Volume.Factory volumes) {
      return new StoreWAL(volumes, false, false, 5, false, -1, true, false, null, false, 0) {
        @Override
        protected void replayLogFile() {
          if (crash) {
            throw new IllegalStateException("simulated crash: the log is sealed and synced, nothing is replayed");
          }
          super.replayLogFile();
        }
      };
    }
  }

  @Test
  void aSealedCommitIsReplayedAndTheStoreGoesOnFromIt() throws IOException {
    Path crashed = dir.resolve("crashed/incidents.db");
    StoredIncident first;
    try (MapDbIncidentStore store = MapDbIncidentStore.open(crashed)) {
      first = NewIncidents.created(store.create(CrashChild.incident("t", null, "first")));
    }
    byte[] second = CrashChild.incident("t", null, "second").render(2).document();
    CrashingMaker maker = new CrashingMaker();
    DB db = maker._newFileDB(crashed.toFile()).mmapFileEnablePartial().checksumEnable().make();
    BTreeMap<Fun.Tuple2<String, Long>, byte[]> documents = db.getTreeMap(Database.DOCUMENTS);
    BTreeMap<String, Long> counters = db.getTreeMap(Database.COUNTERS);
    BTreeMap<Fun.Tuple2<String, Long>, byte[]> facets = db.getTreeMap(Database.FACETS);
    documents.put(Fun.t2("t", 2L), second);
    facets.put(Fun.t2("t", 2L), FacetRecord.encode(NewIncidents.PLAIN));
    counters.put("t", 2L);
    maker.crash = true;
    assertThatThrownBy(db::commit).hasMessageStartingWith("simulated crash");
    // What a power cut or kill -9 would leave on disk at this moment:
    Path restarted = dir.resolve("restarted/incidents.db");
    Files.createDirectories(restarted.getParent());
    for (String suffix : List.of("", ".p", ".t")) {
      Files.copy(Path.of(crashed + suffix), Path.of(restarted + suffix));
    }
    maker.crash = false;
    db.close();

    List<StoredIncident> expected = new ArrayList<>(List.of(first, new StoredIncident("t", 2, 1, second)));
    try (MapDbIncidentStore store = MapDbIncidentStore.open(restarted)) {
      assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 10))).containsExactly(expected.get(1), expected.get(0));
      List<NewIncident> more = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        more.add(CrashChild.incident("t", "key-" + i, "after the restart " + i));
      }
      for (CreateResult result : store.createAll(more)) {
        expected.add(NewIncidents.created(result));
      }
      assertThat(store.list("t", NewIncidents.below(Long.MAX_VALUE, 1_000))).hasSize(1_000).allSatisfy(stored ->
          assertThat(stored).isEqualTo(expected.get((int) stored.number() - 1)));
    }
    try (MapDbIncidentStore store = MapDbIncidentStore.open(restarted)) {
      for (StoredIncident incident : expected) {
        assertThat(store.get("t", incident.number())).contains(incident);
      }
    }
  }
}
