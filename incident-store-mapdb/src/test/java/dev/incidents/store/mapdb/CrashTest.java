package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.StoredIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at a random moment, over and over, on one file: every acknowledged create must survive, identical;
 * no number may be given to two incidents; acknowledged idempotency keys must replay; and the store must go
 * on creating. {@value #DEFAULT_ROUNDS} rounds by default; {@code -Dincidents.mapdb.crashRounds=200} for a
 * deep run.
 */
class CrashTest {

  private static final int DEFAULT_ROUNDS = 10;
  private static final String EOF = "";

  @TempDir Path dir;

  /** What the child acknowledged, across all rounds: document digest by tenant and number. */
  private final Map<String, Map<Long, String>> acknowledged = new HashMap<>();
  /** Tenant and key to the number the key created. */
  private final Map<String, Long> keys = new HashMap<>();

  @Test
  void acknowledgedCreatesSurviveKill9() throws Exception {
    int rounds = Integer.getInteger("incidents.mapdb.crashRounds", DEFAULT_ROUNDS);
    Path file = dir.resolve("incidents.db");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    for (int round = 1; round <= rounds; round++) {
      int acksBeforeKill = 10 + random.nextInt(400);
      int lingerMillis = random.nextInt(40);
      String what = "round " + round + " of " + rounds + " (seed " + seed + ", kill after " + acksBeforeKill
          + " acks + " + lingerMillis + " ms)";
      int acks = runAndKill(file, "r" + round, acksBeforeKill, lingerMillis, what);
      assertThat(acks).as(what).isGreaterThanOrEqualTo(acksBeforeKill);
      verify(file, what);
    }
  }

  /** Runs the child until it acknowledged enough, kills it, and records every line it printed. */
  private int runAndKill(Path file, String run, int acksBeforeKill, int lingerMillis, String what)
      throws IOException, InterruptedException {
    Path stderr = dir.resolve(run + ".err");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    int acks = 0;
    try (ChildJvm child = ChildJvm.start(CrashChild.class, stderr, file.toString(), run)) {
      Thread reader = new Thread(() -> {
        try {
          for (String line; (line = child.out.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the child is gone
        }
        lines.add(EOF);
      });
      reader.start();
      boolean killed = false;
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
          fail(what + ": the child printed nothing for 60 s; its stderr: " + Files.readString(stderr));
        }
        if (line == EOF) {
          if (!killed) {
            fail(what + ": the child ended before it was killed; its stderr: " + Files.readString(stderr));
          }
          break;
        }
        acks += record(line, what);
        if (!killed && acks >= acksBeforeKill) {
          Thread.sleep(lingerMillis);
          child.kill();
          killed = true;
        }
      }
      reader.join();
    }
    return acks;
  }

  /** Records one line of the child; a torn last line (killed while printing) counts for nothing. */
  private int record(String line, String what) {
    if (line.startsWith("error ")) {
      fail(what + ": the child failed: " + line);
    }
    String[] parts = line.split(" ");
    if (parts.length != 6 || !parts[0].equals("ack") || !parts[5].equals(".")) {
      return 0;
    }
    String tenant = parts[1];
    long number = Long.parseLong(parts[2]);
    String key = parts[3];
    String digest = parts[4];
    String before = acknowledged.computeIfAbsent(tenant, t -> new HashMap<>()).putIfAbsent(number, digest);
    assertThat(before).as("%s: number %d of %s acknowledged for two documents", what, number, tenant)
        .isIn(null, digest);
    if (!key.equals("-")) {
      Long first = keys.putIfAbsent(tenant + " " + key, number);
      assertThat(first).as("%s: key %s of %s acknowledged for two numbers", what, key, tenant).isIn(null, number);
    }
    return 1;
  }

  private void verify(Path file, String what) {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      for (String tenant : CrashChild.TENANTS) {
        Map<Long, String> expected = acknowledged.getOrDefault(tenant, Map.of());
        long highestStored = 0;
        long highestAcknowledged = expected.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Map.Entry<Long, String> ack : expected.entrySet()) {
          StoredIncident stored = store.get(tenant, ack.getKey())
              .orElseThrow(() -> new AssertionError(what + ": acknowledged incident " + ack.getKey() + " of "
                  + tenant + " is missing"));
          assertThat(CrashChild.sha256(stored.document())).as("%s: document of %s #%d", what, tenant, ack.getKey())
              .isEqualTo(ack.getValue());
        }
        // Paging visits every stored incident once, newest first, and finds every acknowledged one.
        long before = Long.MAX_VALUE;
        long listed = 0;
        for (List<StoredIncident> page; !(page = store.list(tenant, before, 1_000)).isEmpty(); ) {
          for (StoredIncident stored : page) {
            assertThat(stored.number()).as("%s: list order of %s", what, tenant).isLessThan(before);
            before = stored.number();
            listed += expected.containsKey(stored.number()) ? 1 : 0;
            highestStored = Math.max(highestStored, stored.number());
          }
        }
        assertThat(listed).as("%s: acknowledged incidents of %s in the list", what, tenant).isEqualTo(expected.size());
        CreateResult fresh = store.create(CrashChild.incident(tenant, null, "after the crash"));
        assertThat(fresh).isInstanceOf(CreateResult.Created.class);
        assertThat(fresh.incident().number()).as("%s: next number of %s", what, tenant)
            .isGreaterThan(Math.max(highestStored, highestAcknowledged));
        acknowledged.get(tenant).put(fresh.incident().number(), CrashChild.sha256(fresh.incident().document()));
      }
      // Every acknowledged key, sent again, replays the incident it created (all of them: a lost key shows).
      for (Map.Entry<String, Long> key : keys.entrySet()) {
        String[] tenantAndKey = key.getKey().split(" ");
        CreateResult again = store.create(CrashChild.incident(tenantAndKey[0], tenantAndKey[1], "replayed"));
        assertThat(again).as("%s: key %s", what, key.getKey()).isInstanceOf(CreateResult.Replayed.class);
        assertThat(again.incident().number()).as("%s: key %s", what, key.getKey()).isEqualTo(key.getValue());
      }
    }
  }
}
