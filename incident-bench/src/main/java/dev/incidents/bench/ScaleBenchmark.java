package dev.incidents.bench;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One writer's full-pipeline create into a store that already holds {@code stored} incidents of the same
 * tenant: the cost should not grow with the store. The store is filled through its own {@code createAll},
 * 1,000 per batch, each incident with a document of its own (the typical one, copied).
 *
 * <p>Unlike the other writing benchmarks, the store is not new for each iteration (filling a million
 * incidents takes minutes on some stores), but it is bounded: it holds between {@code stored} and
 * {@link #GROWTH} times {@code stored} incidents during every create. Before a create that would go past
 * that, the store is replaced by a new one filled to {@code stored}. That happens in an invocation-level
 * setup, which JMH keeps out of the measured time; without it, a fast store measured "at 1,000" would hold
 * hundreds of thousands by the end of the trial.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class ScaleBenchmark extends StoreBenchmark {

  /** How far past {@code stored} a store may grow before it is filled anew. */
  static final int GROWTH = 2;

  @Param({"1000", "100000", "1000000"})
  public int stored;

  private OpenStore open;
  /** How many incidents the store holds: {@code stored} after a fill, one more after each create. */
  private long held;

  @Setup(Level.Trial)
  public void open() {
    open = filled(store, stored);
    held = stored;
  }

  /** Keeps the store within its bound (see the class comment). */
  @Setup(Level.Invocation)
  public void bound() {
    if (held >= (long) GROWTH * stored) {
      open.close();
      open = filled(store, stored);
      held = stored;
      // The old store is garbage now; collect it here rather than in the creates measured next.
      System.gc();
    }
    held++;
  }

  @TearDown(Level.Trial)
  public void close() {
    open.close();
  }

  @Benchmark
  public byte[] create() {
    return Requests.expectSuccess(open.json().create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }

  private static OpenStore filled(String store, int count) {
    OpenStore open = OpenStore.open(store);
    fill(open.store(), count);
    return open;
  }

  private static void fill(IncidentStore store, int count) {
    List<NewIncident> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(new NewIncident(Requests.TENANT, null, null, number -> new RenderedIncident(Requests.DOCUMENT.clone(), Requests.RENDERED.facets(), null)));
    }
    for (int done = 0; done < count; done += batch.size()) {
      store.createAll(batch.subList(0, Math.min(batch.size(), count - done)));
    }
  }
}
