package dev.incidents.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@link CreateBenchmark}: the document bytes a create stores, written and committed the
 * plainest way (see {@link RawStore}), one commit per document, into a new, empty store for each iteration as
 * the create's. Its warm-up is shorter than the pipeline's: a put or an insert and a commit is little code
 * (the heap baseline shows no ramp after its first iteration of 1 s), and on the durable stores the commit
 * dominates.
 */
@Warmup(iterations = 5, time = 2)
public class RawBenchmark extends StoreBenchmark {

  private RawStore raw;

  /** Each thread's own writer (its own connection, for the databases), on this iteration's store. */
  @State(Scope.Thread)
  public static class ThreadWriter {
    RawStore.Writer writer;

    /** JMH runs the benchmark's iteration setup first: this one takes it as a parameter. */
    @Setup(Level.Iteration)
    public void open(RawBenchmark benchmark) {
      writer = benchmark.raw.writer();
    }
  }

  @Setup(Level.Iteration)
  public void open() {
    raw = RawStore.open(StoreKind.of(store));
  }

  @TearDown(Level.Iteration)
  public void close() {
    raw.close();
  }

  @Benchmark
  public void write(ThreadWriter thread) throws Exception {
    thread.writer.write(Requests.DOCUMENT);
  }
}
