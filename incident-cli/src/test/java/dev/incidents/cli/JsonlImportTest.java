package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.ListQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The import loop in process, over the in-memory store and a store that fails on cue. */
class JsonlImportTest {

  private static final String TENANT = "acme";

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void answersEveryLineInInputOrderAcrossBatches() {
    Session session = session(new InMemoryIncidentStore());
    // 2,500 lines make three batches; every 7th line is rejected, line 1,000 is empty.
    String input = IntStream.rangeClosed(1, 2_500)
        .mapToObj(k -> k == 1_000 ? "" : k % 7 == 0 ? "{\"title\": " + k + "}" : "{\"title\": \"line " + k + "\"}")
        .collect(Collectors.joining("\n", "", "\n"));

    Result result = run(session, input, null);

    assertThat(result.exit).isEqualTo(ExitCodes.REJECTED);
    assertThat(result.lines).hasSize(2_500);
    int created = 0;
    for (int k = 1; k <= 2_500; k++) {
      String reply = result.lines.get(k - 1);
      if (k == 1_000) {
        assertThat(reply).startsWith("{\"type\":\"parse_error\"");
      } else if (k % 7 == 0) {
        assertThat(reply).startsWith("{\"type\":\"unexpected_json_type\"");
      } else {
        created++;
        assertThat(reply).contains("\"display_id\":\"INC-" + created + "\"", "\"title\":\"line " + k + "\"");
      }
    }
    assertThat(stderr()).contains("incident: 2500 lines in ", created + " succeeded", (2_500 - created)
        + " rejected (the first at line 7)");
  }

  @Test
  void lineKUsesTheKeyPrefixDashKCountingEveryLine() {
    Session session = session(new InMemoryIncidentStore());
    JsonReply earlier = session.json().create(TENANT, "DEVU-1", bytes("{\"title\": \"second\"}"), "p-2");

    Result result = run(session, "\n{\"title\": \"second\"}\n{\"title\": \"third\"}\n", "p");

    assertThat(result.lines.get(1)).as("line 2 replays the key p-2").isEqualTo(earlier.bodyText());
    assertThat(result.lines.get(2)).contains("\"display_id\":\"INC-2\"");
  }

  @Test
  void aRerunWithTheSamePrefixAddsNothingAndAnswersTheSame() {
    IncidentStore store = new InMemoryIncidentStore();
    String input = IntStream.rangeClosed(1, 1_200).mapToObj(k -> "{\"title\": \"t" + k + "\"}")
        .collect(Collectors.joining("\n"));

    Result first = run(session(store), input, "import-1");
    Result again = run(session(store), input, "import-1");

    assertThat(first.exit).isZero();
    assertThat(again.exit).isZero();
    assertThat(again.lines).isEqualTo(first.lines);
    assertThat(store.list(TENANT, ListQuery.newest(2))).first().extracting(s -> s.number()).isEqualTo(1_200L);
  }

  @Test
  void aStoreFailureStopsAtTheFailingLineAndSaysWhatWasCommitted() {
    Session session = session(new FailingStoreProvider().open("failing:1500", Map.of()));
    String input = IntStream.rangeClosed(1, 2_500)
        .mapToObj(k -> k == 10 ? "{}" : "{\"title\": \"t" + k + "\"}")
        .collect(Collectors.joining("\n"));

    Result result = run(session, input, "p");

    assertThat(result.exit).isEqualTo(ExitCodes.FAILURE);
    // Lines 1 to 1,501 but line 10 (rejected) succeed: 1,500 incidents; line 1,502 fails.
    assertThat(result.lines).hasSize(1_502);
    assertThat(result.lines.get(1_500)).contains("\"display_id\":\"INC-1500\"");
    assertThat(result.lines.get(1_501)).startsWith("{\"type\":\"service_unavailable\"");
    assertThat(stderr()).contains("incident: 1502 lines in ", "1500 succeeded", "1 rejected (the first at line 10)",
        "incident: stopped at line 1502: service_unavailable: ", "the disk is full",
        "incident: 1500 lines were committed. Run the same input with the same --idempotency-prefix again");
  }

