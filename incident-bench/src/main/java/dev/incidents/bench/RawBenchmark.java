package dev.incidents.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline of {@link CreateBenchmark}: the document bytes a create stores, written and committed the
 * plainest way (see {@link RawStore}), one commit per document.
 */
public class RawBenchmark extends StoreBenchmark {

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
