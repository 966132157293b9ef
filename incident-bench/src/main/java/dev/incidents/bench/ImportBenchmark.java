package dev.incidents.bench;

import dev.incidents.JsonEndpoint;
import dev.incidents.JsonReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code incident create --jsonl} does per batch: 1,000 request bodies through
 * {@link JsonEndpoint#createAll}, without keys (the default) or each with its own idempotency key
 * ({@code --idempotency-prefix}: {@code <prefix>-<line>}); against the same documents put 1,000 per commit.
 * Scores are documents per second. Each iteration starts with new, empty stores, as in {@link StoreBenchmark}.
 */
@OperationsPerInvocation(ImportBenchmark.BATCH)
public class ImportBenchmark extends StoreBenchmark {

  /** The CLI's batch size, and the baseline's documents per commit. */
  static final int BATCH = 1000;

  private OpenStore open;
  private RawStore raw;
  private RawStore.Writer rawWriter;
  private final List<byte[]> bodies = Collections.nCopies(BATCH, Requests.TYPICAL);
  private long line;

  @Setup(Level.Iteration)
  public void open() {
    open = OpenStore.open(store);
    raw = RawStore.open(StoreKind.of(store));
    rawWriter = raw.writer();
  }

  @TearDown(Level.Iteration)
  public void close() {
    try {
      raw.close();
    } finally {
      open.close();
    }
  }

  @Benchmark
  public List<JsonReply> importBatch() {
    List<JsonReply> replies = open.json().createAll(Requests.TENANT, Requests.ACTOR, bodies, null);
    Requests.expectSuccess(replies.get(BATCH - 1));
    return replies;
  }

  @Benchmark
  public List<JsonReply> importBatchWithKeys() {
    List<String> keys = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      keys.add("import-" + ++line);
    }
    List<JsonReply> replies = open.json().createAll(Requests.TENANT, Requests.ACTOR, bodies, keys);
    Requests.expectSuccess(replies.get(BATCH - 1));
    return replies;
  }

  /** Warmed up as briefly as {@link RawBenchmark}, for the same reason. */
  @Benchmark
  @Warmup(iterations = 5, time = 2)
  public void rawBatch() throws Exception {
    rawWriter.writeBatch(Requests.DOCUMENT, BATCH);
  }
}
