package dev.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Scores read back from JMH's JSON result files, so a report can be written again without a new run. */
final class Results {

  /**
   * A figure is stable when the half-width of its 99.9% confidence interval is at most this fraction of the
   * figure. A verdict is drawn from stable figures only.
   */
  static final double STABLE_HALF_WIDTH = 0.10;

  /** Which score: a benchmark method at one store, store size and thread count. */
  record Key(String benchmark, String store, int stored, int threads) {
    static Key of(String benchmark, StoreKind store, int threads) {
      return new Key(benchmark, store.id, 0, threads);
    }
  }

  /**
   * How a score was measured: JMH's forks, warm-up and measured iterations.
   *
   * @param warmupTime one warm-up iteration's time as JMH writes it, such as {@code "3 s"}
   * @param measurementTime likewise for a measured iteration
   */
  record Method(int forks, int warmups, String warmupTime, int measurements, String measurementTime) {
    static final Method UNKNOWN = new Method(0, 0, "?", 0, "?");

    @Override
    public String toString() {
      return forks + (forks == 1 ? " fork" : " forks") + " of " + warmups + " warm-up iterations of " + warmupTime
          + " and " + measurements + " measured iterations of " + measurementTime;
    }
  }

  /**
   * One JMH score.
   *
   * @param key what was measured; {@code store} is "" when the benchmark has no such parameter, {@code stored} 0
   * @param score operations per second
   * @param error the half-width of the 99.9% confidence interval JMH reports (NaN with one iteration)
   * @param method how it was measured
   */
  record Score(Key key, double score, double error, Method method) {
    /** Whether the 99.9% half-width is known and at most {@link #STABLE_HALF_WIDTH} of the score. */
    boolean stable() {
      return !Double.isNaN(error) && score > 0 && error <= STABLE_HALF_WIDTH * score;
    }
  }

  /** The last score of each key, in the order keys were first met. */
  private final Map<Key, Score> scores = new LinkedHashMap<>();

  /** {@code scores} in the order measured: a later score replaces an earlier one for the same key. */
  Results(List<Score> scores) {
    scores.forEach(s -> this.scores.put(s.key(), s));
  }

  /** Every {@code *.json} file in {@code dir}; a later file's score replaces an earlier one's for the same key. */
  static Results readAll(Path dir) {
    List<Score> scores = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        scores.addAll(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Results(scores);
  }

  static List<Score> read(Path file) throws IOException {
    List<Score> scores = new ArrayList<>();
    for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
      String name = run.path("benchmark").asText();
      String[] parts = name.split("\\.");
      JsonNode params = run.path("params");
      JsonNode metric = run.path("primaryMetric");
      Key key = new Key(parts[parts.length - 2] + "." + parts[parts.length - 1], params.path("store").asText(""),
          params.path("stored").asInt(0), run.path("threads").asInt());
      Method method = new Method(run.path("forks").asInt(), run.path("warmupIterations").asInt(),
          run.path("warmupTime").asText("?"), run.path("measurementIterations").asInt(),
          run.path("measurementTime").asText("?"));
      scores.add(new Score(key, metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN),
          method));
    }
    return scores;
  }

  /** The last score recorded for the key. */
  Optional<Score> find(Key key) {
    return Optional.ofNullable(scores.get(key));
  }

  /** The methods the scores were measured with, each once, in the order first met. */
  Set<Method> methods() {
    Set<Method> methods = new LinkedHashSet<>();
    scores.values().forEach(s -> methods.add(s.method()));
    return methods;
  }

  /** Every score, the last of each key. */
  List<Score> scores() {
    return List.copyOf(scores.values());
  }

  boolean isEmpty() {
    return scores.isEmpty();
  }
}
