package dev.incidents.store.mapdb;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.mapdb.BTreeKeySerializer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Fun;
import org.mapdb.Serializer;

/**
 * Not a test: what the facet postings cost a write, as ratios against raw MapDB with the same settings and
 * bytes, measured interleaved in one JVM (store, raw, store, raw, ...) on fresh files each trial, since the
 * machine this runs on is shared. docs/STORES.md ("Measured") records runs. Arguments: a directory (emptied
 * first), a mode, and a count of trials:
 * <ul>
 *   <li>{@code import}: {@code createAll} of 10,000 typical incidents (1,000 per commit) against 10,000 raw
 *       puts committed every 1,000;
 *   <li>{@code single}: 300 single creates (a synced commit each) against 300 raw put + commit;
 *   <li>{@code page}: the first page of 50 of a 1% filter, newest first, with 10,000 stored and with the
 *       count of trials times 100,000 stored (the trials argument is then the size in hundred thousands).
 * </ul>
 * Run it with the test class path, e.g. from the module directory:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.incidents.store.mapdb.PostingsMeasurement target/postings import 5</pre>
 */
public final class PostingsMeasurement {

  private static final String TENANT = "acme";
  private static final int IMPORTED = 10_000;
  private static final int SINGLE = 300;

  private PostingsMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String mode = args[1];
    int trials = Integer.parseInt(args[2]);
    switch (mode) {
      case "import", "single" -> {
        int count = mode.equals("import") ? IMPORTED : SINGLE;
        for (int trial = 0; trial < trials; trial++) {
          clean(dir);
          double store = mode.equals("import") ? importInto(dir.resolve("store.db"))
              : singleInto(dir.resolve("store.db"));
          double raw = raw(dir.resolve("raw.db"), mode.equals("import") ? 1_000 : 1, count);
          System.out.printf(Locale.ROOT, "%s trial %d: store %,8.0f /s  raw %,8.0f /s  ratio %.2f%n", mode, trial,
              store, raw, store / raw);
        }
      }
      case "page" -> pages(dir, trials * 100_000L);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static double importInto(Path file) {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.createAll(batch(0, 1_000)); // warm: the store's collections exist, the first leaves are written
      List<NewIncident> batch = batch(1_000, IMPORTED);
      long start = System.nanoTime();
      store.createAll(batch);
      return IMPORTED / seconds(start);
    }
  }

  private static double singleInto(Path file) {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      store.createAll(batch(0, 1_000));
      long start = System.nanoTime();
      for (int i = 0; i < SINGLE; i++) {
        store.create(incident());
      }
      return SINGLE / seconds(start);
    }
  }

  /** Raw MapDB as the store opens it: {@code count} documents, a commit every {@code perCommit}. */
  private static double raw(Path file, int perCommit, int count) {
    DB db = DBMaker.newFileDB(file.toFile()).mmapFileEnablePartial().checksumEnable().cacheSoftRefEnable().make();
    BTreeMap<Fun.Tuple2<String, Long>, byte[]> map = db.createTreeMap("raw").keySerializer(BTreeKeySerializer.TUPLE2)
        .valueSerializer(Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().make();
    long n = 0;
    for (; n < 1_000; n++) {
      map.put(Fun.t2(TENANT, n), GrowthMeasurement.document(n));
    }
    db.commit();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++, n++) {
      map.put(Fun.t2(TENANT, n), GrowthMeasurement.document(n));
      if (i % perCommit == perCommit - 1) {
        db.commit();
      }
    }
    double rate = count / seconds(start);
    db.close();
    return rate;
  }

  private static void pages(Path dir, long large) throws IOException {
    clean(dir);
    try (MapDbIncidentStore store = MapDbIncidentStore.open(dir.resolve("store.db"))) {
      long stored = 0;
      for (long size : new long[] {10_000, large}) {
        long start = System.nanoTime();
        while (stored < size) {
          int n = (int) Math.min(10_000, size - stored);
          store.createAll(batch(stored, n));
          stored += n;
        }
        System.out.printf(Locale.ROOT, "filled to %,d in %.1f s%n", stored, seconds(start));
        for (int round = 0; round < 3; round++) {
          int pages = 2_000;
          start = System.nanoTime();
          for (int i = 0; i < pages; i++) {
            store.list(TENANT, ListQuery.first(SELECTIVE, ListQuery.Order.NEWEST_FIRST, 50));
          }
          double selective = seconds(start) * 1e6 / pages;
          start = System.nanoTime();
          for (int i = 0; i < pages; i++) {
            store.list(TENANT, ListQuery.first(BROAD, ListQuery.Order.OLDEST_FIRST, 50));
          }
          double broad = seconds(start) * 1e6 / pages;
          System.out.printf(Locale.ROOT, "  %,d stored: first page of 50, 1%% filter %,.0f us, 50%% filter oldest first"
              + " %,.0f us%n", stored, selective, broad);
        }
      }
    }
  }

  private static List<NewIncident> batch(long first, int count) {
    List<NewIncident> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(incident());
    }
    return batch;
  }

  private static NewIncident incident() {
    return new NewIncident(TENANT, null, null, RENDERER);
  }

  private static final String TEAM_A = "don:identity:local:devo/acme:devu/7";
  private static final String TEAM_B = "don:identity:local:devo/acme:devu/8";
  /** The facets of GrowthMeasurement: eight terms per incident, one in a hundred at severity 0. */
  private static final DocumentRenderer RENDERER = number -> new RenderedIncident(GrowthMeasurement.document(number),
      new IncidentFacets(number % 100 == 0 ? 0L : 2L, 2L, 2, 1, Set.of(number % 2 == 0 ? TEAM_A : TEAM_B),
          Set.of("don:core:local:devo/acme:product/3"), "don:identity:local:devo/acme:devu/1", "incident",
          Instant.ofEpochMilli(1_700_000_000_000L + number), Instant.ofEpochMilli(1_700_000_000_000L + number), null,
          null), null);
  private static final FacetFilter SELECTIVE = new FacetFilter(Set.of(0L), Set.of(), Set.of(), Set.of(1L), Set.of(),
      Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL,
      FacetFilter.Range.ALL);
  private static final FacetFilter BROAD = new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(1L), Set.of(TEAM_A),
      Set.of(), Set.of(), Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL,
      FacetFilter.Range.ALL);

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
