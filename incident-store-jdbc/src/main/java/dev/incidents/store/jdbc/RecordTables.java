package dev.incidents.store.jdbc;

import dev.incidents.spi.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of {@code incident_records}, the service's small keyed records (docs/CONTRACT.md clause 14.16), on
 * a connection the caller manages. Keys compare and sort by their bytes in every dialect (binary collations),
 * which for printable ASCII is {@link String#compareTo} order.
 */
final class RecordTables {

  private final Dialect dialect;

  RecordTables(Dialect dialect) {
    this.dialect = dialect;
  }

  Optional<byte[]> get(Connection connection, String namespace, String key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT record_value FROM incident_records WHERE namespace = ? AND record_key = ?")) {
      select.setString(1, namespace);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** Inserts or replaces, in one statement (the dialect's upsert). */
  void put(Connection connection, String namespace, String key, byte[] value) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertRecord())) {
      upsert.setString(1, namespace);
      upsert.setString(2, key);
      upsert.setBytes(3, value);
      upsert.executeUpdate();
    }
  }

  boolean remove(Connection connection, String namespace, String key) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM incident_records WHERE namespace = ? AND record_key = ?")) {
      delete.setString(1, namespace);
      delete.setString(2, key);
      return delete.executeUpdate() > 0;
    }
  }

  List<StoredRecord> after(Connection connection, String namespace, String afterKey, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT record_key, record_value FROM incident_records WHERE namespace = ? AND record_key > ? "
            + "ORDER BY record_key LIMIT ?")) {
      select.setString(1, namespace);
      select.setString(2, afterKey);
      select.setInt(3, limit);
      try (ResultSet rs = select.executeQuery()) {
        List<StoredRecord> records = new ArrayList<>();
        while (rs.next()) {
          records.add(new StoredRecord(rs.getString(1), rs.getBytes(2)));
        }
        return records;
      }
    }
  }

  /** Fails with a {@link SQLException} unless the table exists with every column used. */
  void probe(Connection connection) throws SQLException {
    try (PreparedStatement probe = connection.prepareStatement(
        "SELECT namespace, record_key, record_value FROM incident_records WHERE 1 = 0")) {
      probe.executeQuery().close();
    }
  }
}
