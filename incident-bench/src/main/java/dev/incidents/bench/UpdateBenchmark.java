package dev.incidents.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The full pipeline of an update of one field (the title), as a host's handler runs it: request JSON in, the
 * service's read, merge and compare-and-set on the version, response JSON out. Compare with
 * {@link CreateBenchmark} at the same store and thread count. {@link #updateOwn} has each thread update an
 * incident of its own (no contention: should scale like creates); {@link #updateShared} has every thread
 * update the same incident, so that compare-and-set conflicts and the service's retries are measured too.
 * Every update changes the title, so none is a no-op that stores nothing.
 */
public class UpdateBenchmark extends StoreBenchmark {

  private OpenStore open;
  private String shared;
  private final AtomicInteger threads = new AtomicInteger();

  /** A new store for each iteration, holding one incident every thread updates. */
  @Setup(Level.Iteration)
  public void open() {
    open = OpenStore.open(store);
    shared = Requests.create(open.json());
  }

  @TearDown(Level.Iteration)
  public void close() {
    open.close();
  }

  /** One thread's incident, created in the iteration's store, and a counter that makes each title new. */
  @State(Scope.Thread)
  public static class Writer {
    String own;
    String thread;
    long updates;

    @Setup(Level.Iteration)
    public void create(UpdateBenchmark benchmark) {
      own = Requests.create(benchmark.open.json());
      if (thread == null) {
        thread = Integer.toString(benchmark.threads.incrementAndGet());
      }
    }

    byte[] titleOf(String id) {
      return ("{\"id\": \"" + id + "\", \"title\": \"Checkout fails, attempt " + thread + "/" + (++updates) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public byte[] updateOwn(Writer writer) {
    return Requests.expectSuccess(open.json().update(Requests.TENANT, Requests.ACTOR, writer.titleOf(writer.own), null));
  }

  @Benchmark
  public byte[] updateShared(Writer writer) {
    return Requests.expectSuccess(open.json().update(Requests.TENANT, Requests.ACTOR, writer.titleOf(shared), null));
  }
}
