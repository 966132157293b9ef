package dev.incidents.bench;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.events.StartAt;
import dev.incidents.events.Subscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Event delivery lag under concurrent writers (issue 16): {@code writers} threads create the typical incident
 * as fast as they can, each in a tenant of its own, through a service that records events, while one
 * subscription ({@code service.events().subscribe}) receives them. A create's lag is the time from its
 * {@code create} returning (its commit is done) to the handler receiving its event; an event that arrives
 * before its create has returned counts as 0. Each writer's creates are sequential and a tenant's events
 * come in the order of its changes, so the k-th event of a tenant is its writer's k-th create: no event is
 * parsed. Not a JMH benchmark: JMH times one thread's operation, and this is a time between two threads.
 *
 * <pre>java -cp incident-bench/target/benchmarks.jar dev.incidents.bench.EventLag --stores memory,mapdb-file</pre>
 */
@Command(name = "event-lag", mixinStandardHelpOptions = true,
    description = "Measures event delivery lag (create returned to subscriber received) under concurrent writers.")
public final class EventLag implements Callable<Integer> {

  @Option(names = "--stores", split = ",", description = "Stores to measure (default: memory,mapdb-file,postgresql).")
  List<String> stores = List.of("memory", "mapdb-file", "postgresql");

  @Option(names = "--writers", description = "Writing threads, each in a tenant of its own (default: 8).")
  int writers = 8;

  @Option(names = "--warmup-seconds", description = "Writing before lags count (default: 10).")
  int warmupSeconds = 10;

  @Option(names = "--seconds", description = "Writing whose lags count (default: 20).")
  int seconds = 20;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EventLag()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "| store | writers | creates/s | events | arrived before create returned "
        + "| lag p50 | lag p99 | lag p99.9 | max |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    for (String store : stores) {
      System.out.println(measure(store).row());
    }
    return 0;
  }

  /** One store's lags. */
  record Lags(String store, int writers, double createsPerSecond, long[] sortedNanos, long early) {
    String row() {
      return String.format(Locale.ROOT, "| %s | %d | %,.0f | %,d | %.1f%% | %s | %s | %s | %s |", store, writers,
          createsPerSecond, sortedNanos.length, 100.0 * early / Math.max(1, sortedNanos.length),
          micros(percentile(0.50)), micros(percentile(0.99)), micros(percentile(0.999)),
          micros(sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1]));
    }

    long percentile(double p) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1)];
    }

    private static String micros(long nanos) {
      return nanos >= 10_000_000 ? String.format(Locale.ROOT, "%.0f ms", nanos / 1e6)
          : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }
  }

  Lags measure(String kind) throws InterruptedException {
    try (OpenStore open = OpenStore.open(kind, false)) {
      IncidentService service = Incidents.builder().store(open.store()).recordEvents(true).build();
      // What only its writer (returned) or only the subscription's thread (received) appends; read after both stop.
      LongList[] returned = new LongList[writers];
      LongList[] received = new LongList[writers];
      for (int i = 0; i < writers; i++) {
        returned[i] = new LongList();
        received[i] = new LongList();
      }
      int[] counted = new int[writers];
      AtomicBoolean writing = new AtomicBoolean(true);
      Subscription subscription = service.events().subscribe("lag", StartAt.NOW, event -> {
        long now = System.nanoTime();
        received[Integer.parseInt(event.tenant().substring(1))].add(now);
      });
      CountDownLatch started = new CountDownLatch(writers);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int writer = i;
        Thread thread = new Thread(() -> {
          String tenant = "w" + writer;
          started.countDown();
          while (writing.get()) {
            Requests.expectSuccess(service.json().create(tenant, Requests.ACTOR, Requests.TYPICAL, null));
            returned[writer].add(System.nanoTime());
          }
        }, "writer-" + i);
        threads.add(thread);
        thread.start();
      }
      started.await();
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
      for (int i = 0; i < writers; i++) {
        counted[i] = returned[i].size();
      }
      long measuredFrom = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      writing.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
      double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
      long creates = 0;
      for (int i = 0; i < writers; i++) {
        creates += returned[i].size() - counted[i];
      }
      // Wait until the subscription has every event, then stop it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!allReceived(returned, received) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      subscription.close();
      if (!allReceived(returned, received)) {
        throw new IllegalStateException(kind + ": the subscription had not received every event 2 minutes after "
            + "the writers stopped");
      }
      List<Long> lags = new ArrayList<>();
      long early = 0;
      for (int i = 0; i < writers; i++) {
        for (int k = counted[i]; k < returned[i].size(); k++) {
          long lag = received[i].get(k) - returned[i].get(k);
          if (lag < 0) {
            early++;
          }
          lags.add(Math.max(0, lag));
        }
      }
      long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      return new Lags(kind, writers, creates / elapsed, sorted, early);
    }
  }

  private static boolean allReceived(LongList[] returned, LongList[] received) {
    for (int i = 0; i < returned.length; i++) {
      if (received[i].size() < returned[i].size()) {
        return false;
      }
    }
    return true;
  }

  /** A growable list of longs with one writing thread; {@link #size} may be read by another. */
  private static final class LongList {
    private long[] values = new long[1 << 16];
    private volatile int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size] = value;
      size = size + 1;
    }

    int size() {
      return size;
    }

    long get(int index) {
      return values[index];
    }
  }
}
