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
 * The baseline of {@link CreateBenchmark}: the document bytes a create stores, written and committed the
 * plainest way (see {@link RawStore}), one commit per document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class RawBenchmark {

  @Param({"memory", "mapdb-memory", "mapdb-file", "h2-file", "postgresql"})
  public String store;

  private Workspace workspace;
  private RawStore raw;

  /** Each thread's own writer (its own connection, for the databases). */
  @State(Scope.Thread)
  public static class ThreadWriter {
    RawStore owner;
    RawStore.Writer writer;
  }

  @Setup(Level.Trial)
  public void open() {
    workspace = Workspace.create(StoreKind.of(store));
    raw = RawStore.open(workspace);
  }

  /** As {@link CreateBenchmark#emptyHeapStore}: a heap baseline starts each iteration empty. */
  @Setup(Level.Iteration)
  public void emptyHeapStore() {
    if (!workspace.kind.durable) {
      raw.close();
      raw = RawStore.open(workspace);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    raw.close();
    workspace.close();
  }

  @Benchmark
  public void write(ThreadWriter thread) throws Exception {
    if (thread.owner != raw) {
      // here rather than in a setup: the thread's state needs this one's store, which may be new
      thread.owner = raw;
      thread.writer = raw.writer();
    }
    thread.writer.write(Requests.DOCUMENT);
  }
}
