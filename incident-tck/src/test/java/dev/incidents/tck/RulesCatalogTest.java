package dev.incidents.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.tck.support.KitRunner;
import dev.incidents.tck.support.KitRunner.Result;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The rules interface, the kit, the README and what JUnit actually runs must agree: every rule is a test
 * named {@code (required|optional)_tckNNN_name}, runs from a plain subclass as Surefire would select it,
 * and is listed in the README; optional rules are reported as skipped, with a reason, for a store that is
 * not durable.
 */
class RulesCatalogTest {

  private static final Pattern RULE = Pattern.compile("(required|optional|untested)_(tck\\d{3})_([a-z][A-Za-z0-9]+)");

  private static List<String> rules() {
    return Arrays.stream(IncidentStoreRules.class.getDeclaredMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers()))
        .map(Method::getName)
        .sorted((a, b) -> a.substring(a.indexOf("tck")).compareTo(b.substring(b.indexOf("tck"))))
        .toList();
  }

  @Test
  void everyRuleIsANamedTestOfTheKit() throws NoSuchMethodException {
    List<String> rules = rules();
    assertThat(rules).hasSizeGreaterThan(30);
    assertThat(rules).allSatisfy(rule -> assertThat(rule).matches(RULE));
    assertThat(rules.stream().map(r -> r.substring(r.indexOf("tck"), r.indexOf("tck") + 6))).doesNotHaveDuplicates();
    for (String rule : rules) {
      Method method = IncidentStoreTck.class.getMethod(rule);
      assertThat(method.isAnnotationPresent(org.junit.jupiter.api.Test.class)).as("%s is a @Test", rule).isTrue();
      assertThat(Modifier.isFinal(method.getModifiers())).as("%s can be overridden to disable it", rule).isFalse();
    }
    // Every test of the kit is a rule of the interface: no unlisted checks.
    List<String> tests = Arrays.stream(IncidentStoreTck.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.Test.class)).map(Method::getName).sorted().toList();
    assertThat(tests).containsExactlyInAnyOrderElementsOf(rules);
  }

  @Test
  void optionalRulesAreExactlyTheOnesThatNeedADurableStore() {
    assertThat(rules().stream().filter(r -> r.startsWith("optional_")))
        .containsExactlyInAnyOrder("optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData",
            "optional_tck702_sequentialCommandsWithReopenMatchTheModel", "optional_tck801_incidentsSurviveReopen",
            "optional_tck802_numbersAreNeverReusedAfterReopen", "optional_tck803_idempotencyKeysSurviveReopen",
            "optional_tck804_updatesAndDeletesSurviveReopen", "optional_tck805_eventsAndRecordsSurviveReopen");
  }

  /**
   * A rule the kit cannot check is declared anyway, as the Reactive Streams TCK does with its
   * {@code untested_} rules: it is listed, and reported as skipped with the reason (what it would check, and
   * why the kit cannot), never as passed.
   */
  @Test
  void untestedRulesAreSkippedWithTheirReason() {
    List<String> untested = rules().stream().filter(r -> r.startsWith("untested_")).toList();
    assertThat(untested).containsExactly("untested_tck612_faultsAreServiceUnavailable");
    Result result = KitRunner.run(InMemoryIncidentStoreTest.class, Map.of(), untested.toArray(String[]::new));
    assertThat(result.aborted()).containsExactlyElementsOf(untested);
    assertThat(result.get(untested.get(0)).message()).startsWith("untested: ").contains("ServiceUnavailableException")
        .contains("14.9");
  }

  @Test
  void readmeListsEveryRuleWithItsId() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher row = Pattern.compile("^\\| `(tck\\d{3})` \\| `([A-Za-z0-9_]+)` \\| .+ \\|$", Pattern.MULTILINE).matcher(readme);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      assertThat(documented.put(row.group(1), row.group(2))).as("%s listed twice", row.group(1)).isNull();
      assertThat(row.group(2)).as("the rule of row %s", row.group(1)).contains("_" + row.group(1) + "_");
    }
    assertThat(List.copyOf(documented.values())).as("README's rules, in order").isEqualTo(rules());
  }

  /**
   * Selecting the subclass (what Surefire does with a {@code *Test} class) runs every rule: none is lost
   * to discovery. The optional ones are skipped with the reason, not passed.
   */
  @Test
  void aSubclassRunsEveryRuleAndSkipsOptionalOnesWithAReason() {
    Result result = KitRunner.run(InMemoryIncidentStoreTest.class, Map.of(
        "incidents.tck.examples", "2", "incidents.tck.examples.maximal", "1", "incidents.tck.list.max", "3",
        "incidents.tck.rounds", "1", "incidents.tck.creates.per.thread", "2", "incidents.tck.racers", "2",
        "incidents.tck.threads", "2", "incidents.tck.stateful.sequences", "2", "incidents.tck.parallel.sequences", "2"));
    assertThat(result.rules().keySet()).containsExactlyInAnyOrderElementsOf(rules());
    List<String> optional = rules().stream().filter(r -> r.startsWith("optional_")).toList();
    List<String> untested = rules().stream().filter(r -> r.startsWith("untested_")).toList();
    List<String> skipped = new java.util.ArrayList<>(optional);
    skipped.addAll(untested);
    assertThat(result.aborted()).containsExactlyInAnyOrderElementsOf(skipped);
    for (String rule : optional) {
      assertThat(result.get(rule).message()).as("the reason %s is skipped", rule)
          .contains("not durable").contains("reopenStore");
    }
    assertThat(result.rules().entrySet()).filteredOn(e -> e.getKey().startsWith("required_"))
        .allSatisfy(e -> assertThat(e.getValue().status()).as(e.getKey()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
  }

  /** A durable store runs the optional rules instead, and a correct one passes them. */
  @Test
  void aDurableStoreRunsTheOptionalRules() {
    Result result = KitRunner.run(DurableInMemoryStoreTest.class, Map.of("incidents.tck.examples", "4",
        "incidents.tck.stateful.sequences", "4"),
        rules().stream().filter(r -> r.startsWith("optional_")).toArray(String[]::new));
    assertThat(result.rules()).hasSize(7);
    assertThat(result.rules().values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
  }

  /** The "clause: rules" rows of a Markdown table whose first column is a clause of section 14. */
  private static Map<String, java.util.Set<String>> clauseTable(String markdown) {
    Matcher row = Pattern.compile("^\\| (14\\.\\d+ [^|]+) \\| (.+) \\|$", Pattern.MULTILINE).matcher(markdown);
    Map<String, java.util.Set<String>> rows = new LinkedHashMap<>();
    while (row.find()) {
      java.util.Set<String> ids = new java.util.TreeSet<>();
      Matcher id = Pattern.compile("`(tck\\d{3})`").matcher(row.group(2));
      while (id.find()) {
        ids.add(id.group(1));
      }
      rows.put(row.group(1), ids);
    }
    return rows;
  }

  /**
   * The README's table of clauses and rules and docs/CONTRACT.md clause 14.17 agree row by row, cover the
   * clauses 14.1 to 14.16, name only rules the kit has, and every rule but the 0xx ones (which check the
   * test class) checks some clause.
   */
  @Test
  void clauseTablesAgreeAndNameOnlyRulesOfTheKit() throws IOException {
    Map<String, java.util.Set<String>> readme = clauseTable(Files.readString(Path.of("README.md")));
    Map<String, java.util.Set<String>> contract = clauseTable(Files.readString(Path.of("..", "docs", "CONTRACT.md")));
    assertThat(readme).as("README's clause table against docs/CONTRACT.md clause 14.17").isEqualTo(contract);
    assertThat(readme.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))))
        .containsExactly("14.1", "14.2", "14.3", "14.4", "14.5", "14.6", "14.7", "14.8", "14.9", "14.10", "14.11",
            "14.12", "14.13", "14.14", "14.15", "14.16");
    java.util.Set<String> ids = new java.util.TreeSet<>();
    rules().forEach(r -> ids.add(r.substring(r.indexOf("tck"), r.indexOf("tck") + 6)));
    java.util.Set<String> named = new java.util.TreeSet<>();
    readme.values().forEach(named::addAll);
    assertThat(ids).as("rules of the kit").containsAll(named);
    assertThat(named).as("every rule checks a clause")
        .containsAll(ids.stream().filter(id -> !id.startsWith("tck0")).toList());
  }
}
