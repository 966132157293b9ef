package dev.incidents.store.mapdb;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.UpdateResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run in a child JVM by {@link CrashTest}, which kills it: creates, updates and deletes incidents in the store
 * at {@code args[0]} from several threads until killed, and prints one line per acknowledged change, only
 * after the store's call returned:
 *
 * <pre>
 * ack TENANT NUMBER VERSION KEY|- SHA256-OF-DOCUMENT .   a create (or a replay of a key) returned this incident
 * gone TENANT NUMBER KEY .                              a key replayed as deleted
 * try TENANT NUMBER VERSION SHA256-OF-DOCUMENT .        before an update that would store this version
 * trydel TENANT NUMBER .                                before a delete
 * del TENANT NUMBER .                                   a delete returned Deleted
 * </pre>
 *
 * Three threads each create (every other create with an idempotency key, now and then sending an
 * acknowledged key again, which must replay), update and delete their own incidents, one at a time; a
 * fourth imports batches with {@code createAll}. Every change carries an event naming the incident and its
 * version ({@link #event}), and an update changes the severity, so the store's indexes change too. Keys are
 * unique per run ({@code args[1]}). A failure prints {@code error ...} and exits with status 1.
 */
public final class CrashChild {

  static final String[] TENANTS = {"acme", "globex"};
  private static final int SINGLE_THREADS = 3;
  private static final Pattern EVENT = Pattern.compile("\\{\"t\":\"([^\"]+)\",\"n\":(\\d+),\"v\":(\\d+|\"deleted\")}");
  private static final Pattern SEVERITY = Pattern.compile("\"sev\":(\\d+)");

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
      print("error " + e.toString().replace('\n', ' '));
      Runtime.getRuntime().halt(1);
    }
  }

  private void singles(int thread) {
    Random random = new Random(run.hashCode() * 31L + thread);
    List<NewIncident> acknowledgedKeys = new ArrayList<>();
    List<StoredIncident> mine = new ArrayList<>();
    for (long i = 0; ; i++) {
      int dice = random.nextInt(20);
      if (!mine.isEmpty() && dice < 6) {
        update(mine, random.nextInt(mine.size()), "single " + thread + "/" + i);
      } else if (!mine.isEmpty() && dice == 6) {
        delete(mine, random.nextInt(mine.size()));
      } else {
        NewIncident incident;
        if (!acknowledgedKeys.isEmpty() && dice == 7) {
          incident = acknowledgedKeys.get(random.nextInt(acknowledgedKeys.size()));
        } else {
          String tenant = TENANTS[random.nextInt(TENANTS.length)];
          String key = i % 2 == 0 ? run + "-s" + thread + "-" + i : null;
          incident = incident(tenant, key, "single " + thread + "/" + i);
        }
        CreateResult result = store.create(incident);
        if (result instanceof CreateResult.Created created) {
          mine.add(created.incident());
          if (incident.idempotencyKey() != null) {
            acknowledgedKeys.add(incident);
          }
        }
        acknowledge(incident, result);
      }
    }
  }

  private void update(List<StoredIncident> mine, int index, String title) {
    StoredIncident current = mine.get(index);
    long version = current.version() + 1;
    RenderedIncident rendered = rendering(current.tenant(), current.number(), version, title);
    print("try " + current.tenant() + " " + current.number() + " " + version + " " + sha256(rendered.document()) + " .");
    UpdateResult result = store.update(new IncidentUpdate(current.tenant(), current.number(), current.version(), rendered));
    if (!(result instanceof UpdateResult.Updated updated)) {
      throw new AssertionError("the only writer of " + current + " got " + result);
    }
    mine.set(index, updated.incident());
    print("ack " + current.tenant() + " " + current.number() + " " + version + " - " + sha256(rendered.document()) + " .");
  }

  private void delete(List<StoredIncident> mine, int index) {
    StoredIncident current = mine.remove(index);
    print("trydel " + current.tenant() + " " + current.number() + " .");
    DeleteResult result = store.delete(new IncidentDeletion(current.tenant(), current.number(), current.version(),
        deletedEvent(current.tenant(), current.number())));
    if (!(result instanceof DeleteResult.Deleted)) {
      throw new AssertionError("the only writer of " + current + " got " + result);
    }
    print("del " + current.tenant() + " " + current.number() + " .");
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
    String key = incident.idempotencyKey() == null ? "-" : incident.idempotencyKey();
    if (result instanceof CreateResult.ReplayedDeleted deleted) {
      print("gone " + incident.tenant() + " " + deleted.number() + " " + key + " .");
      return;
    }
    StoredIncident stored = result instanceof CreateResult.Created created ? created.incident()
        : ((CreateResult.Replayed) result).incident();
    print("ack " + incident.tenant() + " " + stored.number() + " " + stored.version() + " " + key + " "
        + sha256(stored.document()) + " .");
  }

  private void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** An incident whose document is about 1 KB of JSON naming its number, version and {@code title}. */
  static NewIncident incident(String tenant, String key, String title) {
    return new NewIncident(tenant, key, key == null ? null : sha256(key.getBytes(StandardCharsets.UTF_8)),
        number -> rendering(tenant, number, 1, title));
  }

  /**
   * The document of version {@code version}, with its event. The severity is a digit of the title's hash,
   * recorded in the document too ({@link #severity}), so a check can compare the index with the documents.
   */
  static RenderedIncident rendering(String tenant, long number, long version, String title) {
    long severity = Math.floorMod((title + version).hashCode(), 4);
    byte[] document = ("{\"id\":\"don:core:local:devo/" + tenant + ":incident/" + number + "\",\"display_id\":\"INC-"
        + number + "\",\"version\":" + version + ",\"sev\":" + severity + ",\"title\":\"" + title + "\",\"body\":\""
        + "x".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8);
    IncidentFacets facets = new IncidentFacets(severity, null, 1, 1, Set.of(), Set.of(),
        "don:identity:local:devo/" + tenant + ":devu/1", null, Instant.EPOCH, Instant.EPOCH, null, null);
    return new RenderedIncident(document, facets,
        ("{\"t\":\"" + tenant + "\",\"n\":" + number + ",\"v\":" + version + "}").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] deletedEvent(String tenant, long number) {
    return ("{\"t\":\"" + tenant + "\",\"n\":" + number + ",\"v\":\"deleted\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** What an event says: tenant, number, and the version it announces, or 0 for a deletion. */
  record Event(String tenant, long number, long version) {
    static Event parse(byte[] payload) {
      Matcher m = EVENT.matcher(new String(payload, StandardCharsets.UTF_8));
      if (!m.matches()) {
        throw new AssertionError("not an event of the crash test: " + new String(payload, StandardCharsets.UTF_8));
      }
      return new Event(m.group(1), Long.parseLong(m.group(2)), m.group(3).startsWith("\"") ? 0 : Long.parseLong(m.group(3)));
    }
  }

  /** The severity a document of {@link #rendering} records. */
  static long severity(byte[] document) {
    Matcher m = SEVERITY.matcher(new String(document, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new AssertionError("no severity in " + new String(document, StandardCharsets.UTF_8));
    }
    return Long.parseLong(m.group(1));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
