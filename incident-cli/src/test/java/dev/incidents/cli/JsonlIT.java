package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.IncidentProcess.Result;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create --jsonl} as a process: imports, rejected lines, re-runs, store failures, and memory. */
class JsonlIT {

  @TempDir
  Path dir;

  @Test
  void answersEveryLineInOrderGoesOnAfterRejectedLinesAndExits3() {
    String input = "{\"title\": \"one\"}\n{\"title\": 2}\n\n{\"title\": \"four\", \"severity\": 9}\n{\"title\": \"five\"}\n";

    Result result = IncidentProcess.in(dir).input(input).run("create", "--jsonl");

    assertThat(result.exit()).as("%s", result).isEqualTo(3);
    List<String> lines = result.lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).contains("\"display_id\":\"INC-1\"", "\"title\":\"one\"");
    assertThat(lines.get(1)).startsWith("{\"type\":\"unexpected_json_type\"");
    assertThat(lines.get(2)).as("an empty line is a request, and not a valid one").startsWith("{\"type\":\"parse_error\"");
    assertThat(lines.get(3)).startsWith("{\"type\":\"invalid_enum_value\"");
    assertThat(lines.get(4)).contains("\"display_id\":\"INC-2\"", "\"title\":\"five\"");
    assertThat(result.stderr()).startsWith("incident: 5 lines in ")
        .endsWith(": 2 succeeded (created, or replayed by their idempotency key), 3 rejected (the first at line 2)\n");
  }

  @Test
  void anImportWhereEveryLineSucceedsExits0() {
    Result result = IncidentProcess.in(dir).input("{\"title\": \"a\"}\r\n{\"title\": \"b\"}").run("create", "--jsonl");

    assertThat(result.exit()).as("%s", result).isZero();
    assertThat(result.lines()).hasSize(2);
    assertThat(incidentsListed()).isEqualTo(2);
  }

  @Test
  void aRerunWithTheSamePrefixAddsNothingButTheLinesFixedSinceAndAnswersTheRestAsBefore() throws IOException {
    // 2,500 lines: three batches, and a rejected line in each.
    Path input = dir.resolve("incidents.jsonl");
    Files.write(input, IntStream.rangeClosed(1, 2_500)
        .mapToObj(k -> k % 1_000 == 1 ? "{\"title\": \"\"}" : "{\"title\": \"incident " + k + "\"}").toList());

    Result first = IncidentProcess.in(dir).inputFrom(input).run("create", "--jsonl", "--idempotency-prefix", "import-1");
    Result again = IncidentProcess.in(dir).inputFrom(input).run("create", "--jsonl", "--idempotency-prefix", "import-1");

    assertThat(first.exit()).as("%s", first).isEqualTo(3);
    assertThat(first.stderr()).contains("2497 succeeded", "3 rejected (the first at line 1)");
    assertThat(again.exit()).isEqualTo(3);
    assertThat(again.stdout()).as("the same incidents, ids and dates included").isEqualTo(first.stdout());
    assertThat(incidentsListed()).isEqualTo(2_497);

    // A rejected line used up nothing: fixed, it is created on the next run, and the rest are replayed.
    List<String> fixed = new ArrayList<>(Files.readAllLines(input));
    fixed.set(0, "{\"title\": \"incident 1\"}");
    Files.write(input, fixed);
    Result afterFix = IncidentProcess.in(dir).inputFrom(input).run("create", "--jsonl", "--idempotency-prefix", "import-1");
    assertThat(afterFix.exit()).isEqualTo(3);
    assertThat(afterFix.stderr()).contains("2498 succeeded", "2 rejected (the first at line 1001)");
    assertThat(afterFix.lines().get(0)).contains("\"display_id\":\"INC-2498\"");
    assertThat(afterFix.lines().get(1)).isEqualTo(first.lines().get(1));

    Result otherPrefix = IncidentProcess.in(dir).input("{\"title\": \"incident 2\"}\n")
        .run("create", "--jsonl", "--idempotency-prefix", "import-2");
    assertThat(otherPrefix.line()).as("another prefix is another import").contains("\"display_id\":\"INC-2499\"");
  }

  @Test
  void aStoreFailureStopsTheImportAtTheFailingLineAndSaysHowManyLinesWereCommitted() {
    // The test store keeps 1,200 creates and fails from the next one: in the second batch.
    String input = IntStream.rangeClosed(1, 3_000).mapToObj(k -> k == 5 ? "{}" : "{\"title\": \"t" + k + "\"}")
        .collect(Collectors.joining("\n"));

    Result result = IncidentProcess.in(dir).withTestStores().input(input)
        .run("--store", "failing:1200", "create", "--jsonl", "--idempotency-prefix", "p");

    assertThat(result.exit()).as("%s", result.stderr()).isEqualTo(1);
    List<String> lines = result.lines();
    assertThat(lines).as("replies up to the failing line, and nothing after it").hasSize(1_202);
    assertThat(lines.get(4)).startsWith("{\"type\":\"missing_required_field\"");
    assertThat(lines.get(1_200)).contains("\"display_id\":\"INC-1200\"");
    assertThat(lines.get(1_201)).startsWith("{\"type\":\"service_unavailable\"");
    assertThat(result.stderr()).contains("incident: 1202 lines in ", "1200 succeeded", "1 rejected (the first at line 5)",
        "incident: stopped at line 1202: service_unavailable: ", "incident: 1200 lines were committed.");
  }

  /**
   * 100,000 lines of about 1 KB through the default MapDB store in a JVM with a 96 MiB heap: the input (100 MiB)
   * and the replies (160 MiB) are each larger than the heap, so an import that held either would fail. The GC log
   * shows the heap flat as well: the live heap (the lowest heap after a collection) of the last fifth of the run
   * is no higher than in the middle of it. The MapDB store's cache fills during the first third and stays full.
   */
  @Test
  void aHundredThousandLinesImportInFlatMemory() throws IOException {
    int count = 100_000;
    Path input = dir.resolve("big.jsonl");
    String body = "x".repeat(1_000);
    try (BufferedWriter out = Files.newBufferedWriter(input)) {
      for (int k = 1; k <= count; k++) {
        out.write("{\"title\": \"incident " + k + "\", \"severity\": " + (k % 4) + ", \"body\": \"" + body + "\"}\n");
      }
    }
    Path output = dir.resolve("replies.jsonl");
    Path gcLog = dir.resolve("gc.log");

    long start = System.nanoTime();
    Result result = IncidentProcess.in(dir).jvm("-Xmx96m", "-Xlog:gc:file=" + gcLog).inputFrom(input).outputTo(output)
        .run("create", "--jsonl", "--idempotency-prefix", "big");
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(result.exit()).as("%s", result.stderr()).isZero();
    assertThat(result.stderr()).startsWith("incident: 100000 lines in ").contains("100000 succeeded", "0 rejected");
    try (BufferedReader replies = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
      long k = 0;
      for (String line = replies.readLine(); line != null; line = replies.readLine()) {
        k++;
        if (!line.startsWith("{\"incident\":{\"id\":\"don:core:local:devo/default:incident/" + k + "\",")) {
          throw new AssertionError("reply " + k + " is not incident " + k + ": " + line.substring(0, 120));
        }
      }
      assertThat(k).isEqualTo(count);
    }
    List<long[]> afterGc = heapAfterCollections(gcLog);
    long middle = lowest(afterGc.subList(afterGc.size() * 2 / 5, afterGc.size() * 3 / 5));
    long end = lowest(afterGc.subList(afterGc.size() * 4 / 5, afterGc.size()));
    long highest = afterGc.stream().mapToLong(p -> p[1]).max().orElseThrow();
    System.out.printf("100,000-line import: %.1f s with JVM start (%.0f lines/s), %d collections, live heap %d MiB "
            + "in the middle, %d MiB at the end, at most %d MiB after a collection (-Xmx96m); jar %d KiB%n", seconds,
        count / seconds, afterGc.size(), middle, end, highest, Files.size(IncidentProcess.JAR) / 1024);
    assertThat(end).as("live heap at the end (MiB) against the middle of the import").isLessThanOrEqualTo(middle + 8);
  }

  /** Each collection's heap occupancy after it, in MiB, from a {@code -Xlog:gc} file. */
  private static List<long[]> heapAfterCollections(Path gcLog) throws IOException {
    Pattern pause = Pattern.compile("Pause .*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    List<long[]> points = new ArrayList<>();
    for (String line : Files.readAllLines(gcLog)) {
      Matcher matcher = pause.matcher(line);
      if (matcher.find()) {
        points.add(new long[] {points.size(), Long.parseLong(matcher.group(2))});
      }
    }
    assertThat(points).as("collections in %s", gcLog).hasSizeGreaterThan(20);
    return points;
  }

  private static long lowest(List<long[]> points) {
    return points.stream().mapToLong(p -> p[1]).min().orElseThrow();
  }

  /** How many incidents {@code list} pages through. */
  private int incidentsListed() {
    int total = 0;
    String cursor = null;
    Pattern next = Pattern.compile("\"next_cursor\":\"([^\"]+)\"");
    do {
      Result page = cursor == null ? IncidentProcess.in(dir).run("list", "--limit", "1000")
          : IncidentProcess.in(dir).run("list", "--limit", "1000", "--cursor", cursor);
      assertThat(page.exit()).isZero();
      total += countOf(page.line(), "\"display_id\":\"INC-");
      Matcher matcher = next.matcher(page.line());
      cursor = matcher.find() ? matcher.group(1) : null;
    } while (cursor != null);
    return total;
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
