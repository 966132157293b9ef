package dev.incidents.store.jdbc;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the incident tables, on a connection the caller manages: every statement the store runs against
 * {@code incidents}, its facet tables ({@code incident_owners}, {@code incident_parts}) and
 * {@code incident_backlog}, in one place. Documents travel as UTF-8 JSON text; dates as UTC epoch milliseconds.
 *
 * <p>A deleted incident keeps its row as a tombstone: {@code deleted} set, the document replaced by {@code {}},
 * no facets. Its number therefore stays used and its idempotency key recorded (docs/CONTRACT.md clause 14.13).
 */
final class IncidentTables {

  /** The most keys in one lookup statement, to keep statements and their plans small. */
  private static final int KEYS_PER_LOOKUP = 200;

  /** The single-valued facet columns, in the order {@link #bindFacets} binds them. */
  private static final String FACET_COLUMNS = "severity, reported_by, stage, state, created_by, subtype, "
      + "created_date, modified_date, actual_close_date, target_close_date";
  private static final String FACET_ASSIGNMENTS = "severity = ?, reported_by = ?, stage = ?, state = ?, "
      + "created_by = ?, subtype = ?, created_date = ?, modified_date = ?, actual_close_date = ?, "
      + "target_close_date = ?";
  private static final int FACET_COUNT = 10;

  private final Dialect dialect;
  private final String insert;
  /** PostgreSQL: one create's row, owners and parts in one statement (one round trip instead of three). */
  private final @Nullable String insertWithSets;
  private final String update;
  /** PostgreSQL: an update's row, owners, parts and backlog entry in one statement (one round trip, not six). */
  private final @Nullable String updateWithSets;
  private final String delete;
  /** PostgreSQL: a deletion's row, owners, parts and backlog entry in one statement (one round trip, not four). */
  private final @Nullable String deleteWithSets;
  private final String index;

  IncidentTables(Dialect dialect) {
    this.dialect = dialect;
    String document = dialect.documentParameter();
    this.insert = "INSERT INTO incidents (tenant, number, idempotency_key, fingerprint, document, version, deleted, "
        + FACET_COLUMNS + ") VALUES (?, ?, ?, ?, " + document + ", 1, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.insertWithSets = !dialect.writesSetFacetsWithTheIncident() ? null : "WITH incident AS (" + insert + "), "
        + "owners AS (INSERT INTO incident_owners (tenant, number, owner) SELECT ?, ?, unnest(CAST(? AS text[]))), "
        + "parts AS (INSERT INTO incident_parts (tenant, number, part) SELECT ?, ?, unnest(CAST(? AS text[]))) SELECT 1";
    this.update = "UPDATE incidents SET version = version + 1, document = " + document + ", " + FACET_ASSIGNMENTS
        + " WHERE tenant = ? AND number = ? AND version = ? AND deleted = FALSE";
    this.delete = "UPDATE incidents SET version = version + 1, deleted = TRUE, document = " + document
        + ", severity = NULL, reported_by = NULL, stage = NULL, state = NULL, created_by = NULL, subtype = NULL, "
        + "created_date = NULL, modified_date = NULL, actual_close_date = NULL, target_close_date = NULL"
        + " WHERE tenant = ? AND number = ? AND version = ? AND deleted = FALSE";
    boolean oneStatement = dialect.writesSetFacetsWithTheIncident();
    // The sets change only if the row did (the compare and set): every clause joins the updated row. Rows
    // leaving a set are deleted and rows joining it inserted, two disjoint sets of rows, so the clauses (which
    // run against one snapshot, in no fixed order) never meet on a key.
    this.updateWithSets = !oneStatement ? null : "WITH incident AS (" + update + " RETURNING tenant, number), "
        + setChange("incident_owners", "owner") + ", " + setChange("incident_parts", "part") + ", "
        + "backlog AS (" + deleteJoined("incident_backlog") + ") SELECT count(*) FROM incident";
    this.deleteWithSets = !oneStatement ? null : "WITH incident AS (" + delete + " RETURNING tenant, number), "
        + "owners AS (" + deleteJoined("incident_owners") + "), parts AS (" + deleteJoined("incident_parts") + "), "
        + "backlog AS (" + deleteJoined("incident_backlog") + ") SELECT count(*) FROM incident";
    this.index = "UPDATE incidents SET " + FACET_ASSIGNMENTS
        + " WHERE tenant = ? AND number = ? AND version = ? AND deleted = FALSE";
  }

