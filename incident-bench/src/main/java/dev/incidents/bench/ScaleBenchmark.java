package dev.incidents.bench;

import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
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
 * tenant: the cost should not grow with the store. The store is filled through its own
 * {@code createAll} with the typical document, 1,000 per batch, before the warm-up.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class ScaleBenchmark extends StoreBenchmark {

  @Param({"1000", "100000", "1000000"})
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
  public byte[] create() {
    return Requests.expectSuccess(open.json().create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }

  private static void fill(IncidentStore store, int count) {
    List<NewIncident> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(new NewIncident(Requests.TENANT, null, null, number -> Requests.DOCUMENT));
    }
    for (int done = 0; done < count; done += batch.size()) {
      store.createAll(batch.subList(0, Math.min(batch.size(), count - done)));
    }
  }
}
