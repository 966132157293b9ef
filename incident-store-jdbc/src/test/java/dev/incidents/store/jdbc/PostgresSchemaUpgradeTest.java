package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaUpgradeTest extends SchemaUpgradeTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  DataSource emptySchema() {
    return DATABASE.dataSource(DATABASE.newSchema());
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Test
  void a_version_3_schema_with_events_upgrades_to_lz4_payloads_and_a_unique_index_of_numbered_sequences()
      throws SQLException {
    DataSource dataSource = emptySchema();
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(dataSource)
        .locations(dialect().migrationLocation()).table(Migrations.HISTORY_TABLE)
        .baselineOnMigrate(true).baselineVersion("0").target("3").load().migrate();
    String large = "x".repeat(5_000);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      // Two events numbered and one pending, as a store of version 3 leaves them.
      insertEvent(connection, 1L, "{\"n\":1,\"pad\":\"" + large + "\"}");
      insertEvent(connection, 2L, "{\"n\":2}");
      insertEvent(connection, null, "{\"n\":3}");
      try (PreparedStatement last = connection.prepareStatement(
          "UPDATE incident_event_sequencer SET last_sequence = 2 WHERE id = 1")) {
        last.executeUpdate();
      }
    }

    try (JdbcIncidentStore store = JdbcIncidentStore.builder(dataSource).build()) {
      assertThat(history(dataSource)).endsWith("3", "4");
      assertThat(store.lastEventSequence()).isEqualTo(3);
      assertThat(store.events(0, 10)).extracting(event -> new String(event.payload(), StandardCharsets.UTF_8))
          .containsExactly("{\"n\":1,\"pad\":\"" + large + "\"}", "{\"n\":2}", "{\"n\":3}");
      try (Connection connection = dataSource.getConnection()) {
        assertThat(single(connection, "SELECT attcompression FROM pg_attribute "
            + "WHERE attrelid = 'incident_events'::regclass AND attname = 'payload'")).isEqualTo("l");
        assertThat(single(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'incident_events' "
            + "AND schemaname = current_schema() AND indexname = 'incident_events_sequence_uq'"))
            .contains("UNIQUE").contains("WHERE (sequence IS NOT NULL)");
      }
      // A sequence given twice is still refused.
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        Throwable duplicate = org.assertj.core.api.Assertions.catchThrowable(
            () -> insertEvent(connection, 2L, "{}"));
        assertThat(duplicate).isInstanceOf(SQLException.class).hasMessageContaining("incident_events_sequence_uq");
      }
      assertThat(store.events(2, 10)).extracting(StoredEvent::sequence).containsExactly(3L);
    }
  }

  private static void insertEvent(Connection connection, Long sequence, String payload) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO incident_events (sequence, tenant, payload) VALUES (?, 'acme', ?)")) {
      insert.setObject(1, sequence, java.sql.Types.BIGINT);
      insert.setBytes(2, payload.getBytes(StandardCharsets.UTF_8));
      insert.executeUpdate();
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }
}
