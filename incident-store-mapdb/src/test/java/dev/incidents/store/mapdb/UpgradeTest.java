package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.RequestContext;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/**
 * A store written by format version 1 opens, upgrades in place and keeps everything. The fixture
 * {@code format-1-store.zip} holds the three files of a real version-1 store, made with the CLI of the
 * release before format version 2 ({@code main} at commit b116bc2: {@code ./mvnw -DskipTests package},
 * then {@code incident --store mapdb:v1.db --tenant T create [--idempotency-key K]} for each request of
 * {@link #CREATED}, in that order), zipped because MapDB's index file is a mostly empty megabyte.
 */
class UpgradeTest {

  /** What was created, in order: tenant, idempotency key (or null), request. */
  private static final List<List<String>> CREATED = List.of(
      List.of("acme", "checkout-1", "{\"title\": \"Checkout is down\", \"severity\": 0, \"owned_by\": [\"DEVU-7\"], "
          + "\"applies_to_parts\": [\"PROD-1\"]}"),
      List.of("acme", "", "{\"title\": \"Search is slow\", \"severity\": 2, \"owned_by\": [\"DEVU-8\"]}"),
      List.of("acme", "login-1", "{\"title\": \"Login fails\", \"severity\": 1, \"owned_by\": [\"DEVU-7\",\"DEVU-9\"], "
          + "\"applies_to_parts\": [\"PROD-2\"], \"stage\": {\"stage\": \"mitigated\"}, "
          + "\"target_close_date\": \"2026-12-01T12:00:00.000Z\"}"),
      List.of("acme", "", "{\"title\": \"Emails delayed\"}"),
      List.of("globex", "outage-1", "{\"title\": \"Globex outage\", \"severity\": 0}"),
      List.of("globex", "", "{\"title\": \"Globex minor\"}"));

  @TempDir Path dir;

