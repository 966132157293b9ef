package dev.incidents.store.jdbc;

import static dev.incidents.store.jdbc.Documents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void a_host_schema_with_its_own_tables_and_flyway_history_is_left_alone() throws SQLException {
    JdbcDataSource host = new JdbcDataSource();
    host.setURL(TestStores.h2MemoryUrl());
    try (Connection connection = host.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
      statement.execute("CREATE TABLE \"flyway_schema_history\" (\"version\" VARCHAR(50))");
      statement.execute("INSERT INTO \"flyway_schema_history\" VALUES ('42')");
    }
    try (JdbcIncidentStore store = JdbcIncidentStore.builder(host).build()) {
      assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    }
    try (JdbcIncidentStore again = JdbcIncidentStore.builder(host).build()) {
      assertThat(again.create(incident("acme", "b")).number()).isEqualTo(2);
    }
    try (Connection connection = host.getConnection()) {
      assertThat(column(connection, "SELECT \"version\" FROM \"flyway_schema_history\"")).containsExactly("42");
      assertThat(column(connection, "SELECT COUNT(*) FROM customers")).containsExactly("0");
      assertThat(column(connection, "SELECT \"version\" FROM \"" + Migrations.HISTORY_TABLE
          + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")).as("baselined, then versions 1 and 3, once each")
          .containsExactly("0", "1", "3");
    }
  }

  private static List<String> column(Connection connection, String sql) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
