package dev.incidents.store.mapdb;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.NewIncident;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Fun;
import org.mapdb.Serializer;

/**
 * Not a test: measures how the file store grows to a million typical incidents (about 1 KB of JSON each),
 * and its create and read rates with 1,000 and with 1,000,000 incidents stored, next to raw MapDB with the
 * same settings and bytes. docs/STORES.md records a run. Run it with
 *
 * <pre>./mvnw -q -pl incident-store-mapdb -am verify -DskipTests -Pgrowth [-Dincidents.growth.count=N]</pre>
 *
 * Arguments: a directory to create the store in (emptied first), and how many incidents to grow to.
 */
public final class GrowthMeasurement {

  private static final String TENANT = "acme";
  private static final int SINGLE = 2_000;
  private static final int THREADS = 8;
  private static final int PER_THREAD = 500;
  private static final int BATCHED = 20_000;
  private static final int READS = 200_000;

  private final MapDbIncidentStore store;
  private long created;

  private GrowthMeasurement(MapDbIncidentStore store) {
    this.store = store;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]);
    clean(dir);
    Path file = dir.resolve("incidents.db");
    System.out.printf(Locale.ROOT, "Growth of %s to %,d incidents of %,d bytes (%s, %d cores, max heap %,d MB)%n",
        file, target, document(1).length, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    raw(dir.resolve("raw.db"));
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      GrowthMeasurement growth = new GrowthMeasurement(store);
      growth.fill(1_000);
      growth.rates();
      long start = System.nanoTime();
      growth.fill(target);
      System.out.printf(Locale.ROOT, "filled to %,d in %.0f s (createAll, 10,000 per call, half with keys)%n",
          growth.created, seconds(start));
      growth.rates();
      report(dir);
    }
    report(dir);
  }

  /** Creates with createAll until {@code total} are stored. */
  private void fill(long total) {
    while (created < total) {
      int n = (int) Math.min(10_000, total - created);
      List<NewIncident> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long line = created + i;
        batch.add(incident(line % 2 == 0 ? "import-" + line : null));
      }
      store.createAll(batch);
      created += n;
    }
  }

  private void rates() throws Exception {
    System.out.printf(Locale.ROOT, "with %,d stored:%n", created);
    long start = System.nanoTime();
    for (int i = 0; i < SINGLE; i++) {
      store.create(incident(null));
    }
    rate("  create, 1 thread (a synced commit each)", SINGLE, start);
    created += SINGLE;

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    start = System.nanoTime();
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(pool.submit(() -> {
        for (int i = 0; i < PER_THREAD; i++) {
          store.create(incident(null));
        }
      }));
    }
    for (Future<?> thread : threads) {
      thread.get();
    }
    rate("  create, " + THREADS + " threads (group commit)", THREADS * PER_THREAD, start);
    pool.shutdown();
    created += THREADS * PER_THREAD;

    List<NewIncident> batch = new ArrayList<>(BATCHED);
    for (int i = 0; i < BATCHED; i++) {
      batch.add(incident("batch-" + created + "-" + i));
    }
    start = System.nanoTime();
    store.createAll(batch);
    rate("  createAll with keys (1,000 per commit)", BATCHED, start);
    created += BATCHED;

    Random random = new Random(1);
    start = System.nanoTime();
    for (int i = 0; i < READS; i++) {
      store.get(TENANT, 1 + random.nextInt((int) created));
    }
    rate("  get, 1 thread, random numbers", READS, start);
    start = System.nanoTime();
    for (int i = 0; i < READS / 50; i++) {
      store.list(TENANT, NewIncidents.below(1 + random.nextInt((int) created), 51));
    }
    rate("  list, 1 thread, pages of 51", READS / 50, start);
    for (FacetFilter filter : List.of(SELECTIVE, BROAD)) {
      for (ListQuery.Order order : ListQuery.Order.values()) {
        start = System.nanoTime();
        int pages = READS / 100;
        for (int i = 0; i < pages; i++) {
          store.list(TENANT, ListQuery.first(filter, order, 50));
        }
        rate("  list, first page of 50, " + (filter == SELECTIVE ? "1%" : "50%") + " filter, " + order, pages, start);
      }
    }
  }

  /** Raw MapDB, same settings and bytes: one put and commit at a time, and 1,000 puts per commit. */
  private static void raw(Path file) {
    DB db = DBMaker.newFileDB(file.toFile()).mmapFileEnablePartial().checksumEnable().make();
    BTreeMap<Fun.Tuple2<String, Long>, byte[]> map = db.createTreeMap("raw").keySerializer(BTreeKeySerializer.TUPLE2)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    long n = 0;
    for (; n < 1_000; n++) {
      map.put(Fun.t2(TENANT, n), document(n));
    }
    db.commit();
    System.out.println("raw MapDB 1.0.9, same settings, with 1,000 stored:");
    long start = System.nanoTime();
    for (int i = 0; i < SINGLE; i++, n++) {
      map.put(Fun.t2(TENANT, n), document(n));
      db.commit();
    }
    rate("  put + commit", SINGLE, start);
    start = System.nanoTime();
    for (int i = 0; i < BATCHED; i++, n++) {
      map.put(Fun.t2(TENANT, n), document(n));
      if (i % 1_000 == 999) {
        db.commit();
      }
    }
    rate("  put, 1,000 per commit", BATCHED, start);
    db.close();
  }

  private static NewIncident incident(String key) {
    return new NewIncident(TENANT, key, key == null ? null : "0".repeat(64), RENDERER);
  }

  private static final String TEAM_A = "don:identity:local:devo/acme:devu/7";
  private static final String TEAM_B = "don:identity:local:devo/acme:devu/8";
  /**
   * Typical facets: severity 0 on one incident in a hundred (the selective filter), the owner alternating
   * between two teams (the broad filter), stage and state of an open incident.
   */
  private static final DocumentRenderer RENDERER = number -> new RenderedIncident(document(number),
      new IncidentFacets(number % 100 == 0 ? 0L : 2L, 2L, 2, 1, Set.of(number % 2 == 0 ? TEAM_A : TEAM_B),
          Set.of("don:core:local:devo/acme:product/3"), "don:identity:local:devo/acme:devu/1", null,
          Instant.ofEpochMilli(1_700_000_000_000L + number), Instant.ofEpochMilli(1_700_000_000_000L + number), null,
          null), null);
  private static final FacetFilter SELECTIVE = new FacetFilter(Set.of(0L), Set.of(), Set.of(), Set.of(1L), Set.of(),
      Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL,
      FacetFilter.Range.ALL);
  private static final FacetFilter BROAD = new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(1L), Set.of(TEAM_A),
      Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL,
      FacetFilter.Range.ALL);

  /** A typical incident as the service renders it: about 1 KB of JSON. */
  static byte[] document(long number) {
    return ("{\"id\":\"don:core:local:devo/acme:incident/" + number + "\",\"display_id\":\"INC-" + number + "\","
        + "\"title\":\"Checkout latency above SLO in eu-west-1 (" + number + ")\","
        + "\"body\":\"p99 latency of the checkout API rose to 2.4 s after the 14:05 deploy; rollback started.\","
        + "\"severity\":{\"id\":1,\"label\":\"Sev1\",\"ordinal\":1},"
        + "\"reported_by\":{\"id\":2,\"label\":\"Monitoring\",\"ordinal\":2},"
        + "\"stage\":{\"stage\":{\"id\":\"don:core:local:devo/acme:custom_stage/2\",\"name\":\"identified\"},"
        + "\"state\":{\"id\":\"open\",\"name\":\"open\",\"is_final\":false}},"
        + "\"owned_by\":[{\"type\":\"dev_user\",\"id\":\"don:identity:local:devo/acme:devu/7\",\"display_id\":\"DEVU-7\"}],"
        + "\"applies_to_parts\":[{\"type\":\"product\",\"id\":\"don:core:local:devo/acme:product/3\","
        + "\"display_id\":\"PROD-3\"}],"
        + "\"tags\":[{\"tag\":{\"id\":\"don:core:local:devo/acme:tag/12\",\"display_id\":\"TAG-12\",\"name\":\"TAG-12\"},"
        + "\"value\":\"checkout\"}],"
        + "\"identified_date\":\"2024-06-01T14:07:00.000Z\",\"acknowledged_date\":\"2024-06-01T14:09:30.000Z\","
        + "\"created_date\":\"2024-06-01T14:10:02.123Z\",\"modified_date\":\"2024-06-01T14:10:02.123Z\","
        + "\"created_by\":{\"type\":\"dev_user\",\"id\":\"don:identity:local:devo/acme:devu/1\",\"display_id\":\"DEVU-1\"},"
        + "\"modified_by\":{\"type\":\"dev_user\",\"id\":\"don:identity:local:devo/acme:devu/1\",\"display_id\":\"DEVU-1\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void report(Path dir) throws IOException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "heap used after GC: %,d MB%n", heap >> 20);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("incidents.db")).sorted().toList()) {
        System.out.printf(Locale.ROOT, "  %-16s %,15d bytes%n", f.getFileName(), Files.size(f));
      }
    }
  }

  private static void rate(String what, long count, long start) {
    System.out.printf(Locale.ROOT, "%-48s %,10.0f /s%n", what, count / seconds(start));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
