package dev.incidents.store.jdbc;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The TCK on H2 files, reopened from the same file. */
class H2FileTckTest extends JdbcStoreTck {

  @TempDir
  Path dir;

  private final AtomicInteger stores = new AtomicInteger();

  @Override
  String newDatabaseUrl() {
    return "jdbc:h2:" + dir.resolve("store-" + stores.incrementAndGet()).toAbsolutePath();
  }
}
