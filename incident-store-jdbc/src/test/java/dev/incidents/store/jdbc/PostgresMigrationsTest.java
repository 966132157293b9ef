package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ServiceUnavailableException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/** PostgreSQL's own migration, V2: a store told not to migrate also checks its function is there. */
class PostgresMigrationsTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  @Test
  void a_store_that_does_not_migrate_refuses_a_schema_without_the_allocation_function() {
    String schema = DATABASE.newSchema();
    DataSource postgres = DATABASE.dataSource(schema);
    JdbcIncidentStore.builder(postgres).build().close();
    JdbcIncidentStore.builder(postgres).migrate(false).build().close(); // complete: accepted

    DATABASE.execute("DROP FUNCTION " + schema + ".incidents_allocate(varchar, bigint)");
    assertThatThrownBy(() -> JdbcIncidentStore.builder(postgres).migrate(false).build())
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("incidents_allocate");
  }
}
