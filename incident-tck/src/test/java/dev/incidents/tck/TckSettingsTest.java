package dev.incidents.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.UpdateResult;
import dev.incidents.tck.TckSettings.Knob;
import dev.incidents.tck.support.BrokenStores;
import dev.incidents.tck.support.ForwardingStore;
import dev.incidents.tck.support.KitRunner;
import dev.incidents.tck.support.LauncherOnlyKit;
import dev.incidents.tck.support.KitRunner.Result;
import dev.incidents.tck.support.RecordingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every knob is documented under the name it is read by, and each one is shown to change what the kit does
 * (the Reactive Streams TCK once documented a setting under one name and read it under another). The
 * behavioural checks run single rules through the Launcher against a {@link RecordingStore}.
 */
class TckSettingsTest {

  /** Small values for every knob, so each run below is quick; a test overrides the one it is about. */
  private static final Map<String, String> SMALL = Map.of(
      "incidents.tck.seed", "20241201",
      "incidents.tck.examples", "5",
      "incidents.tck.shrinks", "0",
      "incidents.tck.list.max", "5",
      "incidents.tck.threads", "2",
      "incidents.tck.creates.per.thread", "2",
      "incidents.tck.racers", "2",
      "incidents.tck.rounds", "1",
      "incidents.tck.stateful.sequences", "3",
      "incidents.tck.parallel.sequences", "2");

