package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.spi.ListQuery;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.StoredIncident;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two JVMs (real processes), four threads each, create 5,000 incidents each in one PostgreSQL tenant. The
 * acknowledged numbers must be exactly 1..10,000 (no create fails here, and only a failed one leaves a gap),
 * every acknowledged incident must read back as written, and a retried key must replay its first incident.
 */
class TwoJvmPostgresTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  private static final int PER_JVM = 5_000;
  private static final int THREADS = 4;
  private static final String TENANT = "shared";

  private record Ack(String writer, int index) {}

  @Test
  void two_jvms_creating_5000_each_in_one_tenant_get_every_number_once() throws Exception {
    String schema = DATABASE.newSchema();
    String url = DATABASE.url(schema);
    try (IncidentStore store = TestStores.open(DATABASE, schema)) {
      long started = System.nanoTime();
      List<ChildJvm> children = new ArrayList<>();
      Map<Long, Ack> acks = new HashMap<>();
      try {
        for (String writer : List.of("A", "B")) {
          children.add(ChildJvm.start("writer-" + writer, ConcurrentWriter.class, url, TENANT, writer,
              Integer.toString(PER_JVM), Integer.toString(THREADS)));
        }
        for (int c = 0; c < children.size(); c++) {
          String writer = c == 0 ? "A" : "B";
          List<String> lines = children.get(c).awaitSuccess(900);
          assertThat(lines).as("acknowledgements of %s", writer).hasSize(PER_JVM);
          for (String line : lines) {
            String[] parts = line.split(" ");
            Ack previous = acks.put(Long.parseLong(parts[1]), new Ack(writer, Integer.parseInt(parts[2])));
            assertThat(previous).as("number %s acknowledged twice", parts[1]).isNull();
          }
        }
      } finally {
        children.forEach(ChildJvm::kill);
      }
      System.out.printf("two JVMs x %d threads: %d creates in one PostgreSQL tenant in %.1f s (with JVM start-up)%n",
          THREADS, 2 * PER_JVM, (System.nanoTime() - started) / 1e9);

      assertThat(acks.keySet()).containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(1, 2L * PER_JVM).boxed().toList());
      List<StoredIncident> all = new ArrayList<>();
      for (long before = Long.MAX_VALUE; ; ) {
        List<StoredIncident> page = store.list(TENANT, ListQuery.newest(1000).after(before));
        all.addAll(page);
        if (page.size() < 1000) {
          break;
        }
        before = page.get(page.size() - 1).number();
      }
      assertThat(all).hasSize(2 * PER_JVM);
      for (StoredIncident stored : all) {
        Ack ack = acks.get(stored.number());
        assertThat(Documents.tree(stored.document()))
            .isEqualTo(Documents.tree(ConcurrentWriter.document(ack.writer(), ack.index(), stored.number())));
      }
      long firstOfA = acks.entrySet().stream().filter(e -> e.getValue().equals(new Ack("A", 0)))
          .findFirst().orElseThrow().getKey();
      CreateResult retried = store.create(ConcurrentWriter.incident(TENANT, "A", 0));
      assertThat(retried).isInstanceOf(CreateResult.Replayed.class);
      assertThat(retried.number()).isEqualTo(firstOfA);
    }
  }
}
