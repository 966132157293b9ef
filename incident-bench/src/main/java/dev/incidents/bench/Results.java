package dev.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Scores read back from JMH's JSON result files, so a report can be written again without a new run. */
final class Results {

  /**
   * One JMH score.
   *
   * @param benchmark the class and method, such as {@code CreateBenchmark.create}
   * @param store the {@code store} parameter, or "" when the benchmark has none
   * @param stored the {@code stored} parameter, or 0
   * @param threads JMH's thread count
   * @param score operations per second
   * @param error the half-width of the 99.9% confidence interval JMH reports (NaN with one iteration)
   */
  record Score(String benchmark, String store, int stored, int threads, double score, double error) {}

  private final List<Score> scores;

  Results(List<Score> scores) {
    this.scores = List.copyOf(scores);
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
      scores.add(new Score(parts[parts.length - 2] + "." + parts[parts.length - 1],
          params.path("store").asText(""), params.path("stored").asInt(0), run.path("threads").asInt(),
          metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN)));
    }
    return scores;
  }

  /** The last score recorded for the key. */
  Optional<Score> find(String benchmark, String store, int stored, int threads) {
    Score found = null;
    for (Score s : scores) {
      if (s.benchmark.equals(benchmark) && s.store.equals(store) && s.stored == stored && s.threads == threads) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  Optional<Score> find(String benchmark, String store, int threads) {
    return find(benchmark, store, 0, threads);
  }

  boolean isEmpty() {
    return scores.isEmpty();
  }
}
