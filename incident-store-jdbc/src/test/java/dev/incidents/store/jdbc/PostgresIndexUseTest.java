package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IndexUseTest} on PostgreSQL: {@code EXPLAIN} shows the index and no {@code Seq Scan}. */
class PostgresIndexUseTest extends IndexUseTest {

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

  @Override
  void fill(Connection connection) throws SQLException {
    long base = BASE.toEpochMilli();
    String rows = " FROM generate_series(1, " + ROWS + ") AS g(n) CROSS JOIN (VALUES ('big'), ('other')) AS t(t)";
    execute(connection, "INSERT INTO incident_counters (tenant, last_number) VALUES ('big', " + ROWS + "), ('other', "
        + ROWS + ")");
    execute(connection, "INSERT INTO incidents (tenant, number, document, version, deleted, severity, reported_by, "
        + "stage, state, created_by, subtype, created_date, modified_date, actual_close_date, target_close_date) "
        + "SELECT t, n, jsonb_build_object('display_id', 'INC-' || n, 'title', repeat('x', 300)), 1, false, n % 4, "
        + "n % 5, n % 100, n % 3, 'u' || (n % 100), 's' || (n % 50), " + base + " + n * 60000, " + base
        + " + n * 60000, CASE WHEN n % 2 = 1 THEN " + base + " + n * 120000 END, CASE WHEN n % 10 = 0 THEN " + base
        + " + n * 60000 END" + rows);
    execute(connection, "INSERT INTO incident_owners (tenant, number, owner) SELECT t, n, 'o' || (n % 200)" + rows);
    execute(connection, "INSERT INTO incident_parts (tenant, number, part) SELECT t, n, 'p' || (n % 100)" + rows);
    execute(connection, "ANALYZE incidents");
    execute(connection, "ANALYZE incident_owners");
    execute(connection, "ANALYZE incident_parts");
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
    String text = String.join("\n", plan);
    assertThat(text).as("the plan\n%s", text).doesNotContain("Seq Scan").contains(index);
  }
}
