package dev.incidents.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark of a store shares: throughput in operations per second, the {@code store} parameter,
 * and the method of docs/PERFORMANCE.md. JMH reads these annotations and the parameter from the superclass; a
 * subclass overrides an annotation by declaring its own.
 *
 * <ul>
 *   <li>Two forks, so that one JVM's compilation decisions are not the whole figure.
 *   <li>Ten warm-up iterations of 3 s: the C2 compiler needs 20 to 35 s of a loaded 2-core machine to compile the
 *       pipeline's largest methods, and until it has, throughput climbs by a factor of 5 or more.
 *   <li>A fixed heap, touched before the run, so that neither heap growth nor first-touch page faults land in a
 *       measurement. {@code BenchReport} also asks JMH for a full collection between iterations.
 *   <li>A benchmark that writes opens a new, empty store for each iteration ({@code @Setup(Level.Iteration)}),
 *       and so does its raw baseline: no measurement runs against a store that grew through the ones before it,
 *       and the collector never carries the last iteration's store into this one.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 2)
public abstract class StoreBenchmark {

  /** The store measured: a {@link StoreKind} name. */
  @Param({"memory", "mapdb-memory", "mapdb-file", "h2-file", "postgresql", "mariadb"})
  public String store;
}