  /**
   * The clauses that make a set facet table hold exactly the values of an array parameter for the updated
   * row: those not in it go, those new to it come (the rest stay untouched). Parameters: the array, twice.
   */
  private static String setChange(String table, String column) {
    return "gone_" + column + " AS (DELETE FROM " + table + " f USING incident i WHERE f.tenant = i.tenant "
        + "AND f.number = i.number AND f." + column + " <> ALL (CAST(? AS text[]))), "
        + "new_" + column + " AS (INSERT INTO " + table + " (tenant, number, " + column + ") "
        + "SELECT i.tenant, i.number, v FROM incident i, unnest(CAST(? AS text[])) v ON CONFLICT DO NOTHING)";
  }

  /** Deletes the rows of {@code table} that belong to the incident the statement's first clause changed. */
  private static String deleteJoined(String table) {
    return "DELETE FROM " + table + " f USING incident i WHERE f.tenant = i.tenant AND f.number = i.number";
  }

  /** A new incident to insert, with its facets and idempotency key. */
  record Row(StoredIncident incident, IncidentFacets facets, @Nullable String idempotencyKey,
      @Nullable String fingerprint) {}

  /**
   * What is recorded under some of {@code keys} in {@code tenant}, by key: {@link CreateResult.Replayed} with
   * the incident, or {@link CreateResult.ReplayedDeleted} for a deleted one. Key and document come from one
   * row, so a key is never seen without its incident.
   */
  Map<String, CreateResult> findByKeys(Connection connection, String tenant, List<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, CreateResult> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_LOOKUP) {
      List<String> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_LOOKUP));
      String sql = "SELECT idempotency_key, fingerprint, number, version, deleted, document FROM incidents "
          + "WHERE tenant = ? AND idempotency_key IN (" + placeholders(slice.size()) + ")";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, tenant);
        for (int i = 0; i < slice.size(); i++) {
          select.setString(i + 2, slice.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            String fingerprint = rs.getString(2);
            found.put(rs.getString(1), rs.getBoolean(5)
                ? new CreateResult.ReplayedDeleted(rs.getLong(3), fingerprint)
                : new CreateResult.Replayed(incident(tenant, rs.getLong(3), rs.getLong(4), rs.getString(6)),
                    fingerprint));
          }
        }
      }
    }
    return found;
  }

  /** Inserts the rows and their owners and parts, batched. */
  void insert(Connection connection, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (rows.size() == 1 && insertWithSets != null) {
      insertWithSets(connection, insertWithSets, rows.get(0));
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (Row row : rows) {
        bindRow(statement, row);
        add(statement, rows.size());
      }
      execute(statement, rows.size());
    }
    List<SetFacetRows> sets = new ArrayList<>(rows.size());
    for (Row row : rows) {
      sets.add(new SetFacetRows(row.incident().tenant(), row.incident().number(), row.facets()));
    }
    insertSetFacets(connection, sets);
  }

  /** Binds the parameters of {@link #insert} for {@code row}; returns the index of the next parameter. */
  private static int bindRow(PreparedStatement statement, Row row) throws SQLException {
    StoredIncident incident = row.incident();
    statement.setString(1, incident.tenant());
    statement.setLong(2, incident.number());
    statement.setString(3, row.idempotencyKey());
    statement.setString(4, row.fingerprint());
    statement.setString(5, text(incident.document()));
    bindFacets(statement, 6, row.facets());
    return 6 + FACET_COUNT;
  }

  /** One create's row, owners and parts, with {@link #insertWithSets}. */
  private static void insertWithSets(Connection connection, String sql, Row row) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = bindRow(statement, row);
      for (Collection<String> values : List.of(row.facets().ownedBy(), row.facets().appliesToParts())) {
        statement.setString(next, row.incident().tenant());
        statement.setLong(next + 1, row.incident().number());
        statement.setArray(next + 2, connection.createArrayOf("text", values.toArray()));
        next += 3;
      }
      statement.execute();
    }
  }

  /**
   * Replaces the document and facets of a live incident if it is at {@code expectedVersion}, and moves it to
   * the next version.
   *
   * @return whether it was at that version (and is now changed)
   */
  boolean update(Connection connection, String tenant, long number, long expectedVersion, byte[] document,
      IncidentFacets facets) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(updateWithSets != null ? updateWithSets : update)) {
      statement.setString(1, text(document));
      bindFacets(statement, 2, facets);
      statement.setString(2 + FACET_COUNT, tenant);
      statement.setLong(3 + FACET_COUNT, number);
      statement.setLong(4 + FACET_COUNT, expectedVersion);
      if (updateWithSets != null) {
        int next = 5 + FACET_COUNT;
        for (Collection<String> values : List.of(facets.ownedBy(), facets.appliesToParts())) {
          Array array = connection.createArrayOf("text", values.toArray());
          statement.setArray(next, array);
          statement.setArray(next + 1, array);
          next += 2;
        }
        return changedOneRow(statement);
      }
      if (statement.executeUpdate() != 1) {
        return false;
      }
    }
    replaceSetFacets(connection, tenant, number, facets);
    forgetBacklog(connection, tenant, number);
    return true;
  }

  /**
   * Turns a live incident at {@code expectedVersion} into a tombstone, and drops its facets.
   *
   * @return whether it was at that version (and is now deleted)
   */
  boolean delete(Connection connection, String tenant, long number, long expectedVersion) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(deleteWithSets != null ? deleteWithSets : delete)) {
      statement.setString(1, "{}");
      statement.setString(2, tenant);
      statement.setLong(3, number);
      statement.setLong(4, expectedVersion);
      if (deleteWithSets != null) {
        return changedOneRow(statement);
      }
      if (statement.executeUpdate() != 1) {
        return false;
      }
    }
    deleteSetFacets(connection, tenant, number);
    forgetBacklog(connection, tenant, number);
    return true;
  }

  /** Runs a one-statement change, whose single row counts the incident rows its compare and set changed. */
  private static boolean changedOneRow(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1) == 1;
    }
  }

  /**
   * Records the facets of an incident of the backlog if it is still at {@code version}.
   *
   * @return whether it was (and is now indexed)
   */
  boolean index(Connection connection, String tenant, long number, long version, IncidentFacets facets)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(index)) {
      bindFacets(statement, 1, facets);
      statement.setString(1 + FACET_COUNT, tenant);
      statement.setLong(2 + FACET_COUNT, number);
      statement.setLong(3 + FACET_COUNT, version);
      if (statement.executeUpdate() != 1) {
        return false;
      }
    }
    replaceSetFacets(connection, tenant, number, facets);
    forgetBacklog(connection, tenant, number);
    return true;
  }

  /** The live incidents of the backlog (written before facets were kept), in tenant and number order. */
  List<StoredIncident> unindexed(Connection connection, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT i.tenant, i.number, i.version, i.document FROM incident_backlog b JOIN incidents i "
            + "ON i.tenant = b.tenant AND i.number = b.number WHERE i.deleted = FALSE "
            + "ORDER BY b.tenant, b.number LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet rs = select.executeQuery()) {
        List<StoredIncident> found = new ArrayList<>();
        while (rs.next()) {
          found.add(incident(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
        }
        return found;
      }
    }
  }

  /** The incident, unless there is none; {@code deleted} tells a tombstone from a live one. */
  Optional<Current> current(Connection connection, String tenant, long number) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT version, deleted, document FROM incidents WHERE tenant = ? AND number = ?")) {
      select.setString(1, tenant);
      select.setLong(2, number);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Current(incident(tenant, number, rs.getLong(1), rs.getString(3)), rs.getBoolean(2)));
      }
    }
  }

  /** A row as it is: the incident, and whether it is a tombstone. */
  record Current(StoredIncident incident, boolean deleted) {}

  /** The live incident, unless there is none or it was deleted. */
  Optional<StoredIncident> get(Connection connection, String tenant, long number) throws SQLException {
    return current(connection, tenant, number).filter(c -> !c.deleted()).map(Current::incident);
  }

  /**
   * One page of a tenant's live incidents that the query's filter accepts, by keyset on the number (no offset,
   * so every page costs the same).
   */
  List<StoredIncident> list(Connection connection, String tenant, ListQuery query) throws SQLException {
    Statement statement = listStatement(connection, tenant, query);
    try (PreparedStatement select = statement.prepare(connection)) {
      try (ResultSet rs = select.executeQuery()) {
        List<StoredIncident> page = new ArrayList<>(Math.min(query.limit(), 64));
        while (rs.next()) {
          page.add(incident(tenant, rs.getLong(1), rs.getLong(2), rs.getString(3)));
        }
        return page;
      }
    }
  }

  /** A statement with its parameters, in order. */
  record Statement(String sql, List<Object> parameters) {
    PreparedStatement prepare(Connection connection) throws SQLException {
      PreparedStatement prepared = connection.prepareStatement(sql);
      try {
        for (int i = 0; i < parameters.size(); i++) {
          prepared.setObject(i + 1, parameters.get(i));
        }
        return prepared;
      } catch (SQLException | RuntimeException e) {
        prepared.close();
        throw e;
      }
    }
  }

  /**
   * The query of {@link #list}, also for the tests that check its plans. Each condition of the filter is one
   * predicate on an indexed column (docs/STORES.md lists which index serves which filter): the database walks
   * the index of the most selective one, or the primary key in number order for a broad filter, and stops at
   * the limit.
   *
   * <p>MariaDB 10.11 walks the primary key whenever that avoids sorting, even when a selective filter makes
   * the walk read most of the tenant. There the store first asks the optimizer ({@code EXPLAIN}) which index
   * it would read the filtered rows through if the primary key's order did not count ({@code IGNORE INDEX
   * FOR ORDER BY}): a filter index means a selective filter, and the query reads that index and sorts the few
   * rows it yields; the primary key means a broad filter, and the query walks it in order and stops at the
   * limit.
   */
  Statement listStatement(Connection connection, String tenant, ListQuery query) throws SQLException {
    Statement walk = listStatement(tenant, query, "");
    if (query.filter().isEmpty() || !dialect.walksPrimaryKeyForOrder()) {
      return walk;
    }
    Statement selective = listStatement(tenant, query, " IGNORE INDEX FOR ORDER BY (PRIMARY)");
    String key = accessKey(connection, selective);
    return key == null || key.equals("PRIMARY") ? walk : selective;
  }

  /** The index MariaDB's {@code EXPLAIN} says it reads {@code incidents} through, or {@code null}. */
  private static @Nullable String accessKey(Connection connection, Statement statement) throws SQLException {
    try (PreparedStatement explain = new Statement("EXPLAIN " + statement.sql(), statement.parameters())
        .prepare(connection); ResultSet rs = explain.executeQuery()) {
      while (rs.next()) {
        if ("incidents".equals(rs.getString("table"))) {
          return rs.getString("key");
        }
      }
      return null;
    }
  }

  private static Statement listStatement(String tenant, ListQuery query, String hint) {
    FacetFilter filter = query.filter();
    boolean newest = query.order() == ListQuery.Order.NEWEST_FIRST;
    StringBuilder sql = new StringBuilder("SELECT number, version, document FROM incidents").append(hint)
        .append(" WHERE tenant = ? AND deleted = FALSE AND number ").append(newest ? "<" : ">").append(" ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(tenant);
    parameters.add(query.boundary());
    in(sql, parameters, "severity", filter.severity());
    in(sql, parameters, "reported_by", filter.reportedBy());
    in(sql, parameters, "stage", filter.stage());
    in(sql, parameters, "state", filter.state());
    in(sql, parameters, "created_by", filter.createdBy());
    in(sql, parameters, "subtype", filter.subtype());
    within(sql, parameters, "created_date", filter.createdDate());
    within(sql, parameters, "modified_date", filter.modifiedDate());
    within(sql, parameters, "actual_close_date", filter.actualCloseDate());
    within(sql, parameters, "target_close_date", filter.targetCloseDate());
    among(sql, parameters, tenant, "incident_owners", "owner", filter.ownedBy());
    among(sql, parameters, tenant, "incident_parts", "part", filter.appliesToParts());
    sql.append(" ORDER BY number ").append(newest ? "DESC" : "ASC").append(" LIMIT ?");
    parameters.add(query.limit());
    return new Statement(sql.toString(), parameters);
  }

  /** {@code AND column IN (...)} for a non-empty set. */
  private static void in(StringBuilder sql, List<Object> parameters, String column, Set<?> values) {
    if (!values.isEmpty()) {
      sql.append(" AND ").append(column).append(" IN (").append(placeholders(values.size())).append(')');
      parameters.addAll(values);
    }
  }

  /**
   * The range as a condition on a column of epoch milliseconds. Facet dates have millisecond precision, so
   * {@code date >= after} is {@code millis >= ceil(after)} and {@code date < before} is
   * {@code millis < ceil(before)}: exact also for bounds between two milliseconds.
   */
  private static void within(StringBuilder sql, List<Object> parameters, String column, FacetFilter.Range range) {
    if (range.after() != null) {
      sql.append(" AND ").append(column).append(" >= ?");
      parameters.add(ceilMillis(range.after()));
    }
    if (range.before() != null) {
      sql.append(" AND ").append(column).append(" < ?");
      parameters.add(ceilMillis(range.before()));
    }
  }

  /** The incident has one of {@code values} in the multi-valued facet table (a semi-join on its index). */
  private static void among(StringBuilder sql, List<Object> parameters, String tenant, String table, String column,
      Set<String> values) {
    if (!values.isEmpty()) {
      sql.append(" AND number IN (SELECT f.number FROM ").append(table).append(" f WHERE f.tenant = ? AND f.")
          .append(column).append(" IN (").append(placeholders(values.size())).append("))");
      parameters.add(tenant);
      parameters.addAll(values);
    }
  }

  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** Fails with a {@link SQLException} unless the tables exist with every column the store uses. */
  void probe(Connection connection) throws SQLException {
    for (String sql : List.of(
        "SELECT tenant, number, idempotency_key, fingerprint, document, version, deleted, " + FACET_COLUMNS
            + " FROM incidents WHERE 1 = 0",
        "SELECT tenant, last_number FROM incident_counters WHERE 1 = 0",
        "SELECT tenant, number, owner FROM incident_owners WHERE 1 = 0",
        "SELECT tenant, number, part FROM incident_parts WHERE 1 = 0",
        "SELECT tenant, number FROM incident_backlog WHERE 1 = 0")) {
      try (PreparedStatement probe = connection.prepareStatement(sql)) {
        probe.executeQuery().close();
      }
    }
  }

  /** The owners and parts of one incident. */
  private record SetFacetRows(String tenant, long number, IncidentFacets facets) {}

  private static void replaceSetFacets(Connection connection, String tenant, long number, IncidentFacets facets)
      throws SQLException {
    deleteSetFacets(connection, tenant, number);
    insertSetFacets(connection, List.of(new SetFacetRows(tenant, number, facets)));
  }

  private static void deleteSetFacets(Connection connection, String tenant, long number) throws SQLException {
    for (String table : List.of("incident_owners", "incident_parts")) {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + table + " WHERE tenant = ? AND number = ?")) {
        delete.setString(1, tenant);
        delete.setLong(2, number);
        delete.executeUpdate();
      }
    }
  }

  private static void insertSetFacets(Connection connection, List<SetFacetRows> rows) throws SQLException {
    insertValues(connection, "INSERT INTO incident_owners (tenant, number, owner) VALUES (?, ?, ?)", rows, true);
    insertValues(connection, "INSERT INTO incident_parts (tenant, number, part) VALUES (?, ?, ?)", rows, false);
  }

  private static void insertValues(Connection connection, String sql, List<SetFacetRows> rows, boolean owners)
      throws SQLException {
    int count = 0;
    for (SetFacetRows row : rows) {
      count += (owners ? row.facets().ownedBy() : row.facets().appliesToParts()).size();
    }
    if (count == 0) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (SetFacetRows row : rows) {
        Collection<String> values = owners ? row.facets().ownedBy() : row.facets().appliesToParts();
        for (String value : values) {
          insert.setString(1, row.tenant());
          insert.setLong(2, row.number());
          insert.setString(3, value);
          add(insert, count);
        }
      }
      execute(insert, count);
    }
  }

  private static void forgetBacklog(Connection connection, String tenant, long number) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM incident_backlog WHERE tenant = ? AND number = ?")) {
      delete.setString(1, tenant);
      delete.setLong(2, number);
      delete.executeUpdate();
    }
  }

  /** Binds the ten single-valued facets from parameter {@code first} on. */
  private static void bindFacets(PreparedStatement statement, int first, IncidentFacets facets) throws SQLException {
    setLong(statement, first, facets.severity());
    setLong(statement, first + 1, facets.reportedBy());
    statement.setLong(first + 2, facets.stage());
    statement.setLong(first + 3, facets.state());
    statement.setString(first + 4, facets.createdBy());
    statement.setString(first + 5, facets.subtype());
    statement.setLong(first + 6, facets.createdDate().toEpochMilli());
    statement.setLong(first + 7, facets.modifiedDate().toEpochMilli());
    setLong(statement, first + 8, facets.actualCloseDate() == null ? null : facets.actualCloseDate().toEpochMilli());
    setLong(statement, first + 9, facets.targetCloseDate() == null ? null : facets.targetCloseDate().toEpochMilli());
  }

  private static void setLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  /** Adds the bound row to the batch, unless it is the only row (then it runs alone, without a batch). */
  private static void add(PreparedStatement statement, int rows) throws SQLException {
    if (rows > 1) {
      statement.addBatch();
    }
  }

  private static void execute(PreparedStatement statement, int rows) throws SQLException {
    if (rows > 1) {
      statement.executeBatch();
    } else {
      statement.executeUpdate();
    }
  }

  static String placeholders(int count) {
    return "?, ".repeat(count - 1) + "?";
  }

  private static String text(byte[] document) {
    return new String(document, StandardCharsets.UTF_8);
  }

  private static StoredIncident incident(String tenant, long number, long version, String document) {
    return new StoredIncident(tenant, number, version, document.getBytes(StandardCharsets.UTF_8));
  }
}
