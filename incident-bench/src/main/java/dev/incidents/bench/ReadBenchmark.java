package dev.incidents.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads through the JSON endpoint, on a store holding 10,000 typical incidents: get by id, and a page. Reads do
 * not grow the store, so it is filled once per trial.
 */
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 1)
public class ReadBenchmark extends StoreBenchmark {

  static final int STORED = 10_000;
  static final byte[] FIRST_PAGE = "{\"limit\": 50}".getBytes(StandardCharsets.UTF_8);

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
    return Requests.expectSuccess(open.json().list(Requests.TENANT, Requests.ACTOR, FIRST_PAGE));
  }
}
