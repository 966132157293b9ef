package dev.incidents.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link CreateBenchmark}'s create with events on (docs/EVENTS.md): the same request through a service built
 * with {@code recordEvents(true)}, so the store writes each create's event in the same unit. Compare with
 * {@code CreateBenchmark.create} at the same store and thread count: the difference is what events cost.
 */
public class EventsBenchmark extends StoreBenchmark {

  private OpenStore open;

  /** A new, empty store for each iteration (see {@link StoreBenchmark}). */
  @Setup(Level.Iteration)
  public void open() {
    open = OpenStore.open(store, true);
  }

  @TearDown(Level.Iteration)
  public void close() {
    open.close();
  }

  @Benchmark
  public byte[] createWithEvents() {
    return Requests.expectSuccess(open.json().create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }
}