  private Path unpackFixture() throws IOException {
    try (InputStream zip = UpgradeTest.class.getResourceAsStream("format-1-store.zip");
        ZipInputStream entries = new ZipInputStream(zip)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        Files.copy(entries, dir.resolve(entry.getName()));
      }
    }
    return dir.resolve("v1.db");
  }

  private static String version(Path file) {
    DB db = DBMaker.newFileDB(file.toFile()).mmapFileEnablePartial().checksumEnable().readOnly().make();
    try {
      BTreeMap<String, String> meta = db.getTreeMap(Database.META);
      return meta.get("version");
    } finally {
      db.close();
    }
  }

  private static FacetFilter owner(String don) {
    return new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(don), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static FacetFilter severity(long severity) {
    return new FacetFilter(Set.of(severity), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  @Test
  void aVersion1StoreIsUpgradedInPlaceAndKeepsEverything() throws IOException {
    Path file = unpackFixture();
    assertThat(version(file)).isEqualTo("1");

    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(version(file)).as("upgraded when opened").isEqualTo("2");

      // Everything reads back, at version 1, in both tenants.
      List<StoredIncident> acme = store.list("acme", ListQuery.newest(10));
      assertThat(acme).extracting(StoredIncident::number).containsExactly(4L, 3L, 2L, 1L);
      assertThat(acme).allSatisfy(incident -> assertThat(incident.version()).isEqualTo(1));
      assertThat(store.list("globex", ListQuery.newest(10))).extracting(StoredIncident::number).containsExactly(2L, 1L);
      for (int i = 0; i < 4; i++) {
        String title = IncidentJson.readCreateRequest(CREATED.get(i).get(2)).title();
        assertThat(new String(store.get("acme", i + 1).orElseThrow().document(), StandardCharsets.UTF_8))
            .contains("\"display_id\":\"INC-" + (i + 1) + "\"", "\"title\":\"" + title + "\"");
      }

      // None has facets yet: all are listed as unindexed, by tenant and number, and filters do not see them.
      assertThat(store.unindexed(1001)).extracting(i -> i.tenant() + " " + i.number())
          .containsExactly("acme 1", "acme 2", "acme 3", "acme 4", "globex 1", "globex 2");
      assertThat(store.unindexed(2)).extracting(i -> i.tenant() + " " + i.number()).containsExactly("acme 1", "acme 2");
      assertThat(store.list("acme", ListQuery.first(severity(0), ListQuery.Order.NEWEST_FIRST, 10))).isEmpty();

      // Keys replay; new numbers continue above the old ones, and new incidents have facets from the start.
      assertThat(store.create(NewIncidents.keyed("globex", "outage-1", "other"))).isInstanceOf(CreateResult.Replayed.class)
          .extracting(CreateResult::number).isEqualTo(1L);
      StoredIncident fifth = NewIncidents.created(store.create(new NewIncident("acme",
          number -> new RenderedIncident(NewIncidents.document(number, "after the upgrade"), NewIncidents.facets(3L),
              null))));
      assertThat(fifth.number()).isEqualTo(5);
      assertThat(store.unindexed(1001)).extracting(StoredIncident::number).doesNotContain(5L);
      // An index made from a version that moved on is skipped; a deleted incident is no longer unindexed, and
      // its key replays as deleted.
      store.index("acme", 3, 2, NewIncidents.facets(3L));
      assertThat(store.delete(new IncidentDeletion("globex", 1, 1, null))).isInstanceOf(DeleteResult.Deleted.class);
      assertThat(store.create(NewIncidents.keyed("globex", "outage-1", "other")))
          .isInstanceOf(CreateResult.ReplayedDeleted.class);
      assertThat(store.unindexed(1001)).extracting(i -> i.tenant() + " " + i.number())
          .containsExactly("acme 1", "acme 2", "acme 3", "acme 4", "globex 2");

      // The service of this version indexes them when it is built, from their documents.
      IncidentService service = Incidents.builder().store(store).build();
      assertThat(store.unindexed(1001)).isEmpty();
      assertThat(store.list("acme", ListQuery.first(severity(0), ListQuery.Order.NEWEST_FIRST, 10)))
          .extracting(StoredIncident::number).containsExactly(1L);
      assertThat(store.list("acme", ListQuery.first(owner("don:identity:local:devo/acme:devu/7"),
          ListQuery.Order.OLDEST_FIRST, 10))).extracting(StoredIncident::number).containsExactly(1L, 3L);
      assertThat(store.list("acme", ListQuery.first(severity(3), ListQuery.Order.NEWEST_FIRST, 10)))
          .extracting(StoredIncident::number).containsExactly(5L);
      assertThat(store.list("acme", ListQuery.newest(10))).extracting(StoredIncident::version).containsOnly(1L);

      // And its keys replay through that service: same request, same fingerprint, the first incident.
      Incident replayed = service.create(RequestContext.of("acme", "DEVU-1"),
          IncidentJson.readCreateRequest(CREATED.get(2).get(2)), IdempotencyKey.of("login-1"));
      assertThat(replayed.displayId()).isEqualTo("INC-3");
    }

    // Reopened, it is a version 2 store like any other: nothing left to index, everything there.
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      assertThat(version(file)).isEqualTo("2");
      assertThat(store.unindexed(1001)).isEmpty();
      assertThat(store.list("acme", ListQuery.newest(10))).extracting(StoredIncident::number)
          .containsExactly(5L, 4L, 3L, 2L, 1L);
      assertThat(store.list("globex", ListQuery.newest(10))).extracting(StoredIncident::number).containsExactly(2L);
      assertThat(store.list("acme", ListQuery.first(severity(1), ListQuery.Order.NEWEST_FIRST, 10)))
          .extracting(StoredIncident::number).containsExactly(3L);
      assertThat(store.create(NewIncidents.incident("globex", "next")).number()).isEqualTo(3);
    }
  }
}
