package dev.incidents.store.jdbc;

import dev.incidents.spi.IncidentStore;

/** The TCK on in-memory H2 databases, declared not durable (so the reopen rules are skipped). */
class H2MemoryTckTest extends JdbcStoreTck {

  @Override
  String newDatabaseUrl() {
    return TestStores.h2MemoryUrl();
  }

  @Override
  protected IncidentStore reopenStore(IncidentStore store) {
    return null;
  }
}
