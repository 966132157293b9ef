package dev.incidents.bench;

import dev.incidents.bench.Results.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The measured part of docs/PERFORMANCE.md, written from {@link Results}: the targets of issue #8 with
 * their verdicts, then one table per store and group. A score that was not measured shows as "not run".
 */
final class Report {

  static final int[] THREADS = {1, 2, 4, 8};
  static final int[] SIZES = {1_000, 100_000, 1_000_000};
  static final String CREATE = "CreateBenchmark.create";
  static final String RAW = "RawBenchmark.write";

  private final Results results;
  private final StringBuilder out = new StringBuilder();

  Report(Results results) {
    this.results = results;
  }

  /** Markdown, starting with a level-3 heading. */
  String render(String machine, String command) {
    line("### Machine and command");
    line();
    line(machine);
    line();
    line("```");
    line(command);
    line("```");
    line();
    targets();
    createByThreads();
    importTable();
    scaleTable();
    stagesAndReads();
    return out.toString();
  }

  /**
   * A target of the issue: what it compares, the measured ratio or rate, and whether it holds: at least
   * {@code bound}, and at most {@code upper} (infinite for a one-sided target).
   */
  record Target(String what, OptionalDouble measured, double bound, double upper, String unit, String basis) {
    Target(String what, OptionalDouble measured, double bound, String unit, String basis) {
      this(what, measured, bound, Double.POSITIVE_INFINITY, unit, basis);
    }

    String verdict() {
      if (measured.isEmpty()) {
        return "not run";
      }
      double m = measured.getAsDouble();
      return m >= bound && m <= upper ? "**met**" : "**missed**";
    }

    String boundText() {
      String low = unit.equals("x") ? ratioText(bound) : rate(bound) + "/s";
      return Double.isInfinite(upper) ? "≥ " + low : low + " to " + ratioText(upper);
    }
  }

  List<Target> targetList() {
    List<Target> targets = new ArrayList<>();
    for (StoreKind kind : List.of(StoreKind.MAPDB_FILE, StoreKind.H2_FILE, StoreKind.POSTGRESQL)) {
      targets.add(new Target("1 writer, " + kind.id + ": create / raw put+commit", ratio(CREATE, kind, 1, RAW, kind, 1),
          0.8, "x", basis(CREATE, kind, 1, RAW, kind, 1)));
    }
    targets.add(new Target("8 writers, mapdb-file: create at 8 / create at 1", ratio(CREATE, StoreKind.MAPDB_FILE, 8,
        CREATE, StoreKind.MAPDB_FILE, 1), 5.0, "x", basis(CREATE, StoreKind.MAPDB_FILE, 8, CREATE, StoreKind.MAPDB_FILE, 1)));
    targets.add(new Target("8 writers, postgresql: create / raw INSERT+commit on 8 connections",
        ratio(CREATE, StoreKind.POSTGRESQL, 8, RAW, StoreKind.POSTGRESQL, 8), 0.7, "x",
        basis(CREATE, StoreKind.POSTGRESQL, 8, RAW, StoreKind.POSTGRESQL, 8)));
    targets.add(new Target("JSONL import (no keys, the default), mapdb-file: batches of 1,000 / raw puts 1,000 per commit",
        ratio("ImportBenchmark.importBatch", StoreKind.MAPDB_FILE, 1, "ImportBenchmark.rawBatch", StoreKind.MAPDB_FILE, 1),
        0.7, "x", basis("ImportBenchmark.importBatch", StoreKind.MAPDB_FILE, 1, "ImportBenchmark.rawBatch",
        StoreKind.MAPDB_FILE, 1)));
    Optional<Score> memory = results.find(CREATE, StoreKind.MEMORY.id, 1);
    targets.add(new Target("in-memory full pipeline, 1 thread", memory.map(s -> OptionalDouble.of(s.score()))
        .orElse(OptionalDouble.empty()), 50_000, "/s", "creates per second"));
    for (StoreKind kind : StoreKind.values()) {
      targets.add(new Target("flat from 1k to 1M stored (within 20%), " + kind.id + ": worst size / 1k",
          flatness(kind), 0.8, 1.2, "x", scaleBasis(kind)));
    }
    return targets;
  }

