package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A schema written by the store before migration V3 (tables of V1 and V2, rows as that store wrote them)
 * opens with the current store, which upgrades it in place: old incidents read, list, update and delete;
 * filters see them once the service has indexed them through {@code unindexed} and {@code index}
 * (docs/CONTRACT.md clause 14.14.4); numbers and idempotency keys carry on.
 */
abstract class SchemaUpgradeTest {

  /** A data source over a new, empty schema. */
  abstract DataSource emptySchema();

  abstract Dialect dialect();

  private static final String OWNER = "don:identity:dvrv-us-1:devo/1:devu/7";

  @Test
  void a_version_2_schema_upgrades_in_place_and_its_incidents_read_update_filter_and_delete() throws SQLException {
    DataSource dataSource = oldSchema();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      // Exactly what the store wrote before V3: a counter per tenant, and rows of five columns.
      execute(connection, "INSERT INTO incident_counters (tenant, last_number) VALUES ('acme', 3)");
      execute(connection, "INSERT INTO incident_counters (tenant, last_number) VALUES ('other', 1)");
      insertOld(connection, "acme", 1, "key-1", "f".repeat(64));
      insertOld(connection, "acme", 2, null, null);
      insertOld(connection, "acme", 3, null, null);
      insertOld(connection, "other", 1, null, null);
    }

