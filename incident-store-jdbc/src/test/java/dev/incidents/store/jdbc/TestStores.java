package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Opens stores for tests, each over an empty database or schema. */
final class TestStores {

  private TestStores() {}

  /** A new, named in-memory H2 database, kept until the JVM exits. */
  static String h2MemoryUrl() {
    return "jdbc:h2:mem:incidents-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * A store over {@code faults} for the retry tests: 3 attempts without pauses, batches of 2, so that a
   * test sees every retry and batch boundary quickly.
   */
  static JdbcIncidentStore retrying(FaultyDataSource faults) {
    return JdbcIncidentStore.builder(faults.dataSource()).maxAttempts(3).batchSize(2)
        .pauses(Duration.ZERO, Duration.ZERO).build();
  }

  /** A store through the provider over {@code schema} of {@code database}, with a small pool. */
  static IncidentStore open(TestDatabase database, String schema) {
    return IncidentStores.open(database.url(schema), Map.of("poolSize", "4"));
  }
}
