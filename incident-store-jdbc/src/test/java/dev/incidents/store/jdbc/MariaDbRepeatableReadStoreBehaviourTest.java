package dev.incidents.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.incidents.spi.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The behaviour tests over a host-owned pool at MariaDB's default isolation, REPEATABLE READ, with
 * auto-commit on: the store must stay correct there (keys committed after a snapshot surface as unique
 * violations or deadlocks, which it retries), and must leave the host's pool open.
 */
class MariaDbRepeatableReadStoreBehaviourTest extends StoreBehaviourTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.mariadb();

  private static final List<HikariDataSource> POOLS = new ArrayList<>();

  @Override
  IncidentStore openStore() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(DATABASE.url(DATABASE.newSchema()));
    config.setMaximumPoolSize(8);
    HikariDataSource host = new HikariDataSource(config);
    POOLS.add(host);
    return JdbcIncidentStore.builder(host).build();
  }

  @AfterAll
  static void closePools() {
    POOLS.forEach(HikariDataSource::close);
  }

  @Override
  boolean numbersOutsideTheCreate() {
    return true;
  }
}