    try (JdbcIncidentStore store = JdbcIncidentStore.builder(dataSource).build()) {
      assertThat(history(dataSource)).endsWith(dialect() == Dialect.POSTGRESQL ? "4" : "3");
      StoredIncident one = store.get("acme", 1).orElseThrow();
      assertThat(one.version()).isEqualTo(1);
      assertThat(Documents.tree(one.document())).isEqualTo(Documents.tree(oldDocument("acme", 1)));
      assertThat(numbers(store.list("acme", ListQuery.newest(10)))).containsExactly(3L, 2L, 1L);
      FacetFilter stage1 = filterOnStage(1);
      assertThat(store.list("acme", ListQuery.first(stage1, ListQuery.Order.OLDEST_FIRST, 10)))
          .as("not indexed yet: no facets to match").isEmpty();

      List<StoredIncident> unindexed = store.unindexed(1001);
      assertThat(unindexed).extracting(i -> i.tenant() + "#" + i.number() + " v" + i.version())
          .containsExactly("acme#1 v1", "acme#2 v1", "acme#3 v1", "other#1 v1");
      assertThat(store.unindexed(2)).hasSize(2);
      for (StoredIncident old : unindexed) {
        store.index(old.tenant(), old.number(), old.version(), facets(old.number() % 2, old.number() == 2));
      }
      store.index("acme", 1, 7, facets(0, false)); // a version that moved on: ignored
      assertThat(store.unindexed(1001)).isEmpty();
      assertThat(numbers(store.list("acme", ListQuery.first(stage1, ListQuery.Order.OLDEST_FIRST, 10))))
          .containsExactly(1L, 3L);
      FacetFilter owned = filterOnOwner();
      assertThat(numbers(store.list("acme", ListQuery.first(owned, ListQuery.Order.NEWEST_FIRST, 10))))
          .containsExactly(2L);
      assertThat(numbers(store.list("other", ListQuery.first(stage1, ListQuery.Order.NEWEST_FIRST, 10))))
          .containsExactly(1L);

      byte[] changed = "{\"display_id\":\"INC-2\",\"title\":\"changed\"}".getBytes(StandardCharsets.UTF_8);
      UpdateResult updated = store.update(new IncidentUpdate("acme", 2, 1,
          new RenderedIncident(changed, facets(1, false), "{\"type\":\"incident_updated\"}".getBytes(StandardCharsets.UTF_8))));
      assertThat(updated).isInstanceOf(UpdateResult.Updated.class);
      assertThat(store.get("acme", 2).orElseThrow().version()).isEqualTo(2);
      assertThat(store.update(new IncidentUpdate("acme", 2, 1, new RenderedIncident(changed, facets(0, false), null))))
          .isInstanceOf(UpdateResult.Stale.class);
      assertThat(numbers(store.list("acme", ListQuery.first(stage1, ListQuery.Order.OLDEST_FIRST, 10))))
          .containsExactly(1L, 2L, 3L);
      assertThat(store.list("acme", ListQuery.first(owned, ListQuery.Order.NEWEST_FIRST, 10))).isEmpty();

      assertThat(store.delete(new IncidentDeletion("acme", 3, 1, null))).isInstanceOf(DeleteResult.Deleted.class);
      assertThat(store.get("acme", 3)).isEmpty();
      assertThat(numbers(store.list("acme", ListQuery.newest(10)))).containsExactly(2L, 1L);

      CreateResult replay = store.create(Documents.keyed("acme", "key-1", "again"));
      assertThat(replay).isInstanceOf(CreateResult.Replayed.class);
      assertThat(((CreateResult.Replayed) replay).fingerprint()).isEqualTo("f".repeat(64));
      assertThat(store.create(Documents.incident("acme", "new")).number()).as("numbers carry on").isEqualTo(4);
      assertThat(store.create(Documents.incident("other", "new")).number()).isEqualTo(2);

      List<StoredEvent> events = store.events(0, 10);
      assertThat(events).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
          .containsExactly("{\"type\":\"incident_updated\"}");
    }
    try (JdbcIncidentStore reopened = JdbcIncidentStore.builder(dataSource).build()) {
      assertThat(history(dataSource)).as("each version applied once")
          .containsExactlyElementsOf(dialect() == Dialect.POSTGRESQL ? List.of("1", "2", "3", "4") : List.of("1", "3"));
      assertThat(reopened.unindexed(10)).isEmpty();
      assertThat(numbers(reopened.list("acme", ListQuery.newest(10)))).containsExactly(4L, 2L, 1L);
    }
  }

  /**
   * An old incident updated or deleted before the service indexed it leaves the backlog: the change wrote its
   * facets (or removed it), so indexing it again would only redo work, or index a tombstone.
   */
  @Test
  void an_old_incident_changed_before_it_is_indexed_leaves_the_backlog() throws SQLException {
    DataSource dataSource = oldSchema();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      execute(connection, "INSERT INTO incident_counters (tenant, last_number) VALUES ('acme', 3)");
      for (long number = 1; number <= 3; number++) {
        insertOld(connection, "acme", number, null, null);
      }
    }
    try (JdbcIncidentStore store = JdbcIncidentStore.builder(dataSource).build()) {
      byte[] changed = "{\"display_id\":\"INC-1\",\"title\":\"changed\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(store.update(new IncidentUpdate("acme", 1, 1, new RenderedIncident(changed, facets(1, true), null))))
          .isInstanceOf(UpdateResult.Updated.class);
      assertThat(store.delete(new IncidentDeletion("acme", 2, 1, null))).isInstanceOf(DeleteResult.Deleted.class);
      assertThat(store.unindexed(10)).extracting(StoredIncident::number).as("only the untouched one").containsExactly(3L);
      FacetFilter owned = filterOnOwner();
      assertThat(numbers(store.list("acme", ListQuery.first(owned, ListQuery.Order.NEWEST_FIRST, 10))))
          .containsExactly(1L);
    }
  }

  /** A new schema migrated as far as the store migrated before V3, with no rows yet. */
  private DataSource oldSchema() {
    DataSource dataSource = emptySchema();
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(dataSource)
        .locations(dialect().migrationLocation()).table(Migrations.HISTORY_TABLE)
        .baselineOnMigrate(true).baselineVersion("0").target(lastOldVersion()).load().migrate();
    return dataSource;
  }

  /** The last migration before V3: V2 on PostgreSQL, V1 on the others (which have no V2). */
  private String lastOldVersion() {
    return dialect() == Dialect.POSTGRESQL ? "2" : "1";
  }

  private static FacetFilter filterOnStage(long stage) {
    return new FacetFilter(Set.of(), Set.of(), Set.of(stage), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static FacetFilter filterOnOwner() {
    return new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(OWNER), Set.of(), Set.of(), Set.of(),
        FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
  }

  private static IncidentFacets facets(long stage, boolean owned) {
    Instant created = Instant.parse("2025-06-01T10:00:00Z");
    return new IncidentFacets(1L, null, stage, stage, owned ? Set.of(OWNER) : Set.of(), Set.of(),
        "don:identity:dvrv-us-1:devo/1:devu/1", null, created, created, null, null);
  }

  private static byte[] oldDocument(String tenant, long number) {
    return ("{\"display_id\":\"INC-" + number + "\",\"tenant\":\"" + tenant + "\",\"severity\":1.5}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void insertOld(Connection connection, String tenant, long number, String key, String fingerprint)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incidents (tenant, number, "
        + "idempotency_key, fingerprint, document) VALUES (?, ?, ?, ?, " + dialect().documentParameter() + ")")) {
      insert.setString(1, tenant);
      insert.setLong(2, number);
      insert.setString(3, key);
      insert.setString(4, fingerprint);
      insert.setString(5, new String(oldDocument(tenant, number), StandardCharsets.UTF_8));
      insert.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    }
  }

  List<String> history(DataSource dataSource) throws SQLException {
    String q = dialect() == Dialect.H2 ? "\"" : "";
    try (Connection connection = dataSource.getConnection();
        ResultSet rs = connection.createStatement().executeQuery("SELECT " + q + "version" + q + " FROM " + q
            + Migrations.HISTORY_TABLE + q + " WHERE " + q + "version" + q + " IS NOT NULL AND " + q + "version" + q
            + " <> '0' ORDER BY " + q + "installed_rank" + q)) {
      List<String> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      return versions;
    }
  }

  private static List<Long> numbers(List<StoredIncident> incidents) {
    return incidents.stream().map(StoredIncident::number).toList();
  }
}
