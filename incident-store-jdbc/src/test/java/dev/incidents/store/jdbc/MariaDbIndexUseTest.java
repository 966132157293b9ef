package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IndexUseTest} on MariaDB: in {@code EXPLAIN}, no table is read in full (access type {@code ALL}) and
 * the expected index is a chosen key (the primary key is called {@code PRIMARY} there).
 */
class MariaDbIndexUseTest extends IndexUseTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  DataSource emptySchema() {
    return DATABASE.dataSource(DATABASE.newSchema());
  }

  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  void fill(Connection connection) throws SQLException {
    long base = BASE.toEpochMilli();
    String rows = " FROM seq_1_to_" + ROWS + " AS g CROSS JOIN (SELECT 'big' AS t UNION ALL SELECT 'other') AS t";
    execute(connection, "INSERT INTO incident_counters (tenant, last_number) VALUES ('big', " + ROWS + "), ('other', "
        + ROWS + ")");
    execute(connection, "INSERT INTO incidents (tenant, number, document, version, deleted, severity, reported_by, "
        + "stage, state, created_by, subtype, created_date, modified_date, actual_close_date, target_close_date) "
        + "SELECT t, seq, JSON_OBJECT('display_id', CONCAT('INC-', seq), 'title', REPEAT('x', 300)), 1, FALSE, "
        + "seq % 4, seq % 5, seq % 100, seq % 3, CONCAT('u', seq % 100), CONCAT('s', seq % 50), " + base
        + " + seq * 60000, " + base + " + seq * 60000, CASE WHEN seq % 2 = 1 THEN " + base + " + seq * 120000 END, "
        + "CASE WHEN seq % 10 = 0 THEN " + base + " + seq * 60000 END" + rows);
    execute(connection, "INSERT INTO incident_owners (tenant, number, owner) SELECT t, seq, CONCAT('o', seq % 200)"
        + rows);
    execute(connection, "INSERT INTO incident_parts (tenant, number, part) SELECT t, seq, CONCAT('p', seq % 100)"
        + rows);
    execute(connection, "ANALYZE TABLE incidents, incident_owners, incident_parts");
  }

  @Override
  List<String> plan(Connection connection, IncidentTables.Statement statement) throws SQLException {
    try (PreparedStatement explain = new IncidentTables.Statement("EXPLAIN " + statement.sql(),
        statement.parameters()).prepare(connection); ResultSet rs = explain.executeQuery()) {
      return lines(rs);
    }
  }

  @Override
  void assertUses(List<String> plan, String index) {
    String key = index.equals("incidents_pk") ? "PRIMARY" : index;
    // Columns: id | select_type | table | type | possible_keys | key | key_len | ref | rows | Extra
    assertThat(plan).as("the plan\n%s", String.join("\n", plan))
        .noneMatch(line -> line.split(" \\| ")[3].equals("ALL"))
        .anyMatch(line -> line.split(" \\| ")[5].equals(key));
  }
}
