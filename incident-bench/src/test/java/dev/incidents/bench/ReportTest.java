package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.incidents.bench.Report.Target;
import dev.incidents.bench.Report.Verdict;
import dev.incidents.bench.Results.Key;
import dev.incidents.bench.Results.Method;
import dev.incidents.bench.Results.Score;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic, verdicts and tables, on made-up scores (the benchmarks themselves run outside the tests). */
class ReportTest {

  private static final Method FULL = new Method(2, 10, "3 s", 5, "2 s");

  /** A stable score: its half-width is 1% of it. */
  private static Score score(String benchmark, String store, int stored, int threads, double value) {
    return new Score(new Key(benchmark, store, stored, threads), value, value / 100, FULL);
  }

  private static Score score(String benchmark, String store, int threads, double value) {
    return score(benchmark, store, 0, threads, value);
  }

  private static Score withError(Score s, double error) {
    return new Score(s.key(), s.score(), error, s.method());
  }

  @Test
  void targets_compare_the_right_scores_and_say_met_missed_or_not_run() {
    Results results = new Results(List.of(
        score(Report.CREATE, "mapdb-file", 1, 900), score(Report.RAW, "mapdb-file", 1, 1000),
        score(Report.CREATE, "mapdb-file", 8, 3600),
        score(Report.CREATE, "postgresql", 8, 790), score(Report.RAW, "postgresql", 8, 1000),
        score(Report.CREATE, "mariadb", 1, 800), score(Report.RAW, "mariadb", 1, 1000),
        score(Report.IMPORT, "mapdb-file", 1, 800), score(Report.IMPORT_WITH_KEYS, "mapdb-file", 1, 700),
        score(Report.RAW_BATCH, "mapdb-file", 1, 1000),
        score(Report.CREATE, "memory", 1, 100_000),
        score(Report.SCALE, "memory", 1_000, 1, 100), score(Report.SCALE, "memory", 100_000, 1, 90),
        score(Report.SCALE, "memory", 1_000_000, 1, 70),
        score(Report.SCALE, "h2-file", 1_000, 1, 100), score(Report.SCALE, "h2-file", 100_000, 1, 90),
        score(Report.SCALE, "h2-file", 1_000_000, 1, 115),
        score(Report.SCALE, "mapdb-memory", 1_000, 1, 100), score(Report.SCALE, "mapdb-memory", 100_000, 1, 95),
        score(Report.SCALE, "mapdb-memory", 1_000_000, 1, 130)));
    List<Target> targets = new Report(results).targetList();

    // mapdb-file's one writer is held to 0.9x now: exactly on the bound is met.
    assertThat(target(targets, "1 writer, mapdb-file").measured()).hasValue(0.9);
    assertThat(target(targets, "1 writer, mapdb-file").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "8 writers, mapdb-file").measured()).hasValue(4.0);
    assertThat(target(targets, "8 writers, mapdb-file").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "8 writers, postgresql").measured().getAsDouble()).isCloseTo(0.79, within(1e-9));
    assertThat(target(targets, "8 writers, postgresql").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "1 writer, mariadb").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "8 writers, mariadb").verdict()).isEqualTo(Verdict.NOT_RUN);
    assertThat(target(targets, "JSONL import (no keys").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "JSONL import with keys").measured().getAsDouble()).isCloseTo(0.7, within(1e-9));
    assertThat(target(targets, "JSONL import with keys").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "in-memory").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "in-memory").boundText()).isEqualTo("≥ 100,000/s");
    assertThat(target(targets, "1 writer, postgresql").verdict()).isEqualTo(Verdict.NOT_RUN);
    assertThat(target(targets, "1 writer, postgresql").measured()).isEmpty();
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), memory").measured().getAsDouble())
        .isCloseTo(0.7, within(1e-9));
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), memory").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), h2-file").measured().getAsDouble())
        .isCloseTo(1.15, within(1e-9));
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), h2-file").verdict()).isEqualTo(Verdict.MET);
    // Faster when full is not flat either: within 20% goes both ways.
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), mapdb-memory").measured().getAsDouble())
        .isCloseTo(1.3, within(1e-9));
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), mapdb-memory").verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "flat from 1k to 1M stored (within 20%), mapdb-memory").boundText())
        .isEqualTo("0.80x to 1.20x");
  }

  @Test
  void every_store_has_a_flatness_target_and_the_issue_s_targets_are_all_there() {
    List<String> names = new Report(new Results(List.of())).targetList().stream().map(Target::what).toList();
    for (StoreKind kind : StoreKind.values()) {
      assertThat(names).contains("flat from 1k to 1M stored (within 20%), " + kind.id + ": worst size / 1k");
    }
    assertThat(names).anyMatch(n -> n.startsWith("1 writer, mapdb-file")).anyMatch(n -> n.startsWith("1 writer, h2-file"))
        .anyMatch(n -> n.startsWith("1 writer, postgresql")).anyMatch(n -> n.startsWith("1 writer, mariadb"))
        .anyMatch(n -> n.startsWith("8 writers, mapdb-file")).anyMatch(n -> n.startsWith("8 writers, postgresql"))
        .anyMatch(n -> n.startsWith("8 writers, mariadb")).anyMatch(n -> n.startsWith("JSONL import (no keys"))
        .anyMatch(n -> n.startsWith("JSONL import with keys")).anyMatch(n -> n.startsWith("in-memory"));
  }

  @Test
  void updates_are_judged_against_the_same_store_s_create_and_filters_against_their_page_at_10k() {
    Results results = new Results(List.of(
        score(Report.CREATE, "postgresql", 1, 1000), score(Report.UPDATE_OWN, "postgresql", 1, 850),
        score(Report.UPDATE_SHARED, "postgresql", 1, 840),
        score(Report.CREATE, "mapdb-file", 1, 1000), score(Report.UPDATE_OWN, "mapdb-file", 1, 700),
        score(Report.UPDATE_SHARED, "mapdb-file", 1, 700),
        score(Report.SELECTIVE, "memory", 10_000, 1, 5000), score(Report.SELECTIVE, "memory", 100_000, 1, 4000),
        score(Report.SELECTIVE, "memory", 1_000_000, 1, 2600),
        score(Report.BROAD, "memory", 10_000, 1, 9000), score(Report.BROAD, "memory", 1_000_000, 1, 9000),
        score(Report.SELECTIVE, "h2-file", 10_000, 1, 5000), score(Report.SELECTIVE, "h2-file", 1_000_000, 1, 50)));
    Report report = new Report(results);
    List<Target> targets = report.targetList();

    assertThat(target(targets, "1 writer, postgresql: update").measured().getAsDouble()).isCloseTo(0.85, within(1e-9));
    assertThat(target(targets, "1 writer, postgresql: update").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "1 writer, mapdb-file: update").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "1 writer, mariadb: update").verdict()).isEqualTo(Verdict.NOT_RUN);
    assertThat(targets).noneMatch(t -> t.what().startsWith("1 writer, memory: update"));
    assertThat(target(targets, "selective page of 50, memory").measured().getAsDouble()).isCloseTo(0.52, within(1e-9));
    assertThat(target(targets, "selective page of 50, memory").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "selective page of 50, h2-file").verdict()).isEqualTo(Verdict.MISSED);

    String text = report.render("m", "c");
    assertThat(text).contains("| postgresql | 1 | 850 ± 8.5 | 840 ± 8.4 | 1,000 ± 10.0 | 0.85x | 0.99x |")
        .contains("| memory | severity 0 (1%) | 5,000 ± 50.0 | 4,000 ± 40.0 | 2,600 ± 26.0 | 0.52x |")
        .contains("| memory | one owner (50%) | 9,000 ± 90.0 | not run | 9,000 ± 90.0 | 1.00x |");
  }

  @Test
  void events_are_judged_against_the_same_store_s_create_at_the_same_writers_on_durable_stores_only() {
    Results results = new Results(List.of(
        score(Report.CREATE, "postgresql", 8, 1000), score(Report.EVENTS, "postgresql", 8, 800),
        score(Report.CREATE, "mapdb-file", 1, 1000), score(Report.EVENTS, "mapdb-file", 1, 700),
        score(Report.CREATE, "mapdb-file", 8, 3000)));
    Report report = new Report(results);
    List<Target> targets = report.targetList();

    assertThat(target(targets, "8 writers, postgresql: create with events").measured().getAsDouble())
        .isCloseTo(0.8, within(1e-9));
    assertThat(target(targets, "8 writers, postgresql: create with events").verdict()).isEqualTo(Verdict.MET);
    assertThat(target(targets, "1 writer, mapdb-file: create with events").verdict()).isEqualTo(Verdict.MISSED);
    assertThat(target(targets, "8 writers, mapdb-file: create with events").verdict()).isEqualTo(Verdict.NOT_RUN);
    assertThat(target(targets, "1 writer, mariadb: create with events").verdict()).isEqualTo(Verdict.NOT_RUN);
    assertThat(targets).noneMatch(t -> t.what().contains("memory: create with events"));
    assertThat(report.render("m", "c")).contains("| postgresql | 8 | 800 ± 8.0 | 1,000 ± 10.0 | 0.80x |")
        .contains("| mapdb-file | 1 | 700 ± 7.0 | 1,000 ± 10.0 | 0.70x |")
        .contains("| mapdb-file | 8 | not run | 3,000 ± 30.0 | – |");
  }

  @Test
  void a_figure_is_stable_when_its_half_width_is_at_most_a_tenth_of_it() {
    Score base = score(Report.CREATE, "memory", 1, 1000);
    assertThat(withError(base, 100).stable()).isTrue();
    assertThat(withError(base, 100.5).stable()).isFalse();
    assertThat(withError(base, 0).stable()).isTrue();
    // One iteration gives no interval: nothing says the figure is stable.
    assertThat(withError(base, Double.NaN).stable()).isFalse();
    assertThat(new Score(base.key(), 0, 0, FULL).stable()).isFalse();
  }

  @Test
  void a_target_drawn_from_an_unstable_figure_gets_no_verdict() {
    Score create = score(Report.CREATE, "mapdb-file", 1, 950);
    Score raw = score(Report.RAW, "mapdb-file", 1, 1000);
    // Met on the figures (0.95x), but the baseline's interval is 15% of it.
    Target met = target(new Report(new Results(List.of(create, withError(raw, 150)))).targetList(), "1 writer, mapdb-file");
    assertThat(met.verdict()).isEqualTo(Verdict.UNSTABLE);
    assertThat(met.measuredText()).isEqualTo("0.95x");
    assertThat(met.basis()).isEqualTo("950/s ± 1.0% vs 1,000/s ± 15% (unstable)");
    // Missed on the figures (0.5x), with the create unstable: no verdict either way.
    Target missed = target(new Report(new Results(List.of(withError(score(Report.CREATE, "mapdb-file", 1, 500), 60),
        raw))).targetList(), "1 writer, mapdb-file");
    assertThat(missed.verdict()).isEqualTo(Verdict.UNSTABLE);

    Score memory = score(Report.CREATE, "memory", 1, 120_000);
    assertThat(target(new Report(new Results(List.of(withError(memory, Double.NaN)))).targetList(), "in-memory")
        .verdict()).isEqualTo(Verdict.UNSTABLE);
    assertThat(target(new Report(new Results(List.of(memory))).targetList(), "in-memory").verdict())
        .isEqualTo(Verdict.MET);
  }

  @Test
  void flatness_is_unstable_if_any_of_its_three_sizes_is() {
    List<Score> scale = new ArrayList<>(List.of(score(Report.SCALE, "postgresql", 1_000, 1, 100),
        score(Report.SCALE, "postgresql", 100_000, 1, 100), score(Report.SCALE, "postgresql", 1_000_000, 1, 100)));
    assertThat(new Report(new Results(scale)).flat(StoreKind.POSTGRESQL).verdict()).isEqualTo(Verdict.MET);
    scale.set(1, withError(scale.get(1), 11));
    Target flat = new Report(new Results(scale)).flat(StoreKind.POSTGRESQL);
    assertThat(flat.verdict()).isEqualTo(Verdict.UNSTABLE);
    assertThat(flat.basis()).isEqualTo("100/s ± 1.0% at 1k, 100/s ± 11% (unstable) at 100k, 100/s ± 1.0% at 1M");
  }

  @Test
  void the_tables_mark_unstable_figures_and_the_ratios_drawn_from_them() {
    Results results = new Results(List.of(
        score(Report.CREATE, "mapdb-file", 1, 1_500), withError(score(Report.RAW, "mapdb-file", 1, 2_050), 300),
        score(Report.CREATE, "mapdb-file", 2, 2_340),
        withError(score(Report.CREATE, "memory", 1, 70_600), 64_400),
        score(Report.SCALE, "h2-file", 1_000, 1, 33_400), score(Report.SCALE, "h2-file", 100_000, 1, 33_100),
        withError(score(Report.SCALE, "h2-file", 1_000_000, 1, 31_700), 23_800),
        new Score(new Key("StagesBenchmark.validate", "", 0, 1), 358_000, 2_370, new Method(1, 2, "1 s", 3, "1 s"))));
    String report = new Report(results).render("The machine.", "the command");
    List<String> lines = Arrays.asList(report.split("\n"));

    assertThat(lines).startsWith("### Machine, method and command", "", "The machine.", "");
    assertThat(lines).contains(
        "- `CreateBenchmark`, `RawBenchmark`, `ScaleBenchmark`: 2 forks of 10 warm-up iterations of 3 s and 5 measured "
            + "iterations of 2 s.",
        "- `StagesBenchmark`: 1 fork of 2 warm-up iterations of 1 s and 3 measured iterations of 1 s.");
    assertThat(lines).contains("0 met, 0 missed, 3 unstable (a figure's 99.9% half-width above 10% of its value: "
        + "no verdict), " + (new Report(results).targetList().size() - 3) + " not run.");
    assertThat(lines).contains("| 1 writer, mapdb-file: create / raw put+commit | 0.73x | ≥ 0.90x | **unstable** | "
        + "1,500/s ± 1.0% vs 2,050/s ± 15% (unstable) |");
    assertThat(lines).contains("| in-memory full pipeline, 1 thread: creates per second | 70,600/s | ≥ 100,000/s | "
        + "**unstable** | 70,600/s ± 91% (unstable) |");
    assertThat(lines).contains("| 1 writer, postgresql: create / raw INSERT+commit | – | ≥ 0.80x | not run |  |");
    assertThat(lines).contains("| 1 | 1,500 ± 15.0 | 2,050 ± 300 (unstable) | 0.73x (unstable) | 1.00x |");
    assertThat(lines).contains("| 2 | 2,340 ± 23.4 | not run | – | 1.56x |");
    assertThat(lines).contains("| 1 | 70,600 ± 64,400 (unstable) | not run | – | 1.00x (unstable) |");
    assertThat(lines).contains("| h2-file | 33,400 ± 334 | 33,100 ± 331 | 31,700 ± 23,800 (unstable) | 0.95x (unstable) |");
    assertThat(lines).contains("| validate (`StagesBenchmark.validate`) | 358,000 ± 2,370 |");
    // What was not run is left out: thread counts, stores, operations and whole groups.
    assertThat(lines).contains("**mapdb-file**", "**memory**").doesNotContain("**postgresql**", "**mariadb**");
    assertThat(lines).noneMatch(l -> l.startsWith("| 4 |") || l.startsWith("| postgresql |") || l.contains("readRequest"));
    assertThat(report).contains("### JSONL import (`ImportBenchmark`)\n\nNot run.\n");
    assertThat(report).doesNotContain("| store (10,000 incidents)");
  }

  @Test
  void a_full_run_has_a_table_for_every_store_mariadb_included() {
    List<Score> scores = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      for (int threads : Report.THREADS) {
        scores.add(score(Report.CREATE, kind.id, threads, 1000));
        scores.add(score(Report.RAW, kind.id, threads, 2000));
      }
      for (int size : Report.SIZES) {
        scores.add(score(Report.SCALE, kind.id, size, 1, 1000));
      }
      scores.add(score("ReadBenchmark.getById", kind.id, 1, 5000));
      scores.add(score("ReadBenchmark.listPage", kind.id, 1, 500));
    }
    List<String> lines = Arrays.asList(new Report(new Results(scores)).render("m", "c").split("\n"));
    for (StoreKind kind : StoreKind.values()) {
      assertThat(lines).contains("**" + kind.id + "**", "| " + kind.id + " | 1,000 ± 10.0 | 1,000 ± 10.0 | 1,000 ± 10.0 | 1.00x |",
          "| " + kind.id + " | 5,000 ± 50.0 | 500 ± 5.0 |");
    }
    assertThat(lines).contains("| 8 | 1,000 ± 10.0 | 2,000 ± 20.0 | 0.50x | 1.00x |",
        "| flat from 1k to 1M stored (within 20%), mariadb: worst size / 1k | 1.00x | 0.80x to 1.20x | **met** | "
            + "1,000/s ± 1.0% at 1k, 1,000/s ± 1.0% at 100k, 1,000/s ± 1.0% at 1M |");
  }

  @Test
  void scores_are_read_from_jmh_json_with_their_method(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("threads-t1.json"), """
        [ { "benchmark": "dev.incidents.bench.CreateBenchmark.create", "threads": 1, "forks": 2,
            "warmupIterations": 10, "warmupTime": "3 s", "measurementIterations": 5, "measurementTime": "2 s",
            "params": {"store": "mariadb"},
            "primaryMetric": {"score": 1234.5, "scoreError": 56.7} },
          { "benchmark": "dev.incidents.bench.ScaleBenchmark.create", "threads": 1, "forks": 1,
            "warmupIterations": 2, "warmupTime": "1 s", "measurementIterations": 1, "measurementTime": "1 s",
            "params": {"store": "memory", "stored": "100000"},
            "primaryMetric": {"score": 99.0, "scoreError": "NaN"} } ]""");
    Results results = Results.readAll(dir);

    assertThat(results.find(Key.of(Report.CREATE, StoreKind.MARIADB, 1))).contains(
        new Score(Key.of(Report.CREATE, StoreKind.MARIADB, 1), 1234.5, 56.7, FULL));
    Score scale = results.find(new Key(Report.SCALE, "memory", 100_000, 1)).orElseThrow();
    assertThat(scale.error()).isNaN();
    assertThat(scale.method()).isEqualTo(new Method(1, 2, "1 s", 1, "1 s"));
    assertThat(results.methods()).containsExactly(FULL, new Method(1, 2, "1 s", 1, "1 s"));
  }

  @Test
  void a_later_score_replaces_an_earlier_one_for_the_same_key() {
    Results results = new Results(List.of(score(Report.CREATE, "memory", 1, 1), score(Report.CREATE, "memory", 1, 2)));
    assertThat(results.find(Key.of(Report.CREATE, StoreKind.MEMORY, 1))).get().extracting(Score::score).isEqualTo(2.0);
    assertThat(results.scores()).hasSize(1);
  }

  @Test
  void rates_keep_three_significant_digits() {
    assertThat(Report.rate(81_803.2)).isEqualTo("81,800");
    assertThat(Report.rate(1_492.9)).isEqualTo("1,490");
    assertThat(Report.rate(356.4)).isEqualTo("356");
    assertThat(Report.rate(12.34)).isEqualTo("12.3");
    assertThat(Report.percent(0.153)).isEqualTo("15%");
    assertThat(Report.percent(0.0123)).isEqualTo("1.2%");
  }

  @Test
  void the_store_list_jmh_runs_names_every_store_in_order() {
    assertThat(StoreKind.ALL).isEqualTo(Arrays.stream(StoreKind.values()).map(k -> k.id).collect(Collectors.joining(",")));
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

  private static Target target(List<Target> targets, String prefix) {
    return targets.stream().filter(t -> t.what().startsWith(prefix)).findFirst().orElseThrow();
  }
}
