package dev.incidents.tck.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.incidents.model.Incident;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.recursive.comparison.ComparisonDifference;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonDifferenceCalculator;
import org.jspecify.annotations.Nullable;

/** Which fields of two incidents differ, in words: the "what the store did instead" of a failure. */
public final class Differences {

  /** Field names as the contract's JSON spells them, by the same strategy the library's JSON mapper uses. */
  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private Differences() {}

  /**
   * The fields in which {@code actual} differs from {@code expected} (AssertJ's recursive comparison), with
   * both values abbreviated, such as {@code body: expected "..." (12 code points) but was null}; empty when
   * they are equal.
   */
  public static String between(@Nullable Incident expected, @Nullable Incident actual) {
    if (expected == null || actual == null) {
      return "expected " + expected + " but was " + actual;
    }
    List<ComparisonDifference> differences = new RecursiveComparisonDifferenceCalculator()
        .determineDifferences(actual, expected, RecursiveComparisonConfiguration.builder().build());
    return differences.stream()
        .map(d -> path(d) + ": expected " + render(d.getExpected()) + " but was " + render(d.getActual()))
        .collect(Collectors.joining("; "));
  }

  /** The paths of the fields in which {@code actual} differs from {@code expected}, such as {@code stage.stage.id}. */
  public static List<String> paths(Incident expected, Incident actual) {
    return new RecursiveComparisonDifferenceCalculator()
        .determineDifferences(actual, expected, RecursiveComparisonConfiguration.builder().build())
        .stream().map(Differences::path).toList();
  }

  /** {@code stage.state.isFinal} as {@code stage.state.is_final}. */
  private static String path(ComparisonDifference difference) {
    return difference.getDecomposedPath().stream().map(SNAKE_CASE::translate).collect(Collectors.joining("."));
  }

  private static String render(@Nullable Object value) {
    return value instanceof String s ? Text.quote(s) : Text.escape(Text.abbreviate(value, 300));
  }
}
