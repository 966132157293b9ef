package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredEvent;
import dev.incidents.spi.StoredIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at a random moment, over and over, on one file, while {@link CrashChild} creates, updates and
 * deletes: every acknowledged change must survive exactly (an unacknowledged one may have, whole); no number
 * may be given to two incidents or reused after a deletion; acknowledged idempotency keys must replay (as
 * deleted for a deleted incident); the index must agree with the documents (a filtered list per severity
 * returns exactly the incidents whose document has it); every stored change must have exactly one event,
 * and no event may exist without its change; and the store must go on working. Each round's events are
 * pruned after they are checked, so pruning crosses crashes too. A child only changes incidents it
 * created, so a round checks the incidents above the numbers of earlier rounds, and every
 * {@value #FULL_CHECK_EVERY}th round and the last check everything (a crash could damage older data too).
 * {@value #DEFAULT_ROUNDS} rounds by default; {@code -Dincidents.mapdb.crashRounds=200} for a deep run.
 */
class CrashTest {

  private static final int DEFAULT_ROUNDS = 10;
  private static final int FULL_CHECK_EVERY = 25;

  @TempDir Path dir;

  /** What the child said about each incident, across all rounds, by tenant and number. */
  private final Map<String, Map<Long, Known>> known = new HashMap<>();
  /** Tenant and key to the number the key created. */
  private final Map<String, Long> keys = new HashMap<>();
  /** "tenant number" to the last version whose event was checked; deleted ones in {@link #eventedDeletions}. */
  private final Map<String, Long> evented = new HashMap<>();
  private final Set<String> eventedDeletions = new HashSet<>();

  /** One incident: the digest of every version it was given, the highest acknowledged, a deletion. */
  private static final class Known {
    final Map<Long, String> digests = new HashMap<>();
    long acknowledged;
    boolean deleteTried;
    boolean deleteAcknowledged;
    /** What the child and the checks said about it, for failure messages. */
    final List<String> history = new ArrayList<>();

    @Override
    public String toString() {
      return "acknowledged version " + acknowledged + ", digests " + digests.keySet() + ", history " + history;
    }
  }

  @Test
  void acknowledgedChangesSurviveKill9() throws Exception {
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
      Map<String, Long> before = new HashMap<>();
      boolean full = round % FULL_CHECK_EVERY == 0 || round == rounds;
      for (String tenant : CrashChild.TENANTS) {
        before.put(tenant, full ? 0 : highestKnown(tenant));
      }
      Set<String> keysBefore = full ? Set.of() : new HashSet<>(keys.keySet());
      int acks = runAndKill(file, "r" + round, acksBeforeKill, lingerMillis, what);
      assertThat(acks).as(what).isGreaterThanOrEqualTo(acksBeforeKill);
      try {
        verify(file, before, keysBefore, what);
      } catch (AssertionError e) {
        keepForPostMortem(file, round);
        throw e;
      }
    }
  }

  /** Runs the child until it acknowledged enough, kills it, and records every line it printed. */
  private int runAndKill(Path file, String run, int acksBeforeKill, int lingerMillis, String what)
      throws IOException, InterruptedException {
    int[] acks = {0};
    try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve(run + ".err"), file.toString(), run)) {
      child.runUntilKilled(line -> {
        acks[0] += record(line, what);
        return acks[0] >= acksBeforeKill;
      }, lingerMillis, what);
    }
    return acks[0];
  }

  /** Copies the store's files to target/crash-test-failure, since the temporary directory goes away. */
  private static void keepForPostMortem(Path file, int round) {
    try {
      Path kept = Path.of("target", "crash-test-failure", "round-" + round);
      Files.createDirectories(kept);
      for (String suffix : List.of("", ".p", ".t")) {
        Path from = Path.of(file + suffix);
        if (Files.exists(from)) {
          Files.copy(from, kept.resolve(from.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // the failure itself matters more
    }
  }

  private long highestKnown(String tenant) {
    return known.getOrDefault(tenant, Map.of()).keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private Known known(String tenant, long number) {
    return known.computeIfAbsent(tenant, t -> new TreeMap<>()).computeIfAbsent(number, n -> new Known());
  }

  /** Records one line of the child; how many acknowledgements it was. A torn last line counts for nothing. */
  private int record(String line, String what) {
    if (line.startsWith("error ")) {
      fail(what + ": the child failed: " + line);
    }
    String[] parts = line.split(" ");
    if (!parts[parts.length - 1].equals(".")) {
      return 0;
    }
    if (parts.length >= 4 && parts[2].matches("[0-9]+")) {
      known(parts[1], Long.parseLong(parts[2])).history.add(what.substring(0, what.indexOf(' ', 6)) + ": "
          + (line.length() > 60 ? line.substring(0, 60) + "..." : line));
    }
    switch (parts[0]) {
      case "ack" -> {
        if (parts.length != 7) {
          return 0;
        }
        Known incident = known(parts[1], Long.parseLong(parts[2]));
        long version = Long.parseLong(parts[3]);
        String before = incident.digests.putIfAbsent(version, parts[5]);
        assertThat(before).as("%s: version %d of %s #%s acknowledged for two documents", what, version, parts[1],
            parts[2]).isIn(null, parts[5]);
        incident.acknowledged = Math.max(incident.acknowledged, version);
        recordKey(parts[1], parts[4], Long.parseLong(parts[2]), what);
        return 1;
      }
      case "try" -> {
        if (parts.length == 6) {
          known(parts[1], Long.parseLong(parts[2])).digests.put(Long.parseLong(parts[3]), parts[4]);
        }
        return 0;
      }
      case "trydel", "del" -> {
        if (parts.length == 4) {
          Known incident = known(parts[1], Long.parseLong(parts[2]));
          incident.deleteTried = true;
          incident.deleteAcknowledged |= parts[0].equals("del");
        }
        return parts[0].equals("del") ? 1 : 0;
      }
      case "gone" -> {
        if (parts.length != 5) {
          return 0;
        }
        Known incident = known(parts[1], Long.parseLong(parts[2]));
        assertThat(incident.deleteAcknowledged).as("%s: key %s replayed as deleted before its deletion returned", what,
            parts[3]).isTrue();
        recordKey(parts[1], parts[3], Long.parseLong(parts[2]), what);
        return 1;
      }
      default -> {
        return 0;
      }
    }
  }

  private void recordKey(String tenant, String key, long number, String what) {
    if (!key.equals("-")) {
      Long first = keys.putIfAbsent(tenant + " " + key, number);
      assertThat(first).as("%s: key %s of %s acknowledged for two numbers", what, key, tenant).isIn(null, number);
    }
  }

  /**
   * Checks the incidents of each tenant numbered above {@code above} (the numbers of earlier rounds, or 0
   * for all), the events, and the keys not in {@code keysBefore}.
   */
  private void verify(Path file, Map<String, Long> above, Set<String> keysBefore, String what) {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(file)) {
      Map<String, Map<Long, StoredIncident>> stored = new HashMap<>();
      for (String tenant : CrashChild.TENANTS) {
        stored.put(tenant, verifyIncidents(store, tenant, above.get(tenant), what));
        verifyIndex(store, tenant, above.get(tenant), stored.get(tenant), what);
      }
      verifyEvents(store, stored, above, what);
      for (String tenant : CrashChild.TENANTS) {
        long highest = highestKnown(tenant);
        CreateResult fresh = store.create(CrashChild.incident(tenant, null, "after the crash"));
        assertThat(fresh).isInstanceOf(CreateResult.Created.class);
        StoredIncident incident = ((CreateResult.Created) fresh).incident();
        assertThat(incident.number()).as("%s: next number of %s, above every number used, deleted ones too", what,
            tenant).isGreaterThan(highest);
        Known created = known(tenant, incident.number());
        created.digests.put(1L, CrashChild.sha256(incident.document()));
        created.acknowledged = 1;
      }
      // Every acknowledged key, sent again, replays what it created (all of them: a lost key shows).
      for (Map.Entry<String, Long> key : keys.entrySet()) {
        if (keysBefore.contains(key.getKey())) {
          continue;
        }
        String[] tenantAndKey = key.getKey().split(" ");
        CreateResult again = store.create(CrashChild.incident(tenantAndKey[0], tenantAndKey[1], "replayed"));
        assertThat(again.number()).as("%s: key %s", what, key.getKey()).isEqualTo(key.getValue());
        boolean deleted = known(tenantAndKey[0], key.getValue()).deleteAcknowledged;
        assertThat(again).as("%s: key %s", what, key.getKey())
            .isInstanceOf(deleted ? CreateResult.ReplayedDeleted.class : CreateResult.Replayed.class);
      }
    }
  }

  /** Every stored incident numbered above {@code above}, by number; checks them against what the child acknowledged. */
  private Map<Long, StoredIncident> verifyIncidents(MapDbIncidentStore store, String tenant, long above, String what) {
    Map<Long, StoredIncident> stored = new TreeMap<>();
    long before = Long.MAX_VALUE;
    paging:
    for (List<StoredIncident> page; !(page = store.list(tenant, NewIncidents.below(before, 1_000))).isEmpty(); ) {
      for (StoredIncident incident : page) {
        if (incident.number() <= above) {
          break paging;
        }
        assertThat(incident.number()).as("%s: list order of %s", what, tenant).isLessThan(before);
        before = incident.number();
        stored.put(incident.number(), incident);
      }
    }
    for (Map.Entry<Long, Known> entry : ((TreeMap<Long, Known>) known.getOrDefault(tenant, new TreeMap<>()))
        .tailMap(above, false).entrySet()) {
      long number = entry.getKey();
      Known incident = entry.getValue();
      StoredIncident now = stored.get(number);
      assertThat(store.get(tenant, number)).as("%s: get and list of %s #%d", what, tenant, number)
          .isEqualTo(java.util.Optional.ofNullable(now));
      if (now == null) {
        assertThat(incident.deleteTried).as("%s: %s #%d (acknowledged at version %d) is missing", what, tenant, number,
            incident.acknowledged).isTrue();
        incident.deleteAcknowledged = true; // it is deleted now, whether the child heard so or not
        continue;
      }
      assertThat(incident.deleteAcknowledged).as("%s: deleted %s #%d is back", what, tenant, number).isFalse();
      incident.deleteTried = false;
      assertThat(now.version()).as("%s: version of %s #%d", what, tenant, number)
          .isGreaterThanOrEqualTo(incident.acknowledged);
      assertThat(incident.digests).as("%s: %s #%d is at version %d, which was never written; it holds %s; we know %s",
          what, tenant, number, now.version(), new String(now.document(), java.nio.charset.StandardCharsets.UTF_8)
              .substring(0, 160), incident).containsKey(now.version());
      assertThat(CrashChild.sha256(now.document())).as("%s: document of %s #%d version %d", what, tenant, number,
          now.version()).isEqualTo(incident.digests.get(now.version()));
      incident.acknowledged = now.version();
    }
    // Incidents a create committed but the kill kept from acknowledging: version 1, nobody changed them.
    for (StoredIncident incident : stored.values()) {
      Known entry = known(tenant, incident.number());
      if (entry.digests.isEmpty()) {
        entry.history.add("found stored, unacknowledged, at version " + incident.version());
        assertThat(incident.version()).as("%s: unacknowledged %s", what, incident).isEqualTo(1);
        entry.digests.put(1L, CrashChild.sha256(incident.document()));
        entry.acknowledged = 1;
      }
    }
    return stored;
  }

  /**
   * A list filtered by severity returns exactly the incidents (numbered above {@code above}) whose document
   * has it, in both orders.
   */
  private static void verifyIndex(MapDbIncidentStore store, String tenant, long above, Map<Long, StoredIncident> stored,
      String what) {
    for (long severity = 0; severity < 4; severity++) {
      Set<Long> expected = new TreeSet<>();
      for (StoredIncident incident : stored.values()) {
        if (CrashChild.severity(incident.document()) == severity) {
          expected.add(incident.number());
        }
      }
      FacetFilter filter = new FacetFilter(Set.of(severity), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
          Set.of(), FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL, FacetFilter.Range.ALL);
      for (ListQuery.Order order : ListQuery.Order.values()) {
        List<Long> listed = new ArrayList<>();
        ListQuery query = order == ListQuery.Order.OLDEST_FIRST ? new ListQuery(filter, order, above, 500)
            : ListQuery.first(filter, order, 500);
        paging:
        for (List<StoredIncident> page; !(page = store.list(tenant, query)).isEmpty(); ) {
          for (StoredIncident incident : page) {
            if (incident.number() <= above) {
              break paging;
            }
            listed.add(incident.number());
            assertThat(incident).isEqualTo(stored.get(incident.number()));
          }
          query = query.after(page.get(page.size() - 1).number());
        }
        List<Long> inOrder = new ArrayList<>(expected);
        if (order == ListQuery.Order.NEWEST_FIRST) {
          java.util.Collections.reverse(inOrder);
        }
        assertThat(listed).as("%s: %s of %s with severity %d", what, order, tenant, severity).isEqualTo(inOrder);
      }
    }
  }

  /**
   * The events since the last round continue each incident's events exactly: versions one by one, then at
   * most a deletion; every stored incident's last event announces its stored version, every deleted one's
   * its deletion. Then they are pruned.
   */
  private void verifyEvents(MapDbIncidentStore store, Map<String, Map<Long, StoredIncident>> stored,
      Map<String, Long> above, String what) {
    long last = 0;
    int count = 0;
    for (List<StoredEvent> page; !(page = store.events(last, 10_000)).isEmpty(); ) {
      for (StoredEvent event : page) {
        assertThat(event.sequence()).as("%s: event order", what).isGreaterThan(last);
        last = event.sequence();
        count++;
        CrashChild.Event said = CrashChild.Event.parse(event.payload());
        assertThat(event.tenant()).as("%s: tenant of %s", what, event).isEqualTo(said.tenant());
        String incident = said.tenant() + " " + said.number();
        assertThat(eventedDeletions).as("%s: %s after the deletion", what, event).doesNotContain(incident);
        if (said.version() == 0) {
          eventedDeletions.add(incident);
        } else {
          long expected = evented.getOrDefault(incident, 0L) + 1;
          assertThat(said.version()).as("%s: %s (one event per version, in order)", what, event).isEqualTo(expected);
          evented.put(incident, said.version());
        }
      }
    }
    assertThat(store.lastEventSequence()).as("%s: last event sequence", what).isEqualTo(last == 0
        ? store.lastEventSequence() : last);
    for (Map.Entry<String, Map<Long, Known>> tenant : known.entrySet()) {
      for (Long number : ((TreeMap<Long, Known>) tenant.getValue()).tailMap(above.get(tenant.getKey()), false)
          .keySet()) {
        String incident = tenant.getKey() + " " + number;
        StoredIncident now = stored.get(tenant.getKey()).get(number);
        if (now == null) {
          assertThat(eventedDeletions).as("%s: the deletion of %s has its event", what, incident).contains(incident);
        } else {
          assertThat(evented.get(incident)).as("%s: the events of %s reach its stored version", what, incident)
              .isEqualTo(now.version());
        }
      }
    }
    if (last > 0) {
      assertThat(store.pruneEvents(last)).as("%s: events pruned", what).isEqualTo(count);
      assertThat(store.events(0, 10)).as("%s: events after pruning", what).isEmpty();
    }
  }
}
