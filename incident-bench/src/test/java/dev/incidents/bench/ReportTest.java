package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.incidents.bench.Results.Score;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic and verdicts, on made-up scores (the benchmarks themselves run outside the tests). */
class ReportTest {

  private static Score score(String benchmark, String store, int stored, int threads, double value) {
    return new Score(benchmark, store, stored, threads, value, 1.0);
  }

  @Test
  void targets_compare_the_right_scores_and_say_met_missed_or_not_run() {
    Results results = new Results(List.of(
        score(Report.CREATE, "mapdb-file", 0, 1, 900), score(Report.RAW, "mapdb-file", 0, 1, 1000),
        score(Report.CREATE, "mapdb-file", 0, 8, 3600),
        score(Report.CREATE, "memory", 0, 1, 80_000),
        score("ScaleBenchmark.create", "memory", 1_000, 1, 100), score("ScaleBenchmark.create", "memory", 100_000, 1, 90),
        score("ScaleBenchmark.create", "memory", 1_000_000, 1, 70),
        score("ScaleBenchmark.create", "h2-file", 1_000, 1, 100), score("ScaleBenchmark.create", "h2-file", 100_000, 1, 90),
        score("ScaleBenchmark.create", "h2-file", 1_000_000, 1, 115),
        score("ScaleBenchmark.create", "mapdb-memory", 1_000, 1, 100),
        score("ScaleBenchmark.create", "mapdb-memory", 100_000, 1, 95),
        score("ScaleBenchmark.create", "mapdb-memory", 1_000_000, 1, 130)));
    List<Report.Target> targets = new Report(results).targetList();

    assertThat(verdict(targets, "1 writer, mapdb-file")).isEqualTo("**met**");
    assertThat(measured(targets, "1 writer, mapdb-file")).isEqualTo(0.9);
    assertThat(verdict(targets, "8 writers, mapdb-file")).isEqualTo("**missed**");
    assertThat(measured(targets, "8 writers, mapdb-file")).isEqualTo(4.0);
    assertThat(verdict(targets, "in-memory")).isEqualTo("**met**");
    assertThat(verdict(targets, "1 writer, postgresql")).isEqualTo("not run");
    assertThat(measured(targets, "flat from 1k to 1M stored (within 20%), memory")).isEqualTo(0.7);
    assertThat(verdict(targets, "flat from 1k to 1M stored (within 20%), memory")).isEqualTo("**missed**");
    assertThat(measured(targets, "flat from 1k to 1M stored (within 20%), h2-file")).isCloseTo(1.15, within(1e-9));
    assertThat(verdict(targets, "flat from 1k to 1M stored (within 20%), h2-file")).isEqualTo("**met**");
    // Faster when full is not flat either: within 20% goes both ways.
    assertThat(measured(targets, "flat from 1k to 1M stored (within 20%), mapdb-memory")).isCloseTo(1.3, within(1e-9));
    assertThat(verdict(targets, "flat from 1k to 1M stored (within 20%), mapdb-memory")).isEqualTo("**missed**");
  }

  @Test
  void a_later_score_replaces_an_earlier_one_for_the_same_key() {
    Results results = new Results(List.of(score(Report.CREATE, "memory", 0, 1, 1), score(Report.CREATE, "memory", 0, 1, 2)));
    assertThat(results.find(Report.CREATE, "memory", 1)).get().extracting(Score::score).isEqualTo(2.0);
  }

  @Test
  void rates_keep_three_significant_digits() {
    assertThat(Report.rate(81_803.2)).isEqualTo("81,800");
    assertThat(Report.rate(1_492.9)).isEqualTo("1,490");
    assertThat(Report.rate(356.4)).isEqualTo("356");
    assertThat(Report.rate(12.34)).isEqualTo("12.3");
  }

  @Test
  void the_section_between_the_markers_is_replaced_and_the_rest_kept(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("PERFORMANCE.md");
    Files.writeString(doc, "intro\n" + BenchReport.BEGIN + "\nold\n" + BenchReport.END + "\noutro\n");
    BenchReport.replaceSection(doc, "new\n");
    assertThat(Files.readString(doc)).isEqualTo("intro\n" + BenchReport.BEGIN + "\nnew\n" + BenchReport.END + "\noutro\n");

    Files.writeString(doc, "no markers");
    assertThatThrownBy(() -> BenchReport.replaceSection(doc, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String verdict(List<Report.Target> targets, String prefix) {
    return targets.stream().filter(t -> t.what().startsWith(prefix)).findFirst().orElseThrow().verdict();
  }

  private static double measured(List<Report.Target> targets, String prefix) {
    return targets.stream().filter(t -> t.what().startsWith(prefix)).findFirst().orElseThrow().measured().getAsDouble();
  }
}