  private void targets() {
    line("### Targets");
    line();
    line("| target | measured | bound | verdict | from |");
    line("|---|---:|---:|---|---|");
    for (Target t : targetList()) {
      line("| " + t.what() + " | " + (t.measured().isEmpty() ? "–" : t.unit().equals("x")
          ? ratioText(t.measured().getAsDouble()) : rate(t.measured().getAsDouble()) + "/s") + " | "
          + t.boundText() + " | "
          + t.verdict() + " | " + t.basis() + " |");
    }
    line();
  }

  private void createByThreads() {
    line("### Create against raw writes, by threads");
    line();
    line("Full pipeline (`CreateBenchmark`: request JSON in, response JSON out) against the same document bytes "
        + "written the plainest way (`RawBenchmark`), one commit each, in creates (or writes) per second. "
        + "±: JMH's 99.9% confidence half-width.");
    line();
    for (StoreKind kind : StoreKind.values()) {
      line("**" + kind.id + "**");
      line();
      line("| threads | create/s | raw/s | create / raw | create / create at 1 thread |");
      line("|---:|---:|---:|---:|---:|");
      for (int threads : THREADS) {
        line("| " + threads + " | " + scoreText(results.find(CREATE, kind.id, threads)) + " | "
            + scoreText(results.find(RAW, kind.id, threads)) + " | " + ratioText(ratio(CREATE, kind, threads, RAW, kind,
            threads)) + " | " + ratioText(ratio(CREATE, kind, threads, CREATE, kind, 1)) + " |");
      }
      line();
    }
    line("![Throughput against threads](throughput-threads.png)");
    line();
  }

  private void importTable() {
    line("### JSONL import (`ImportBenchmark`)");
    line();
    line("| store | import, documents/s | with keys | raw batched puts/s | import / raw | with keys / raw |");
    line("|---|---:|---:|---:|---:|---:|");
    for (StoreKind kind : StoreKind.values()) {
      Optional<Score> imported = results.find("ImportBenchmark.importBatch", kind.id, 1);
      Optional<Score> keyed = results.find("ImportBenchmark.importBatchWithKeys", kind.id, 1);
      Optional<Score> raw = results.find("ImportBenchmark.rawBatch", kind.id, 1);
      if (imported.isPresent() || raw.isPresent()) {
        line("| " + kind.id + " | " + scoreText(imported) + " | " + scoreText(keyed) + " | " + scoreText(raw) + " | "
            + ratioText(ratio("ImportBenchmark.importBatch", kind, 1, "ImportBenchmark.rawBatch", kind, 1)) + " | "
            + ratioText(ratio("ImportBenchmark.importBatchWithKeys", kind, 1, "ImportBenchmark.rawBatch", kind, 1))
            + " |");
      }
    }
    line();
  }

  private void scaleTable() {
    line("### Create cost against stored incidents (`ScaleBenchmark`, 1 thread)");
    line();
    line("| store | 1k stored | 100k stored | 1M stored | worst / 1k |");
    line("|---|---:|---:|---:|---:|");
    for (StoreKind kind : StoreKind.values()) {
      StringBuilder row = new StringBuilder("| " + kind.id + " |");
      for (int size : SIZES) {
        row.append(' ').append(scoreText(results.find("ScaleBenchmark.create", kind.id, size, 1))).append(" |");
      }
      line(row + " " + ratioText(flatness(kind)) + " |");
    }
    line();
  }