  @Test
  void aLineOverOneMebibyteIsRejectedAndTheNextLinesGoOn() {
    Session session = session(new InMemoryIncidentStore());
    String huge = "{\"title\": \"" + "x".repeat(3 << 20) + "\"}";

    Result result = run(session, "{\"title\": \"a\"}\n" + huge + "\n{\"title\": \"b\"}\n", null);

    assertThat(result.exit).isEqualTo(ExitCodes.REJECTED);
    assertThat(result.lines).hasSize(3);
    assertThat(result.lines.get(1)).startsWith("{\"type\":\"parse_error\"").contains("1 MiB");
    assertThat(result.lines.get(2)).contains("\"display_id\":\"INC-2\"");
  }

  @Test
  void aByteOrderMarkStartsTheInputOnlyAndElsewhereItsLineIsAParseError() {
    Session session = session(new InMemoryIncidentStore());
    String bom = "\uFEFF";
    // 1,003 lines: the misplaced marks fall in two batches, one of them as the last line of its batch.
    List<String> lines = new java.util.ArrayList<>(IntStream.rangeClosed(1, 1_003)
        .mapToObj(k -> "{\"title\": \"t" + k + "\"}").toList());
    lines.set(0, bom + lines.get(0));
    lines.set(1, bom + lines.get(1));
    lines.set(999, bom + lines.get(999));
    lines.set(1_002, bom + lines.get(1_002));

    Result result = run(session, String.join("\n", lines), "p");

    assertThat(result.exit).isEqualTo(ExitCodes.REJECTED);
    assertThat(result.lines).hasSize(1_003);
    assertThat(result.lines.get(0)).as("the input's own mark").contains("\"display_id\":\"INC-1\"", "\"title\":\"t1\"");
    for (int k : new int[] {2, 1_000, 1_003}) {
      assertThat(result.lines.get(k - 1)).as("line %d", k).isEqualTo("{\"type\":\"parse_error\",\"message\":\"the line "
          + "starts with a byte order mark (U+FEFF); only the first line of the input may start with one, and "
          + "elsewhere it is a character outside JSON white space\",\"violations\":[{\"type\":\"parse_error\","
          + "\"message\":\"the line starts with a byte order mark (U+FEFF); only the first line of the input may "
          + "start with one, and elsewhere it is a character outside JSON white space\"}]}");
    }
    assertThat(result.lines.get(2)).as("replies keep their lines").contains("\"display_id\":\"INC-2\"", "\"title\":\"t3\"");
    assertThat(result.lines.get(1_000)).contains("\"display_id\":\"INC-999\"", "\"title\":\"t1001\"");
    assertThat(stderr()).contains("1000 succeeded", "3 rejected (the first at line 2)");

    // Fixed, line 2 is created with its own key on a re-run; every other line is replayed.
    lines.set(1, lines.get(1).substring(1));
    Result again = run(session, String.join("\n", lines), "p");
    assertThat(again.lines.get(1)).contains("\"display_id\":\"INC-1001\"", "\"title\":\"t2\"");
    assertThat(again.lines.get(2)).isEqualTo(result.lines.get(2));
  }

  @Test
  void aClosedStdoutStopsTheImportAndCountsWhatTheStoreKept() {
    Session session = session(new InMemoryIncidentStore());
    OutputStream closedPipe = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    String input = IntStream.rangeClosed(1, 1_500).mapToObj(k -> "{\"title\": \"t" + k + "\"}")
        .collect(Collectors.joining("\n"));

    int exit = new JsonlImport(session, new Replies(closedPipe), err(), disabledProgress(), null)
        .run(new ByteArrayInputStream(bytes(input)));

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    // The first write that reaches the pipe (when the buffer fills) fails; the whole first batch is stored.
    assertThat(stderr()).containsPattern("incident: stopped at line \\d+: cannot write the replies: Broken pipe")
        .contains("incident: 1000 lines were committed. Running the same input again would create the committed "
            + "lines again");
  }

  private record Result(int exit, List<String> lines) {}

  private Result run(Session session, String input, String prefix) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int exit = new JsonlImport(session, new Replies(stdout), err(), disabledProgress(), prefix)
        .run(new ByteArrayInputStream(bytes(input)));
    String out = stdout.toString(StandardCharsets.UTF_8);
    return new Result(exit, out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0,
        (int) out.chars().filter(c -> c == '\n').count()));
  }

  private static Session session(IncidentStore store) {
    return new Session(store, Incidents.builder().store(store).build(), TENANT, "DEVU-1");
  }

  private PrintStream err() {
    return new PrintStream(stderr, true, StandardCharsets.UTF_8);
  }

  private Progress disabledProgress() {
    return new Progress(err(), false, System::nanoTime);
  }

  private String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
