package dev.incidents.bench;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first page of 50 of a filtered list through the JSON endpoint, on a store holding {@code stored}
 * incidents of one tenant: {@link #selective} asks for severity 0, which 1% of them have, spread evenly;
 * {@link #broad} asks for one owner, whom 50% have. A store that scans reads about 5,000 incidents for the
 * selective page whatever it holds and the whole tenant when nothing matches near the top; an index makes the
 * page cost the same at 10k and at 1M (docs/CONTRACT.md section 11.4, the target of #14).
 *
 * <p>The store is filled once per trial through its own {@code createAll}, with four documents and their
 * facets as the service renders them (severity 0 or 1, owner DEVU-12 or DEVU-13), 1,000 per batch. Reads do
 * not change the store.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 1)
public class FilterBenchmark extends StoreBenchmark {

  static final byte[] SELECTIVE = "{\"severity\": [0], \"limit\": 50}".getBytes(StandardCharsets.UTF_8);
  static final byte[] BROAD = "{\"owned_by\": [\"DEVU-12\"], \"limit\": 50}".getBytes(StandardCharsets.UTF_8);

  @Param({"10000", "100000", "1000000"})
  public int stored;

  private OpenStore open;

  @Setup(Level.Trial)
  public void open() {
    open = OpenStore.open(store);
    fill(open.store(), stored);
  }

  @TearDown(Level.Trial)
  public void close() {
    open.close();
  }

  @Benchmark
  public byte[] selective() {
    return Requests.expectSuccess(open.json().list(Requests.TENANT, Requests.ACTOR, SELECTIVE));
  }

  @Benchmark
  public byte[] broad() {
    return Requests.expectSuccess(open.json().list(Requests.TENANT, Requests.ACTOR, BROAD));
  }

  /** Fills {@code store} with {@code count} incidents: 1 in 100 of severity 0, every other one owned by DEVU-12. */
  static void fill(IncidentStore store, int count) {
    RenderedIncident[][] variants = {
        {rendered(0, 12), rendered(0, 13)},
        {rendered(1, 12), rendered(1, 13)}};
    List<NewIncident> batch = new ArrayList<>(1000);
    for (int i = 0; i < count; i++) {
      RenderedIncident variant = variants[i % 100 == 0 ? 0 : 1][i % 2];
      batch.add(new NewIncident(Requests.TENANT, number -> variant));
      if (batch.size() == 1000 || i == count - 1) {
        store.createAll(batch);
        batch.clear();
      }
    }
  }

  /** The document and facets of the typical request with this severity and owner. */
  private static RenderedIncident rendered(int severity, int owner) {
    String request = new String(Requests.TYPICAL, StandardCharsets.UTF_8)
        .replace("\"severity\": 1", "\"severity\": " + severity)
        .replace("\"owned_by\": [\"DEVU-12\"]", "\"owned_by\": [\"DEVU-" + owner + "\"]");
    return Requests.rendered(request.getBytes(StandardCharsets.UTF_8));
  }
}