  /** The kit over a {@link RecordingStore}. */
  static final class RecordedKit extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new RecordingStore(new dev.incidents.memory.InMemoryIncidentStore());
    }
  }

  /** The kit over a recorded store that loses a field, to see shrinking at work. */
  static final class RecordedBrokenKit extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new RecordingStore(new BrokenStores.LosesAField());
    }
  }

  /** The kit over a store whose creates block until released. */
  static final class BlockedKit extends LauncherOnlyKit {
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    protected IncidentStore createStore() {
      return new ForwardingStore(new dev.incidents.memory.InMemoryIncidentStore()) {
        @Override
        public CreateResult create(NewIncident incident) {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
          return super.create(incident);
        }
      };
    }
  }

  /**
   * The kit over a correct store that returns each change a little after it is visible, as a networked store
   * does: in a parallel run other threads see a change before its command knows what it returned.
   */
  static final class LateReturnKit extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new ForwardingStore(new dev.incidents.memory.InMemoryIncidentStore()) {
        @Override
        public CreateResult create(NewIncident incident) {
          return late(super.create(incident));
        }

        @Override
        public UpdateResult update(IncidentUpdate update) {
          return late(super.update(update));
        }

        @Override
        public DeleteResult delete(IncidentDeletion deletion) {
          return late(super.delete(deletion));
        }
      };
    }

    private static <T> T late(T result) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return result;
    }
  }

  private static Result run(Class<?> kit, String rule, String... properties) {
    Map<String, String> all = new HashMap<>(SMALL);
    for (int i = 0; i < properties.length; i += 2) {
      all.put(properties[i], properties[i + 1]);
    }
    RecordingStore.reset();
    Result result = KitRunner.run(kit, all, rule);
    return result;
  }

  private static Result runPassing(String rule, String... properties) {
    Result result = run(RecordedKit.class, rule, properties);
    // The failures' messages go into the description: a rare failure must say what went wrong.
    assertThat(result.failed()).as("%s with %s: %s", rule, Arrays.toString(properties), result.failed().stream()
        .map(failed -> result.get(failed).message()).toList()).isEmpty();
    assertThat(result.rules()).as("%s ran", rule).containsKey(rule);
    return result;
  }

  // ---- documentation ----------------------------------------------------------------------------

  @Test
  void readmeDocumentsEveryKnobWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher row = Pattern.compile("^\\| `(incidents\\.tck\\.[a-z.]+)` \\| `?([^|`]+?)`? \\| .+ \\|$", Pattern.MULTILINE)
        .matcher(readme);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }
    Map<String, String> actual = new LinkedHashMap<>();
    for (Knob knob : Knob.values()) {
      actual.put(knob.property(), knob.defaultValue() == null ? "random" : knob.defaultValue());
    }
    assertThat(documented).as("README's knobs table: property and default").isEqualTo(actual);
  }

  @Test
  void onlyTckSettingsReadsSystemProperties() throws IOException {
    Path main = Path.of("src", "main", "java");
    List<Path> readers;
    try (Stream<Path> files = Files.walk(main)) {
      readers = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          String source = Files.readString(f);
          return source.contains("System.getProperty") || source.contains("Integer.getInteger")
              || source.contains("Long.getLong") || source.contains("Boolean.getBoolean") || source.contains("System.getenv");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(main::relativize).toList();
    }
    assertThat(readers).as("a knob read anywhere else could be read under another name")
        .containsExactly(Path.of("dev", "incidents", "tck", "TckSettings.java"));
  }

  @Test
  void everyKnobIsReadFromItsProperty() {
    Map<String, String> saved = new HashMap<>();
    try {
      for (Knob knob : Knob.values()) {
        saved.put(knob.property(), System.getProperty(knob.property()));
        System.setProperty(knob.property(), Long.toString(knob.min() + 1));
      }
      TckSettings settings = TckSettings.fromSystemProperties();
      for (Knob knob : Knob.values()) {
        long value = knob == Knob.SEED ? settings.seed().orElseThrow() : settings.get(knob);
        assertThat(value).as(knob.property()).isEqualTo(knob.min() + 1);
      }
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  @Test
  void aBadValueNamesItsProperty() {
    assertThatThrownBy(() -> TckSettings.defaults().with(Knob.EXAMPLES, "many"))
        .hasMessageContaining("incidents.tck.examples").hasMessageContaining("'many'");
    assertThatThrownBy(() -> TckSettings.defaults().with(Knob.PARALLEL_STEPS, "12"))
        .hasMessageContaining("incidents.tck.parallel.steps").hasMessageContaining("from 2 to 9");
    Result result = run(RecordedKit.class, "required_tck101_roundTripGetById", "incidents.tck.racers", "1");
    assertThat(result.failed()).containsExactly("required_tck101_roundTripGetById");
    assertThat(result.get("required_tck101_roundTripGetById").message()).contains("incidents.tck.racers");
  }

  @Test
  void defaultsAreValidAndSeedIsRandomUnlessSet() {
    TckSettings defaults = TckSettings.defaults();
    assertThat(defaults.seed()).isEmpty();
    for (Knob knob : Knob.values()) {
      if (knob != Knob.SEED) {
        assertThat(defaults.get(knob)).as(knob.property()).isBetween(knob.min(), knob.max());
      }
    }
  }

  // ---- each knob changes what the kit does --------------------------------------------------------

  // QuickTheories skips an example whose random draws it has seen before, so N examples mean at most N
  // creates; a larger N must visibly do more.

  @Test
  void examples() {
    runPassing("required_tck101_roundTripGetById", "incidents.tck.examples", "3");
    assertThat(RecordingStore.CREATES.get()).isBetween(1, 3);
    runPassing("required_tck101_roundTripGetById", "incidents.tck.examples", "30");
    assertThat(RecordingStore.CREATES.get()).isBetween(4, 30);
  }

  @Test
  void maximalExamples() {
    runPassing("required_tck104_roundTripMaximalRequests", "incidents.tck.examples.maximal", "1");
    assertThat(RecordingStore.CREATES).hasValue(1);
    runPassing("required_tck104_roundTripMaximalRequests", "incidents.tck.examples.maximal", "4");
    assertThat(RecordingStore.CREATES.get()).isBetween(2, 4);
  }

  @Test
  void shrinks() {
    String rule = "required_tck101_roundTripGetById";
    Result once = run(RecordedBrokenKit.class, rule, "incidents.tck.examples", "50", "incidents.tck.shrinks", "0",
        "incidents.tck.seed", "7");
    assertThat(once.failed()).containsExactly(rule);
    Matcher examples = Pattern.compile("failed after (\\d+) example").matcher(once.get(rule).message());
    assertThat(examples.find()).isTrue();
    assertThat(RecordingStore.CREATES).as("no shrinking: one create per example tried")
        .hasValue(Integer.parseInt(examples.group(1)));
    int withoutShrinking = RecordingStore.CREATES.get();
    run(RecordedBrokenKit.class, rule, "incidents.tck.examples", "50", "incidents.tck.shrinks", "40",
        "incidents.tck.seed", "7");
    assertThat(RecordingStore.CREATES.get()).as("shrinking tries smaller examples").isGreaterThan(withoutShrinking);
  }

  @Test
  void seed() {
    String rule = "required_tck101_roundTripGetById";
    runPassing(rule, "incidents.tck.seed", "42", "incidents.tck.examples", "1");
    String first = RecordingStore.firstDocument;
    runPassing(rule, "incidents.tck.seed", "42", "incidents.tck.examples", "1");
    assertThat(RecordingStore.firstDocument).as("the same seed generates the same request").isEqualTo(first);
    runPassing(rule, "incidents.tck.seed", "43", "incidents.tck.examples", "1");
    assertThat(RecordingStore.firstDocument).as("another seed generates another request").isNotEqualTo(first);
  }

  @Test
  void listMax() {
    runPassing("required_tck501_listIsNewestFirst", "incidents.tck.list.max", "2", "incidents.tck.examples", "30");
    assertThat(RecordingStore.maxPerTenant()).isEqualTo(2);
    runPassing("required_tck501_listIsNewestFirst", "incidents.tck.list.max", "6", "incidents.tck.examples", "30");
    assertThat(RecordingStore.maxPerTenant()).isEqualTo(6);
  }

  @Test
  void threadsAndCreatesPerThread() {
    runPassing("required_tck202_numbersAreUniqueUnderConcurrentCreates", "incidents.tck.threads", "3",
        "incidents.tck.creates.per.thread", "4");
    assertThat(RecordingStore.THREADS).hasSize(3);
    assertThat(RecordingStore.CREATES).hasValue(12);
  }

  @Test
  void changesPerThread() {
    // tck507 creates max(8, list.max) incidents, then each of its writers creates one with every fourth change.
    runPassing("required_tck507_pagingIsStableWhileIncidentsChange", "incidents.tck.threads", "3",
        "incidents.tck.changes.per.thread", "4");
    assertThat(RecordingStore.CREATES).hasValue(8 + 2);
    assertThat(RecordingStore.THREADS).as("two writers and the thread that prepares").hasSize(3);
    runPassing("required_tck507_pagingIsStableWhileIncidentsChange", "incidents.tck.threads", "3",
        "incidents.tck.changes.per.thread", "12");
    assertThat(RecordingStore.CREATES).hasValue(8 + 2 * 3);
  }

  @Test
  void filters() {
    runPassing("required_tck505_filtersReturnExactlyWhatTheFilterAccepts", "incidents.tck.filters", "1",
        "incidents.tck.examples", "10");
    assertThat(RecordingStore.maxFiltersPerTenant()).isLessThanOrEqualTo(1);
    runPassing("required_tck505_filtersReturnExactlyWhatTheFilterAccepts", "incidents.tck.filters", "8",
        "incidents.tck.examples", "10");
    assertThat(RecordingStore.maxFiltersPerTenant()).isGreaterThan(1);
  }

  @Test
  void racersAndRounds() {
    runPassing("required_tck303_concurrentRetriesStoreOneIncident", "incidents.tck.racers", "5",
        "incidents.tck.rounds", "3");
    assertThat(RecordingStore.THREADS).hasSize(5);
    assertThat(RecordingStore.CREATES).hasValue(15);
  }

  @Test
  void statefulSequencesAndSteps() {
    // One store per sequence; QuickTheories skips a sequence it generated before, so "at most".
    runPassing("required_tck701_sequentialCommandsMatchTheModel", "incidents.tck.stateful.sequences", "3");
    assertThat(RecordingStore.STORES.get()).isBetween(1, 3);
    runPassing("required_tck701_sequentialCommandsMatchTheModel", "incidents.tck.stateful.sequences", "30");
    assertThat(RecordingStore.STORES.get()).isBetween(4, 30);
    runPassing("required_tck701_sequentialCommandsMatchTheModel", "incidents.tck.stateful.sequences", "30",
        "incidents.tck.stateful.steps", "2");
    assertThat(RecordingStore.MAX_CREATES_PER_STORE.get()).isBetween(1, 2);
    runPassing("required_tck701_sequentialCommandsMatchTheModel", "incidents.tck.stateful.sequences", "30",
        "incidents.tck.stateful.steps", "40");
    assertThat(RecordingStore.MAX_CREATES_PER_STORE.get()).isGreaterThan(2);
  }

  @Test
  void parallelSequencesAndSteps() {
    // Two stores per command set (its sequential run, then its parallel run); duplicates are skipped.
    runPassing("required_tck703_parallelCommandsAreLinearizable", "incidents.tck.parallel.sequences", "2");
    assertThat(RecordingStore.STORES.get()).isBetween(2, 4).isEven();
    runPassing("required_tck703_parallelCommandsAreLinearizable", "incidents.tck.parallel.sequences", "20");
    assertThat(RecordingStore.STORES.get()).isBetween(6, 40).isEven();
    runPassing("required_tck703_parallelCommandsAreLinearizable", "incidents.tck.parallel.sequences", "20",
        "incidents.tck.parallel.steps", "2");
    assertThat(RecordingStore.MAX_CREATES_PER_STORE.get()).isBetween(1, 2);
  }

  @Test
  void aCorrectStoreThatReturnsLateIsLinearizable() {
    // Until the harness checked parallel reads after every command had returned, a get, list or replay that saw
    // a change before its command recorded it was reported as a defect of the store.
    Result result = run(LateReturnKit.class, "required_tck703_parallelCommandsAreLinearizable",
        "incidents.tck.parallel.sequences", "200", "incidents.tck.threads", "2");
    assertThat(result.failed()).as("%s", result.failed().stream().map(failed -> result.get(failed).message()).toList())
        .isEmpty();
    assertThat(result.rules()).containsKey("required_tck703_parallelCommandsAreLinearizable");
  }

  @Test
  void timeoutTurnsAHungStoreIntoAFailure() {
    BlockedKit.release = new CountDownLatch(1);
    try {
      Result result = run(BlockedKit.class, "required_tck202_numbersAreUniqueUnderConcurrentCreates",
          "incidents.tck.timeout.seconds", "1");
      assertThat(result.failed()).containsExactly("required_tck202_numbersAreUniqueUnderConcurrentCreates");
      assertThat(result.get("required_tck202_numbersAreUniqueUnderConcurrentCreates").message())
          .contains("did not finish within 1 s (incidents.tck.timeout.seconds)");
    } finally {
      BlockedKit.release.countDown();
    }
  }
}