  private void stagesAndReads() {
    line("### Stages and reads (1 thread)");
    line();
    line("| operation | per second |");
    line("|---|---:|");
    line("| read the request JSON (`StagesBenchmark.readRequest`) | " + scoreText(results.find(
        "StagesBenchmark.readRequest", "", 1)) + " |");
    line("| validate (`StagesBenchmark.validate`) | " + scoreText(results.find("StagesBenchmark.validate", "", 1)) + " |");
    line("| write the response JSON (`StagesBenchmark.writeResponse`) | " + scoreText(results.find(
        "StagesBenchmark.writeResponse", "", 1)) + " |");
    line();
    line("| store (10,000 incidents) | get by id/s | list page of 50/s |");
    line("|---|---:|---:|");
    for (StoreKind kind : StoreKind.values()) {
      line("| " + kind.id + " | " + scoreText(results.find("ReadBenchmark.getById", kind.id, 1)) + " | "
          + scoreText(results.find("ReadBenchmark.listPage", kind.id, 1)) + " |");
    }
    line();
  }

  /**
   * The worst size's score over the 1k score: of the ratios 100k/1k and 1M/1k, the one farther from 1 (a
   * store that is faster when full is not flat either; it usually means the 1k score was disturbed).
   */
  OptionalDouble flatness(StoreKind kind) {
    Optional<Score> base = results.find("ScaleBenchmark.create", kind.id, SIZES[0], 1);
    if (base.isEmpty()) {
      return OptionalDouble.empty();
    }
    double worst = 1;
    for (int i = 1; i < SIZES.length; i++) {
      Optional<Score> at = results.find("ScaleBenchmark.create", kind.id, SIZES[i], 1);
      if (at.isEmpty()) {
        return OptionalDouble.empty();
      }
      double ratio = at.get().score() / base.get().score();
      if (Math.abs(Math.log(ratio)) > Math.abs(Math.log(worst))) {
        worst = ratio;
      }
    }
    return OptionalDouble.of(worst);
  }

  private String scaleBasis(StoreKind kind) {
    List<String> parts = new ArrayList<>();
    for (int size : SIZES) {
      results.find("ScaleBenchmark.create", kind.id, size, 1)
          .ifPresent(s -> parts.add(rate(s.score()) + "/s at " + (size >= 1_000_000 ? size / 1_000_000 + "M"
              : size / 1000 + "k")));
    }
    return String.join(", ", parts);
  }

  private OptionalDouble ratio(String a, StoreKind aKind, int aThreads, String b, StoreKind bKind, int bThreads) {
    Optional<Score> x = results.find(a, aKind.id, aThreads);
    Optional<Score> y = results.find(b, bKind.id, bThreads);
    return x.isPresent() && y.isPresent() ? OptionalDouble.of(x.get().score() / y.get().score()) : OptionalDouble.empty();
  }

  private String basis(String a, StoreKind aKind, int aThreads, String b, StoreKind bKind, int bThreads) {
    Optional<Score> x = results.find(a, aKind.id, aThreads);
    Optional<Score> y = results.find(b, bKind.id, bThreads);
    return x.isPresent() && y.isPresent() ? rate(x.get().score()) + "/s vs " + rate(y.get().score()) + "/s" : "";
  }

  static String scoreText(Optional<Score> score) {
    return score.map(s -> rate(s.score()) + (Double.isNaN(s.error()) ? "" : " ± " + rate(s.error()))).orElse("not run");
  }

  static String ratioText(OptionalDouble ratio) {
    return ratio.isPresent() ? ratioText(ratio.getAsDouble()) : "–";
  }

  static String ratioText(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }

  /** A rate with three significant digits at most, grouped by thousands. */
  static String rate(double value) {
    double rounded = value >= 1000 ? Math.round(value / Math.pow(10, Math.floor(Math.log10(value)) - 2))
        * Math.pow(10, Math.floor(Math.log10(value)) - 2) : value;
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", rounded) : String.format(Locale.ROOT, "%.1f", value);
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
