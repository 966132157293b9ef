package dev.incidents.bench;

import dev.incidents.bench.Results.Key;
import dev.incidents.bench.Results.Method;
import dev.incidents.bench.Results.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The measured part of docs/PERFORMANCE.md, written from {@link Results}: the targets of issues #8 and #17 with
 * their verdicts, then one table per store and group. A score that was not measured shows as "not run"; a score
 * whose 99.9% half-width exceeds {@link Results#STABLE_HALF_WIDTH} of its value shows as unstable, and a target
 * drawn from one gets no verdict.
 *
 * <p>A new target is one line in {@link #targetList()}: {@link #ratio}, {@link #rate} or {@link #flat}.
 */
final class Report {

  static final int[] THREADS = {1, 2, 4, 8};
  static final int[] SIZES = {1_000, 100_000, 1_000_000};
  static final String CREATE = "CreateBenchmark.create";
  static final String RAW = "RawBenchmark.write";
  static final String IMPORT = "ImportBenchmark.importBatch";
  static final String IMPORT_WITH_KEYS = "ImportBenchmark.importBatchWithKeys";
  static final String RAW_BATCH = "ImportBenchmark.rawBatch";
  static final String SCALE = "ScaleBenchmark.create";
  static final String UPDATE_OWN = "UpdateBenchmark.updateOwn";
  static final String UPDATE_SHARED = "UpdateBenchmark.updateShared";
  static final int[] UPDATE_THREADS = {1, 8};
  static final String EVENTS = "EventsBenchmark.createWithEvents";
  static final int[] EVENT_THREADS = {1, 8};
  static final String SELECTIVE = "FilterBenchmark.selective";
  static final String BROAD = "FilterBenchmark.broad";
  static final int[] FILTER_SIZES = {10_000, 100_000, 1_000_000};
  static final String UNSTABLE_MARK = " (unstable)";

  /** What a target says once measured. */
  enum Verdict {
    MET("**met**"), MISSED("**missed**"), UNSTABLE("**unstable**"), NOT_RUN("not run");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  /**
   * A target: what it compares, the measured ratio or rate, and whether it holds: at least {@code low} and at
   * most {@code high} (infinite for a one-sided target), judged only when every figure it comes from is stable.
   *
   * @param basis the figures it comes from, each with its relative half-width
   */
  record Target(String what, OptionalDouble measured, double low, double high, boolean isRatio, String basis,
      Verdict verdict) {

    String measuredText() {
      return measured.isEmpty() ? "–" : isRatio ? ratioText(measured.getAsDouble()) : rate(measured.getAsDouble()) + "/s";
    }

    String boundText() {
      String lowText = isRatio ? ratioText(low) : rate(low) + "/s";
      return Double.isInfinite(high) ? "≥ " + lowText : lowText + " to " + (isRatio ? ratioText(high) : rate(high) + "/s");
    }
  }

  private final Results results;
  private final StringBuilder out = new StringBuilder();

  Report(Results results) {
    this.results = results;
  }

  /** Markdown, starting with a level-3 heading. */
  String render(String machine, String command) {
    line("### Machine, method and command");
    line();
    line(machine);
    line();
    for (Map.Entry<Method, Set<String>> method : methods().entrySet()) {
      line("- " + String.join(", ", method.getValue()) + ": " + method.getKey() + ".");
    }
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
    updateTable();
    eventsTable();
    filterTable();
    return out.toString();
  }

  /** Every target of the report, in the order the table lists them. */
  List<Target> targetList() {
    List<Target> targets = new ArrayList<>();
    targets.add(ratio("1 writer, mapdb-file: create / raw put+commit", create(StoreKind.MAPDB_FILE, 1),
        raw(StoreKind.MAPDB_FILE, 1), 0.9));
    for (StoreKind kind : List.of(StoreKind.H2_FILE, StoreKind.POSTGRESQL, StoreKind.MARIADB)) {
      targets.add(ratio("1 writer, " + kind.id + ": create / raw INSERT+commit", create(kind, 1), raw(kind, 1), 0.8));
    }
    targets.add(ratio("8 writers, mapdb-file: create at 8 / create at 1", create(StoreKind.MAPDB_FILE, 8),
        create(StoreKind.MAPDB_FILE, 1), 5.0));
    for (StoreKind kind : List.of(StoreKind.POSTGRESQL, StoreKind.MARIADB)) {
      targets.add(ratio("8 writers, " + kind.id + ": create / raw INSERT+commit on 8 connections", create(kind, 8),
          raw(kind, 8), 0.8));
    }
    targets.add(ratio("JSONL import (no keys, the default), mapdb-file: batches of 1,000 / raw puts 1,000 per commit",
        Key.of(IMPORT, StoreKind.MAPDB_FILE, 1), Key.of(RAW_BATCH, StoreKind.MAPDB_FILE, 1), 0.8));
    targets.add(ratio("JSONL import with keys, mapdb-file: batches of 1,000 / raw puts 1,000 per commit",
        Key.of(IMPORT_WITH_KEYS, StoreKind.MAPDB_FILE, 1), Key.of(RAW_BATCH, StoreKind.MAPDB_FILE, 1), 0.8));
    targets.add(rate("in-memory full pipeline, 1 thread: creates per second", create(StoreKind.MEMORY, 1), 100_000));
    for (StoreKind kind : StoreKind.values()) {
      targets.add(flat(kind));
    }
    for (StoreKind kind : StoreKind.values()) {
      if (kind.durable) {
        targets.add(ratio("1 writer, " + kind.id + ": update of one field / create", Key.of(UPDATE_OWN, kind, 1),
            create(kind, 1), 0.8));
      }
    }
    for (StoreKind kind : StoreKind.values()) {
      if (kind.durable) {
        for (int threads : EVENT_THREADS) {
          targets.add(ratio(threads + (threads == 1 ? " writer, " : " writers, ") + kind.id
              + ": create with events / create (events cost at most 25%)", Key.of(EVENTS, kind, threads),
              create(kind, threads), 0.75));
        }
      }
    }
    for (StoreKind kind : StoreKind.values()) {
      targets.add(ratio("selective page of 50, " + kind.id + ": at 1M stored / at 10k (within 2x)",
          new Key(SELECTIVE, kind.id, 1_000_000, 1), new Key(SELECTIVE, kind.id, 10_000, 1), 0.5));
    }
    return targets;
  }

  /** {@code numerator / denominator ≥ atLeast}. */
  Target ratio(String what, Key numerator, Key denominator, double atLeast) {
    return target(what, List.of(numerator, denominator), s -> s.get(0).score() / s.get(1).score(), atLeast,
        Double.POSITIVE_INFINITY, true, s -> figure(s.get(0)) + " vs " + figure(s.get(1)));
  }

  /** {@code key}'s score ≥ {@code atLeast} per second. */
  Target rate(String what, Key key, double atLeast) {
    return target(what, List.of(key), s -> s.get(0).score(), atLeast, Double.POSITIVE_INFINITY, false,
        s -> figure(s.get(0)));
  }

  /**
   * The create's cost flat within 20% from 1k to 1M stored, either way: of the ratios 100k/1k and 1M/1k, the one
   * farther from 1 (a store that is faster when full is not flat either; it usually means the 1k score was
   * disturbed).
   */
  Target flat(StoreKind kind) {
    List<Key> keys = new ArrayList<>();
    for (int size : SIZES) {
      keys.add(new Key(SCALE, kind.id, size, 1));
    }
    return target("flat from 1k to 1M stored (within 20%), " + kind.id + ": worst size / 1k", keys, s -> {
      double worst = 1;
      for (int i = 1; i < s.size(); i++) {
        double ratio = s.get(i).score() / s.get(0).score();
        if (Math.abs(Math.log(ratio)) > Math.abs(Math.log(worst))) {
          worst = ratio;
        }
      }
      return worst;
    }, 0.8, 1.2, true, s -> {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        parts.add(figure(s.get(i)) + " at " + sizeText(SIZES[i]));
      }
      return String.join(", ", parts);
    });
  }

  private Target target(String what, List<Key> keys, ToDoubleFunction<List<Score>> measure, double low, double high,
      boolean isRatio, Function<List<Score>, String> basis) {
    List<Score> scores = new ArrayList<>();
    for (Key key : keys) {
      Optional<Score> score = results.find(key);
      if (score.isEmpty()) {
        return new Target(what, OptionalDouble.empty(), low, high, isRatio, "", Verdict.NOT_RUN);
      }
      scores.add(score.get());
    }
    double measured = measure.applyAsDouble(scores);
    Verdict verdict = !scores.stream().allMatch(Score::stable) ? Verdict.UNSTABLE
        : measured >= low && measured <= high ? Verdict.MET : Verdict.MISSED;
    return new Target(what, OptionalDouble.of(measured), low, high, isRatio, basis.apply(scores), verdict);
  }

  private static Key create(StoreKind kind, int threads) {
    return Key.of(CREATE, kind, threads);
  }

  private static Key raw(StoreKind kind, int threads) {
    return Key.of(RAW, kind, threads);
  }

  private void targets() {
    List<Target> targets = targetList();
    Map<Verdict, Integer> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    targets.forEach(t -> counts.merge(t.verdict(), 1, Integer::sum));
    line("### Targets");
    line();
    line(counts.get(Verdict.MET) + " met, " + counts.get(Verdict.MISSED) + " missed, " + counts.get(Verdict.UNSTABLE)
        + " unstable (a figure's 99.9% half-width above " + percent(Results.STABLE_HALF_WIDTH)
        + " of its value: no verdict), " + counts.get(Verdict.NOT_RUN) + " not run.");
    line();
    line("| target | measured | bound | verdict | from (± is the 99.9% half-width) |");
    line("|---|---:|---:|---|---|");
    for (Target t : targets) {
      line("| " + t.what() + " | " + t.measuredText() + " | " + t.boundText() + " | " + t.verdict().text + " | "
          + t.basis() + " |");
    }
    line();
  }

  private void createByThreads() {
    line("### Create against raw writes, by threads");
    line();
    line("Full pipeline (`CreateBenchmark`: request JSON in, response JSON out) against the same document bytes "
        + "written the plainest way (`RawBenchmark`), one commit each, in creates (or writes) per second. "
        + "±: JMH's 99.9% confidence half-width; a figure whose half-width is above " + percent(Results.STABLE_HALF_WIDTH)
        + " of it, and a ratio drawn from one, is marked unstable. Stores and thread counts not run are left out.");
    line();
    boolean any = false;
    for (StoreKind kind : StoreKind.values()) {
      List<String> rows = new ArrayList<>();
      for (int threads : THREADS) {
        if (measured(create(kind, threads), raw(kind, threads))) {
          rows.add("| " + threads + " | " + scoreText(results.find(create(kind, threads))) + " | "
              + scoreText(results.find(raw(kind, threads))) + " | " + ratioText(create(kind, threads), raw(kind, threads))
              + " | " + ratioText(create(kind, threads), create(kind, 1)) + " |");
        }
      }
      if (!rows.isEmpty()) {
        any = true;
        line("**" + kind.id + "**");
        line();
        line("| threads | create/s | raw/s | create / raw | create / create at 1 thread |");
        line("|---:|---:|---:|---:|---:|");
        rows.forEach(this::line);
        line();
      }
    }
    if (!any) {
      notRun();
      return;
    }
    line("![Throughput against threads](throughput-threads.png)");
    line();
  }

  private void importTable() {
    line("### JSONL import (`ImportBenchmark`)");
    line();
    List<String> rows = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      Key imported = Key.of(IMPORT, kind, 1);
      Key keyed = Key.of(IMPORT_WITH_KEYS, kind, 1);
      Key raw = Key.of(RAW_BATCH, kind, 1);
      if (measured(imported, keyed, raw)) {
        rows.add("| " + kind.id + " | " + scoreText(results.find(imported)) + " | " + scoreText(results.find(keyed))
            + " | " + scoreText(results.find(raw)) + " | " + ratioText(imported, raw) + " | " + ratioText(keyed, raw) + " |");
      }
    }
    table(List.of("| store | import, documents/s | with keys | raw batched puts/s | import / raw | with keys / raw |",
        "|---|---:|---:|---:|---:|---:|"), rows);
  }

  private void scaleTable() {
    line("### Create cost against stored incidents (`ScaleBenchmark`, 1 thread)");
    line();
    List<String> rows = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      List<Key> keys = new ArrayList<>();
      for (int size : SIZES) {
        keys.add(new Key(SCALE, kind.id, size, 1));
      }
      if (measured(keys.toArray(Key[]::new))) {
        StringBuilder row = new StringBuilder("| " + kind.id + " |");
        keys.forEach(key -> row.append(' ').append(scoreText(results.find(key))).append(" |"));
        Target flat = flat(kind);
        rows.add(row + " " + flat.measuredText() + (flat.verdict() == Verdict.UNSTABLE ? UNSTABLE_MARK : "") + " |");
      }
    }
    if (!rows.isEmpty()) {
      line("A store \"at n\" holds between n and " + ScaleBenchmark.GROWTH + "n incidents during every measured create.");
      line();
    }
    table(List.of("| store | 1k stored | 100k stored | 1M stored | worst / 1k |", "|---|---:|---:|---:|---:|"), rows);
  }

  private void stagesAndReads() {
    line("### Stages and reads (1 thread)");
    line();
    List<String> stages = new ArrayList<>();
    for (String[] stage : List.of(new String[] {"read the request JSON", "readRequest"},
        new String[] {"validate", "validate"}, new String[] {"write the response JSON", "writeResponse"})) {
      Key key = new Key("StagesBenchmark." + stage[1], "", 0, 1);
      if (measured(key)) {
        stages.add("| " + stage[0] + " (`StagesBenchmark." + stage[1] + "`) | " + scoreText(results.find(key)) + " |");
      }
    }
    List<String> reads = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      Key get = Key.of("ReadBenchmark.getById", kind, 1);
      Key list = Key.of("ReadBenchmark.listPage", kind, 1);
      if (measured(get, list)) {
        reads.add("| " + kind.id + " | " + scoreText(results.find(get)) + " | " + scoreText(results.find(list)) + " |");
      }
    }
    if (stages.isEmpty() && reads.isEmpty()) {
      notRun();
      return;
    }
    if (!stages.isEmpty()) {
      table(List.of("| operation | per second |", "|---|---:|"), stages);
    }
    if (!reads.isEmpty()) {
      table(List.of("| store (10,000 incidents) | get by id/s | list page of 50/s |", "|---|---:|---:|"), reads);
    }
  }

  private void updateTable() {
    line("### Update of one field against create (`UpdateBenchmark`)");
    line();
    List<String> rows = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      for (int threads : UPDATE_THREADS) {
        Key own = Key.of(UPDATE_OWN, kind, threads);
        Key shared = Key.of(UPDATE_SHARED, kind, threads);
        if (measured(own, shared)) {
          rows.add("| " + kind.id + " | " + threads + " | " + scoreText(results.find(own)) + " | "
              + scoreText(results.find(shared)) + " | " + scoreText(results.find(create(kind, threads))) + " | "
              + ratioText(own, create(kind, threads)) + " | " + ratioText(shared, own) + " |");
        }
      }
    }
    if (!rows.isEmpty()) {
      line("Each writer changes the title of an incident of its own (own), or every writer the same incident "
          + "(shared: compare-and-set conflicts and the service's retries included), in updates per second; the "
          + "create beside it is `CreateBenchmark` at the same threads, from the threads group.");
      line();
    }
    table(List.of("| store | writers | own updates per s | shared updates per s | creates per s | own / create | shared / own |",
        "|---|---:|---:|---:|---:|---:|---:|"), rows);
  }

  private void eventsTable() {
    line("### Create with events against create (`EventsBenchmark`)");
    line();
    List<String> rows = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      for (int threads : EVENT_THREADS) {
        Key events = Key.of(EVENTS, kind, threads);
        // The events group runs the durable stores only; a create alone is no row.
        if (kind.durable && measured(events, create(kind, threads))) {
          rows.add("| " + kind.id + " | " + threads + " | " + scoreText(results.find(events)) + " | "
              + scoreText(results.find(create(kind, threads))) + " | " + ratioText(events, create(kind, threads)) + " |");
        }
      }
    }
    if (!rows.isEmpty()) {
      line("The typical create through a service that records events (the store writes each create's event in the "
          + "same unit), in creates per second; the create beside it is `CreateBenchmark` at the same threads, "
          + "from the threads group.");
      line();
    }
    table(List.of("| store | writers | with events per s | creates per s | with / without |", "|---|---:|---:|---:|---:|"),
        rows);
  }

  private void filterTable() {
    line("### First page of 50 of a filtered list (`FilterBenchmark`, 1 thread)");
    line();
    List<String> rows = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      for (String benchmark : List.of(SELECTIVE, BROAD)) {
        List<Key> keys = new ArrayList<>();
        for (int size : FILTER_SIZES) {
          keys.add(new Key(benchmark, kind.id, size, 1));
        }
        if (measured(keys.toArray(Key[]::new))) {
          StringBuilder row = new StringBuilder("| " + kind.id + " | " + (benchmark.equals(SELECTIVE)
              ? "severity 0 (1%)" : "one owner (50%)") + " |");
          keys.forEach(key -> row.append(' ').append(scoreText(results.find(key))).append(" |"));
          row.append(' ').append(ratioText(keys.get(keys.size() - 1), keys.get(0))).append(" |");
          rows.add(row.toString());
        }
      }
    }
    table(List.of("| store | filter | pages/s at 10k | at 100k | at 1M | 1M / 10k |", "|---|---|---:|---:|---:|---:|"),
        rows);
  }

  /** Whether any of the keys has a score. */
  private boolean measured(Key... keys) {
    for (Key key : keys) {
      if (results.find(key).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** A table of {@code rows} under {@code header}, or "Not run." if there are none. */
  private void table(List<String> header, List<String> rows) {
    if (rows.isEmpty()) {
      notRun();
      return;
    }
    header.forEach(this::line);
    rows.forEach(this::line);
    line();
  }

  private void notRun() {
    line("Not run.");
    line();
  }

  /** Each method the results were measured with, and the benchmark classes measured with it. */
  private Map<Method, Set<String>> methods() {
    Map<Method, Set<String>> methods = new LinkedHashMap<>();
    for (Method method : results.methods()) {
      methods.put(method, new LinkedHashSet<>());
    }
    for (Score score : results.scores()) {
      methods.get(score.method()).add("`" + score.key().benchmark().substring(0, score.key().benchmark().indexOf('.'))
          + "`");
    }
    return methods;
  }

  /** A table cell: the rate, its half-width, and the unstable mark if it is. */
  static String scoreText(Optional<Score> score) {
    return score.map(s -> rate(s.score()) + (Double.isNaN(s.error()) ? "" : " ± " + rate(s.error()))
        + (s.stable() ? "" : UNSTABLE_MARK)).orElse("not run");
  }

  /** A target's basis: the rate and its half-width relative to it. */
  static String figure(Score s) {
    return rate(s.score()) + "/s ± " + (Double.isNaN(s.error()) ? "?" : percent(s.error() / s.score()))
        + (s.stable() ? "" : UNSTABLE_MARK);
  }

  /** {@code a / b}, marked unstable if either is; "–" if either was not run. */
  String ratioText(Key a, Key b) {
    Optional<Score> x = results.find(a);
    Optional<Score> y = results.find(b);
    if (x.isEmpty() || y.isEmpty()) {
      return "–";
    }
    return ratioText(x.get().score() / y.get().score())
        + (x.get().stable() && y.get().stable() ? "" : UNSTABLE_MARK);
  }

  static String ratioText(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, fraction < 0.1 ? "%.1f%%" : "%.0f%%", fraction * 100);
  }

  static String sizeText(int size) {
    return size >= 1_000_000 ? size / 1_000_000 + "M" : size / 1000 + "k";
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
