package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.IncidentProcess.Result;
import dev.incidents.cli.IncidentProcess.Running;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
  void aPrefixWithoutRoomForTheLargestLineNumberIsAUsageErrorBeforeAnythingIsRead() {
    String longest = "p".repeat(CreateCommand.LONGEST_PREFIX);

    Result tooLong = IncidentProcess.in(dir).input("{\"title\": \"a\"}\n")
        .run("create", "--jsonl", "--idempotency-prefix", longest + "p");
    Result fits = IncidentProcess.in(dir).input("{\"title\": \"a\"}\n{\"title\": \"b\"}\n")
        .run("create", "--jsonl", "--idempotency-prefix", longest);

    assertThat(CreateCommand.LONGEST_PREFIX).as("255 characters less '-9223372036854775807'").isEqualTo(235);
    assertThat(tooLong.exit()).as("%s", tooLong).isEqualTo(2);
    assertThat(tooLong.stdout()).isEmpty();
    assertThat(tooLong.stderr()).startsWith("incident: --idempotency-prefix is 236 characters; at most 235 are "
        + "accepted, so that the key P-k of every line an import can count (k up to 9223372036854775807) fits the 255 "
        + "characters of an idempotency key\n");
    assertThat(fits.exit()).as("%s", fits).isZero();
    assertThat(IncidentProcess.in(dir).input("{\"title\": \"b\"}").run("create", "--idempotency-key", longest + "-2")
        .line()).as("line 2's key").contains("\"display_id\":\"INC-2\"");
    assertThat(IncidentProcess.in(dir).run("create", "--help").stdout()).contains("At most 235 characters");
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
   * and the replies (160 MiB) are each larger than the heap, so an import that held either would fail.
   *
   * <p>The heap stays flat as well. The test feeds the input a quarter at a time through a pipe; once every line
   * sent is answered the import waits for input, and {@code jcmd GC.class_histogram} counts the bytes of the
   * objects still reachable. The heap after an ordinary collection is no measure of that: the MapDB store's
   * record cache holds soft references, and what they keep is whatever the collector chose (the import's
   * live heap "grew" from 19 to 54 MiB in one run and shrank from 74 to 28 in another). With
   * {@code -XX:SoftRefLRUPolicyMSPerMB=0} a collection clears every soft reference not used since the previous
   * one, so two collections of an idle import leave only what is strongly held: about 6 MiB at each point,
   * within a few hundred KiB. A leak of 30 bytes a line (a key kept per line, say) would add 2 MiB.
   */
  @Test
  void aHundredThousandLinesImportInFlatMemory() throws IOException {
    int count = 100_000;
    int quarter = count / 4;
    Path output = dir.resolve("replies.jsonl");
    String body = "x".repeat(1_000);

    Running running = IncidentProcess.in(dir)
        .jvm("-Xmx96m", "-XX:SoftRefLRUPolicyMSPerMB=0", "-XX:+StartAttachListener").outputTo(output)
        .start("create", "--jsonl", "--idempotency-prefix", "big");
    List<Long> live = new ArrayList<>();
    Result result;
    try (Writer in = new BufferedWriter(new OutputStreamWriter(running.stdin(), StandardCharsets.UTF_8));
        RepliesCounter replies = new RepliesCounter(output)) {
      for (int k = 1; k <= count; k++) {
        in.write("{\"title\": \"incident " + k + "\", \"severity\": " + (k % 4) + ", \"body\": \"" + body + "\"}\n");
        if (k % quarter == 0) {
          in.flush();
          replies.awaitAtLeast(k, running);
          live.add(liveHeapBytes(running.pid()));
        }
      }
      in.close();
      result = running.await();
    } finally {
      running.kill();
    }

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
    System.out.printf("100,000-line import (-Xmx96m): live heap after 25,000, 50,000, 75,000 and 100,000 lines: "
        + "%s KiB; replies %d MiB; jar %d KiB%n", live.stream().map(b -> Long.toString(b / 1024)).toList(),
        Files.size(output) >> 20, Files.size(IncidentProcess.JAR) / 1024);
    assertThat(live.get(3)).as("live heap (bytes) after 100,000 lines against after 25,000 lines: %s", live)
        .isLessThanOrEqualTo(live.get(0) + (2L << 20));
  }

  /**
   * The bytes of the objects reachable in process {@code pid}: {@code jcmd GC.run} collects once, and
   * {@code GC.class_histogram} collects again before it counts.
   */
  private static long liveHeapBytes(long pid) {
    jcmd(pid, "GC.run");
    String histogram = jcmd(pid, "GC.class_histogram");
    Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(histogram);
    assertThat(total.find()).as("the total of the class histogram:%n%s", histogram).isTrue();
    return Long.parseLong(total.group(1));
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(IncidentProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("jcmd %d %s: %s", pid, command, output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Counts the reply lines a running import has written to its output file, reading only what is new. */
  private static final class RepliesCounter implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long lines;

    RepliesCounter(Path output) throws IOException {
      this.channel = FileChannel.open(output, StandardOpenOption.READ);
    }

    /** Waits until {@code expected} replies are written; fails if the process ends or makes no progress. */
    void awaitAtLeast(long expected, Running running) throws IOException {
      long lastProgress = System.nanoTime();
      while (true) {
        long before = lines;
        for (buffer.clear(); channel.read(buffer) > 0; buffer.clear()) {
          for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
              lines++;
            }
          }
        }
        if (lines >= expected) {
          return;
        }
        assertThat(running.isAlive()).as("the import ended after %d replies of %d: %s", lines, expected,
            running.stderr()).isTrue();
        if (lines > before) {
          lastProgress = System.nanoTime();
        }
        // A guard against a hung import only: minutes without a single new reply.
        assertThat(System.nanoTime() - lastProgress).as("%d replies of %d, then none for %d s", lines, expected,
            IncidentProcess.TIMEOUT_SECONDS).isLessThan(TimeUnit.SECONDS.toNanos(IncidentProcess.TIMEOUT_SECONDS));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
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
