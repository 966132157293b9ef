package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sequencer's bounds, made small: a read numbers a bounded backlog, the last sequence all of it. */
class EventTablesTest {

  /** Chunks of 3, at most 7 per read: 20 events are three chunks, then more than one read's worth. */
  private final EventTables events = new EventTables(Dialect.H2, 3, 7);
  private JdbcDataSource dataSource;

  @BeforeEach
  void migrate() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL(TestStores.h2MemoryUrl());
    Migrations.migrate(dataSource, Dialect.H2);
    try (Connection connection = dataSource.getConnection()) {
      List<EventTables.Pending> pending = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        pending.add(new EventTables.Pending("acme", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
      }
      events.insert(connection, pending);
    }
  }

  @Test
  void aReadNumbersWholeChunksUpToItsBoundAndTheLastSequenceNumbersTheRest() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(events.sequencePending(connection)).as("three chunks of 3 reach the bound of 7").isEqualTo(9);
      assertThat(events.after(connection, 0, 100)).extracting(StoredEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
      assertThat(events.sequenceAllPending(connection)).isEqualTo(20);
      List<StoredEvent> all = events.after(connection, 0, 100);
      assertThat(all).extracting(StoredEvent::sequence).containsExactly(
          1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
      assertThat(all).extracting(event -> new String(event.payload(), StandardCharsets.UTF_8))
          .as("numbered in the order they were written").startsWith("{\"n\":1}", "{\"n\":2}").endsWith("{\"n\":20}");
      assertThat(events.sequenceAllPending(connection)).as("nothing left to number").isEqualTo(20);
    }
  }
}
