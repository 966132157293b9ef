package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM of {@link TwoJvmPostgresTest}: creates {@code count} incidents in one tenant with several
 * threads (one of them through {@code createAll} batches, the others one by one; every second incident with
 * an idempotency key) and prints {@code ack NUMBER INDEX} for every create the store acknowledged.
 * Arguments: JDBC URL, tenant, writer name, count, threads.
 */
public final class ConcurrentWriter {

  static final int BATCH = 20;

  private ConcurrentWriter() {}

  /** The document of incident {@code index} of {@code writer}, as the parent expects to read it back. */
  static byte[] document(String writer, int index, long number) {
    return ("{\"writer\":\"" + writer + "\",\"index\":" + index + ",\"number\":" + number + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static NewIncident incident(String tenant, String writer, int index) {
    boolean keyed = index % 2 == 0;
    return new NewIncident(tenant, keyed ? writer + "-" + index : null,
        keyed ? Documents.fingerprint(writer + index) : null, Documents.rendering(number -> document(writer, index, number)));
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String tenant = args[1];
    String writer = args[2];
    int count = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false, StandardCharsets.UTF_8);
    AtomicInteger next = new AtomicInteger();
    try (IncidentStore store = IncidentStores.open(url, Map.of("poolSize", Integer.toString(threads)))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean batches = t == 0;
        done.add(pool.submit(() -> {
          for (int from = next.getAndAdd(batches ? BATCH : 1); from < count; from = next.getAndAdd(batches ? BATCH : 1)) {
            List<NewIncident> incidents = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + (batches ? BATCH : 1)); i++) {
              incidents.add(incident(tenant, writer, i));
            }
            List<CreateResult> results = batches ? store.createAll(incidents) : List.of(store.create(incidents.get(0)));
            synchronized (out) {
              for (int i = 0; i < results.size(); i++) {
                out.println("ack " + results.get(i).number() + " " + (from + i));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    } finally {
      out.flush();
    }
  }
}
