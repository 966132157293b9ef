package dev.incidents.bench;

import java.util.Collections;
import java.util.concurrent.ThreadLocalRandom;
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

/** Reads through the JSON endpoint, on a store holding 10,000 typical incidents: get by id, and a page. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class ReadBenchmark {

  static final int STORED = 10_000;

  @Param({"memory", "mapdb-memory", "mapdb-file", "h2-file", "postgresql"})
  public String store;

  private OpenStore open;

  @Setup(Level.Trial)
  public void open() {
    open = OpenStore.open(store);
    for (int done = 0; done < STORED; done += 1000) {
      Requests.expectSuccess(open.json().createAll(Requests.TENANT, Requests.ACTOR,
          Collections.nCopies(1000, Requests.TYPICAL), null).get(999));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    open.close();
  }

  /** A random incident by its display id. */
  @Benchmark
  public byte[] getById() {
    String id = "INC-" + ThreadLocalRandom.current().nextInt(1, STORED + 1);
    return Requests.expectSuccess(open.json().get(Requests.TENANT, Requests.ACTOR, id));
  }

  /** The first page of 50, newest first: what a dashboard asks for. */
  @Benchmark
  public byte[] listPage() {
    return Requests.expectSuccess(open.json().list(Requests.TENANT, Requests.ACTOR, "50", null));
  }
}
