package dev.incidents.store.jdbc;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the {@code incidents} table, on a connection the caller manages: every statement the store runs
 * against it, in one place. Documents travel as UTF-8 JSON text.
 */
final class IncidentTables {

  /** The most keys in one lookup statement, to keep statements and their plans small. */
  private static final int KEYS_PER_LOOKUP = 200;

  private final String insert;

  IncidentTables(Dialect dialect) {
    this.insert = "INSERT INTO incidents (tenant, number, idempotency_key, fingerprint, document) VALUES (?, ?, ?, ?, "
        + dialect.documentParameter() + ")";
  }

  /** A row to insert. */
  record Row(StoredIncident incident, String idempotencyKey, String fingerprint) {}

  /**
   * The incidents already recorded under some of {@code keys} in {@code tenant}, by key: key and document
   * come from one row, so a key is never seen without its incident.
   */
  Map<String, CreateResult.Replayed> findByKeys(Connection connection, String tenant, List<String> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, CreateResult.Replayed> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_LOOKUP) {
      List<String> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_LOOKUP));
      String sql = "SELECT idempotency_key, fingerprint, number, document FROM incidents WHERE tenant = ? "
          + "AND idempotency_key IN (" + "?, ".repeat(slice.size() - 1) + "?)";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, tenant);
        for (int i = 0; i < slice.size(); i++) {
          select.setString(i + 2, slice.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getString(1), new CreateResult.Replayed(incident(tenant, rs.getLong(3), rs, 4), rs.getString(2)));
          }
        }
      }
    }
    return found;
  }

  /** Inserts the rows: one statement for one row (which commits it in auto-commit mode), else one batch. */
  void insert(Connection connection, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      if (rows.size() == 1) {
        bind(statement, rows.get(0));
        statement.executeUpdate();
        return;
      }
      for (Row row : rows) {
        bind(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void bind(PreparedStatement statement, Row row) throws SQLException {
    statement.setString(1, row.incident().tenant());
    statement.setLong(2, row.incident().number());
    statement.setString(3, row.idempotencyKey());
    statement.setString(4, row.fingerprint());
    statement.setString(5, new String(row.incident().document(), StandardCharsets.UTF_8));
  }

  Optional<StoredIncident> get(Connection connection, String tenant, long number) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT document FROM incidents WHERE tenant = ? AND number = ?")) {
      select.setString(1, tenant);
      select.setLong(2, number);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(incident(tenant, number, rs, 1)) : Optional.empty();
      }
    }
  }

  /** Keyset pagination on the primary key (tenant, number): no offset, so every page costs the same. */
  List<StoredIncident> list(Connection connection, String tenant, long beforeNumber, int limit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT number, document FROM incidents WHERE tenant = ? AND number < ? ORDER BY number DESC LIMIT ?")) {
      select.setString(1, tenant);
      select.setLong(2, beforeNumber);
      select.setInt(3, limit);
      try (ResultSet rs = select.executeQuery()) {
        List<StoredIncident> page = new ArrayList<>(Math.min(limit, 64));
        while (rs.next()) {
          page.add(incident(tenant, rs.getLong(1), rs, 2));
        }
        return page;
      }
    }
  }

  /** Fails with a {@link SQLException} unless both tables exist with every column the store uses. */
  void probe(Connection connection) throws SQLException {
    try (PreparedStatement incidents = connection.prepareStatement(
            "SELECT tenant, number, idempotency_key, fingerprint, document FROM incidents WHERE 1 = 0");
        PreparedStatement counters = connection.prepareStatement(
            "SELECT tenant, last_number FROM incident_counters WHERE 1 = 0")) {
      incidents.executeQuery().close();
      counters.executeQuery().close();
    }
  }

  private static StoredIncident incident(String tenant, long number, ResultSet rs, int documentColumn)
      throws SQLException {
    return new StoredIncident(tenant, number, rs.getString(documentColumn).getBytes(StandardCharsets.UTF_8));
  }
}
