package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creates per second with 1 and 8 concurrent writers, on H2 (file), PostgreSQL and MariaDB: a measurement,
 * not a test (it asserts nothing about speed), skipped unless {@code -Dincidents.bench=true}:
 *
 * <pre>
 * ./mvnw -q -pl incident-store-jdbc -am verify -Dtest=CreateThroughputBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dincidents.bench=true
 * </pre>
 *
 * Each writer creates one incident at a time (a ~600-byte document, no idempotency key) through its own
 * pooled connection; "one tenant" makes every writer contend for one counter row, "own tenants" gives each
 * writer its own. The last line imports with {@code createAll} (batches of 500) from one writer.
 * incident-bench will measure this properly with JMH.
 */
@EnabledIfSystemProperty(named = "incidents.bench", matches = "true")
class CreateThroughputBench {

  @RegisterExtension
  static final TestDatabase POSTGRES = TestDatabase.postgres();

  @RegisterExtension
  static final TestDatabase MARIADB = TestDatabase.mariadb();

  private static final int WARM_UP = 1_000;
  private static final int MEASURED = 6_000;
  private static final byte[] BODY = ("\"title\":\"" + "x".repeat(500) + "\"").getBytes(StandardCharsets.UTF_8);

  @Test
  void measure() throws Exception {
    Path h2 = Files.createTempDirectory("incidents-bench");
    Map<String, String> urls = new java.util.LinkedHashMap<>();
    urls.put("H2 (file)", "jdbc:h2:" + h2.resolve("db").toAbsolutePath());
    urls.put("PostgreSQL 15", POSTGRES.url(POSTGRES.newSchema()));
    urls.put("MariaDB 10.11", MARIADB.url(MARIADB.newSchema()));
    System.out.println("| database | 1 writer | 8 writers, one tenant | 8 writers, own tenants | createAll, 1 writer |");
    System.out.println("|---|---|---|---|---|");
    for (Map.Entry<String, String> db : urls.entrySet()) {
      try (IncidentStore store = IncidentStores.open(db.getValue(), Map.of("poolSize", "8"))) {
        run(store, 8, false, "warm-up", WARM_UP);
        double one = run(store, 1, false, "one", MEASURED / 3);
        double shared = run(store, 8, false, "shared", MEASURED);
        double own = run(store, 8, true, "own", MEASURED);
        double batched = batched(store, MEASURED * 3);
        System.out.printf("| %s | %.0f/s | %.0f/s | %.0f/s | %.0f/s |%n", db.getKey(), one, shared, own, batched);
      }
    }
  }

  /** Creates per second of {@code writers} threads making {@code total} creates between them. */
  private static double run(IncidentStore store, int writers, boolean ownTenants, String tenant, int total)
      throws Exception {
    AtomicInteger left = new AtomicInteger(total);
    CyclicBarrier start = new CyclicBarrier(writers + 1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String t = ownTenants ? tenant + "-" + w : tenant;
        done.add(pool.submit(() -> {
          start.await();
          while (left.getAndDecrement() > 0) {
            store.create(new NewIncident(t, null, null, CreateThroughputBench::document));
          }
          return null;
        }));
      }
      start.await();
      long began = System.nanoTime();
      for (Future<?> f : done) {
        f.get();
      }
      return total / ((System.nanoTime() - began) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static double batched(IncidentStore store, int total) {
    List<NewIncident> all = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      all.add(new NewIncident("import", null, null, CreateThroughputBench::document));
    }
    long began = System.nanoTime();
    store.createAll(all);
    return total / ((System.nanoTime() - began) / 1e9);
  }

  private static byte[] document(long number) {
    byte[] prefix = ("{\"display_id\":\"INC-" + number + "\",").getBytes(StandardCharsets.UTF_8);
    byte[] document = new byte[prefix.length + BODY.length + 1];
    System.arraycopy(prefix, 0, document, 0, prefix.length);
    System.arraycopy(BODY, 0, document, prefix.length, BODY.length);
    document[document.length - 1] = '}';
    return document;
  }
}
