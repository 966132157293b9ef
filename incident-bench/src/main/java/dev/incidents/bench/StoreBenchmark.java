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
 * What every benchmark of a store shares: throughput in operations per second, one fresh JVM per trial, the
 * iterations, and the {@code store} parameter. JMH reads these annotations and the parameter from the
 * superclass; a subclass overrides an annotation by declaring its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class StoreBenchmark {

  /** The store measured: a {@link StoreKind} name. */
  @Param({"memory", "mapdb-memory", "mapdb-file", "h2-file", "postgresql"})
  public String store;
}
