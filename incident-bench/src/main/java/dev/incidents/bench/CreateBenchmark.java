package dev.incidents.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full pipeline, as a host application's HTTP handler runs it: request JSON in, validation, the store's
 * durable create, response JSON out. Compare with {@link RawBenchmark} at the same store and thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class CreateBenchmark {

  @Param({"memory", "mapdb-memory", "mapdb-file", "h2-file", "postgresql"})
  public String store;

  private OpenStore open;

  @Setup(Level.Trial)
  public void open() {
    open = OpenStore.open(store);
  }

  /** See {@link OpenStore#emptyIfOnHeap()}. */
  @Setup(Level.Iteration)
  public void emptyHeapStore() {
    open.emptyIfOnHeap();
  }

  @TearDown(Level.Trial)
  public void close() {
    open.close();
  }

  @Benchmark
  public byte[] create() {
    return Requests.expectSuccess(open.json().create(Requests.TENANT, Requests.ACTOR, Requests.TYPICAL, null));
  }
}
