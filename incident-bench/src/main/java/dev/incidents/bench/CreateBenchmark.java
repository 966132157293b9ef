package dev.incidents.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The full pipeline, as a host application's HTTP handler runs it: request JSON in, validation, the store's
 * durable create, response JSON out. Compare with {@link RawBenchmark} at the same store and thread count.
 */
public class CreateBenchmark extends StoreBenchmark {

  private OpenStore open;

  /** A new, empty store for each iteration (see {@link StoreBenchmark}). */
  @Setup(Level.Iteration)
  public void open() {
    open = OpenStore.open(store);
  }

  @TearDown(Level.Iteration)
  public void close() {
    open.close();
  }

  @Benchmark
  public byte[] create() {
    return Requests.expectSuccess(open.json().create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }
}
