package dev.incidents.store.jdbc;

import dev.incidents.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code incident_events} and its sequencer (docs/CONTRACT.md clause 14.15), on a connection the
 * caller manages.
 *
 * <p><b>Why a commit-ordered sequencer.</b> A change writes its event in its own transaction with no
 * sequence at all: an insert into a table whose key is a database-generated id, so writers of a tenant (or of
 * the whole store) never wait for one another on a counter row, as the per-tenant counter lock once made
 * PostgreSQL creates wait. Sequences are given afterwards by {@link #sequencePending}, which readers of events
 * run: under the lock of the single {@code incident_event_sequencer} row (taken only by sequencers, never by
 * writers) it numbers the events that are committed and still unnumbered, in id order, above the last
 * sequence it ever gave. A transaction still open is invisible to it, so its event is numbered by a later
 * run, above everything numbered before: no event can appear behind one already handed out, however the
 * writers' commits interleave. Events of one incident are numbered in the order of its changes, because a
 * change can only be written after the previous one committed (compare and set on the version), so its event
 * has a higher id and is never visible without the earlier one. The sequencer row also keeps the last sequence
 * across pruning and reopen, so sequences never go back. The alternative, numbering at insert and reading only
 * up to a horizon below every open transaction, needs each database's view of open transactions (and
 * PostgreSQL's {@code xmin} horizon says nothing about sequence order); this works alike on H2, PostgreSQL and
 * MariaDB.
 */
final class EventTables {

  /** The most events one sequencer statement batch numbers. */
  static final int SEQUENCE_CHUNK = 1_000;
  /** The most events a read of events numbers; the rest wait for the next read. */
  static final int SEQUENCE_MAX = 100_000;

  private final Dialect dialect;
  private final int chunk;
  private final int max;

  EventTables(Dialect dialect) {
    this(dialect, SEQUENCE_CHUNK, SEQUENCE_MAX);
  }

  /** With other bounds, so that tests reach them with a few events. */
  EventTables(Dialect dialect, int chunk, int max) {
    this.dialect = dialect;
    this.chunk = chunk;
    this.max = max;
  }

  /** A payload to write with a change. */
  record Pending(String tenant, byte[] payload) {}

  /** Writes events, unnumbered, in the caller's transaction (the change's own). */
  void insert(Connection connection, List<Pending> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO incident_events (tenant, payload) VALUES (?, ?)")) {
      for (Pending event : events) {
        insert.setString(1, event.tenant());
        insert.setBytes(2, event.payload());
        if (events.size() > 1) {
          insert.addBatch();
        }
      }
      if (events.size() > 1) {
        insert.executeBatch();
      } else {
        insert.executeUpdate();
      }
    }
  }

  /**
   * Numbers the committed, unnumbered events in id order, up to {@link #SEQUENCE_MAX} of them (a read of
   * events needs no more), in the caller's transaction (which commits it), and returns the last sequence given
   * ever. See the class comment for why this never hands out an event behind another.
   */
  long sequencePending(Connection connection) throws SQLException {
    dialect.readCommitted(connection);
    return sequence(connection, Long.MAX_VALUE, max);
  }

  /**
   * Numbers every event committed before the call, however many wait (clause 14.15.5: the last sequence counts
   * them all), and returns the last sequence given ever. Events committed meanwhile may wait for a later call:
   * bounded by the highest id committed at the start, the run ends however fast writers add events.
   */
  long sequenceAllPending(Connection connection) throws SQLException {
    dialect.readCommitted(connection);
    long horizon;
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(id) FROM incident_events");
        ResultSet rs = select.executeQuery()) {
      horizon = rs.next() ? rs.getLong(1) : 0;
    }
    return sequence(connection, horizon, Integer.MAX_VALUE);
  }

  /**
   * Numbers up to {@code most} committed, unnumbered events with ids up to {@code throughId}, in id order, in a
   * transaction already set to read committed.
   */
  private long sequence(Connection connection, long throughId, int most) throws SQLException {
    if (!anyPending(connection)) {
      return last(connection, false);
    }
    long last = last(connection, true);
    int numbered = 0;
    while (numbered < most) {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id FROM incident_events WHERE sequence IS NULL AND id <= ? ORDER BY id LIMIT " + chunk)) {
        select.setLong(1, throughId);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      if (ids.isEmpty()) {
        break;
      }
      try (PreparedStatement number = connection.prepareStatement(
          "UPDATE incident_events SET sequence = ? WHERE id = ?")) {
        for (long id : ids) {
          number.setLong(1, ++last);
          number.setLong(2, id);
          number.addBatch();
        }
        number.executeBatch();
      }
      numbered += ids.size();
      if (ids.size() < chunk) {
        break;
      }
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE incident_event_sequencer SET last_sequence = ? WHERE id = 1")) {
      update.setLong(1, last);
      update.executeUpdate();
    }
    return last;
  }

  private static boolean anyPending(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id FROM incident_events WHERE sequence IS NULL ORDER BY id LIMIT 1");
        ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  /** The last sequence given, locking the sequencer row if {@code lock}. */
  private static long last(Connection connection, boolean lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT last_sequence FROM incident_event_sequencer WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
        ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the row of incident_event_sequencer that migration V3 inserts is missing");
      }
      return rs.getLong(1);
    }
  }

  /** Numbered events above {@code afterSequence}, lowest first. */
  List<StoredEvent> after(Connection connection, long afterSequence, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT sequence, tenant, payload FROM incident_events WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
      select.setLong(1, afterSequence);
      select.setInt(2, limit);
      try (ResultSet rs = select.executeQuery()) {
        List<StoredEvent> events = new ArrayList<>(Math.min(limit, 256));
        while (rs.next()) {
          events.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
        }
        return events;
      }
    }
  }

  /** Removes the numbered events up to {@code throughSequence}; unnumbered ones are above every sequence. */
  long prune(Connection connection, long throughSequence) throws SQLException {
    dialect.readCommitted(connection);
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM incident_events WHERE sequence <= ?")) {
      delete.setLong(1, throughSequence);
      return delete.executeUpdate();
    }
  }

  /** Fails with a {@link SQLException} unless the tables exist with every column used. */
  void probe(Connection connection) throws SQLException {
    for (String sql : List.of("SELECT id, sequence, tenant, payload FROM incident_events WHERE 1 = 0",
        "SELECT id, last_sequence FROM incident_event_sequencer WHERE 1 = 0")) {
      try (PreparedStatement probe = connection.prepareStatement(sql)) {
        probe.executeQuery().close();
      }
    }
  }
}
