package dev.incidents.store.mapdb;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.NewIncident;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM by {@link CrashTest}, which kills it: creates incidents in the store at {@code args[0]}
 * from several threads until killed, and prints one line per acknowledged create, only after
 * {@code create} or {@code createAll} returned:
 *
 * <pre>ack TENANT NUMBER KEY|- SHA256-OF-DOCUMENT .</pre>
 *
 * Three threads create one at a time (every other create with an idempotency key, now and then sending an
 * acknowledged key again, which must replay), a fourth imports batches with {@code createAll}. Keys are
 * unique per run ({@code args[1]}). A failure prints {@code error ...} and exits with status 1.
 */
public final class CrashChild {

  static final String[] TENANTS = {"acme", "globex"};
  private static final int SINGLE_THREADS = 3;

  private final MapDbIncidentStore store;
  private final String run;
  private final PrintStream out = System.out;

  private CrashChild(MapDbIncidentStore store, String run) {
    this.store = store;
    this.run = run;
  }

  public static void main(String[] args) throws InterruptedException {
    MapDbIncidentStore store = MapDbIncidentStore.open(Path.of(args[0]));
    CrashChild child = new CrashChild(store, args[1]);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < SINGLE_THREADS; t++) {
      int thread = t;
      threads.add(new Thread(() -> child.guard(() -> child.singles(thread))));
    }
    threads.add(new Thread(() -> child.guard(child::batches)));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void guard(Runnable work) {
    try {
      work.run();
    } catch (Throwable e) {
      synchronized (out) {
        out.println("error " + e.toString().replace('\n', ' '));
        out.flush();
      }
      Runtime.getRuntime().halt(1);
    }
  }

  private void singles(int thread) {
    Random random = new Random(run.hashCode() * 31L + thread);
    List<NewIncident> acknowledgedKeys = new ArrayList<>();
    for (long i = 0; ; i++) {
      NewIncident incident;
      if (!acknowledgedKeys.isEmpty() && random.nextInt(10) == 0) {
        incident = acknowledgedKeys.get(random.nextInt(acknowledgedKeys.size()));
      } else {
        String tenant = TENANTS[random.nextInt(TENANTS.length)];
        String key = i % 2 == 0 ? run + "-s" + thread + "-" + i : null;
        incident = incident(tenant, key, "single " + thread + "/" + i);
      }
      CreateResult result = store.create(incident);
      if (incident.idempotencyKey() != null && result instanceof CreateResult.Created) {
        acknowledgedKeys.add(incident);
      }
      acknowledge(incident, result);
    }
  }

  private void batches() {
    Random random = new Random(run.hashCode() * 31L - 1);
    for (long batch = 0; ; batch++) {
      List<NewIncident> incidents = new ArrayList<>();
      int size = 1 + random.nextInt(300);
      for (int i = 0; i < size; i++) {
        incidents.add(incident(TENANTS[i % TENANTS.length], run + "-b" + batch + "-" + i, "batch " + batch + "/" + i));
      }
      List<CreateResult> results = store.createAll(incidents);
      for (int i = 0; i < size; i++) {
        acknowledge(incidents.get(i), results.get(i));
      }
    }
  }

  private void acknowledge(NewIncident incident, CreateResult result) {
    String line = "ack " + incident.tenant() + " " + result.incident().number() + " "
        + (incident.idempotencyKey() == null ? "-" : incident.idempotencyKey()) + " "
        + sha256(result.incident().document()) + " .";
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** An incident whose document is about 1 KB of JSON naming its number and {@code title}. */
  static NewIncident incident(String tenant, String key, String title) {
    DocumentRenderer renderer = number -> ("{\"id\":\"don:core:local:devo/" + tenant + ":incident/" + number
        + "\",\"display_id\":\"INC-" + number + "\",\"title\":\"" + title + "\",\"body\":\""
        + "x".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8);
    return new NewIncident(tenant, key, key == null ? null : sha256(key.getBytes(StandardCharsets.UTF_8)), renderer);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
