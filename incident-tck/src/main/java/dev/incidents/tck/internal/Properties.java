package dev.incidents.tck.internal;

import java.util.List;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.Gen;
import org.quicktheories.core.NoGuidance;
import org.quicktheories.core.Reporter;
import org.quicktheories.core.Strategy;

/**
 * Runs QuickTheories properties for one rule: a fixed seed, the configured examples and shrink cycles, no
 * time limit (so a run is reproducible from its seed), and a report that names the rule and the seed.
 *
 * @param rule the rule id, such as {@code required_tck101_roundTripGetById}
 * @param seed the seed every property of the rule starts from
 * @param shrinks shrink cycles after a failure
 * @param seedProperty the system property that sets the seed, for the message
 */
public record Properties(String rule, long seed, int shrinks, String seedProperty) {

  /** Generation attempts per example (only generators with assumptions need more than one). */
  private static final int GENERATE_ATTEMPTS = 10;
  /** The most characters of a failing example the report prints. */
  private static final int MAX_EXAMPLE_CHARS = 3000;

  /** Checks {@code property} for {@code examples} values of {@code gen}; a failure is shrunk, then reported. */
  public <T> void check(int examples, Gen<T> gen, Consumer<T> property) {
    QuickTheory.qt(() -> strategy(examples)).forAll(gen).checkAssert(property);
  }

  private Strategy strategy(int examples) {
    return new Strategy(Configuration.defaultPRNG(seed), examples, -1L, shrinks, GENERATE_ATTEMPTS,
        new RuleReporter(), prng -> new NoGuidance());
  }

  /** Turns a falsified property into one AssertionError that says which rule, which example, which seed. */
  private final class RuleReporter implements Reporter {

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
        List<Object> examples, AsString<Object> toString) {
      String what = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      throw new AssertionError(header(seed, examplesUsed) + "\nwhat went wrong: " + what
          + "\nsmallest failing example:\n" + Text.abbreviate(toString.asString(smallest), MAX_EXAMPLE_CHARS), cause);
    }

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
        AsString<Object> toString) {
      throw new AssertionError(header(seed, examplesUsed) + "\nsmallest failing example:\n"
          + Text.abbreviate(toString.asString(smallest), MAX_EXAMPLE_CHARS));
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      throw new IllegalStateException(rule + ": the kit's generators gave up after " + completedExamples
          + " example(s); this is a bug in incident-tck, not in the store");
    }

    private String header(long seed, int examplesUsed) {
      return rule + " failed after " + examplesUsed + " example(s) (shrunk with up to " + shrinks
          + " cycles); reproduce with -D" + seedProperty + "=" + seed;
    }
  }
}
