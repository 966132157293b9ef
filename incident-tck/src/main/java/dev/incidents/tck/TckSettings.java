package dev.incidents.tck;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How deep {@link IncidentStoreTck} checks: the number of examples per property, of threads, of stateful
 * sequences, and the seed. Every setting is a {@link Knob}, read from a system property of the same name
 * (so CI can run the kit deeper than a laptop: {@code -Dincidents.tck.examples=500}); the defaults keep one
 * run of the whole kit against the in-memory store well under a minute on two cores.
 *
 * <p>Immutable. A store's test may also override {@link IncidentStoreTck#settings()}, for example to run
 * fewer examples against a slow store: {@code return TckSettings.fromSystemProperties().with(Knob.EXAMPLES, "20");}
 */
public final class TckSettings {

  /** One setting: its system property, its default and what it controls. */
  public enum Knob {
    /** The seed of every property's generator; unset means a new random seed per rule, printed on failure. */
    SEED("incidents.tck.seed", null, Long.MIN_VALUE, Long.MAX_VALUE,
        "seed of the generators; set it to the seed a failure printed to reproduce that failure"),
    /** Examples per property. */
    EXAMPLES("incidents.tck.examples", "50", 1, 1_000_000,
        "examples per QuickTheories property"),
    /** Examples of the property over maximal requests (65,536-code-point body, 100 ids per list). */
    MAXIMAL_EXAMPLES("incidents.tck.examples.maximal", "3", 1, 1_000_000,
        "examples of maximal requests (largest body, 100 ids per list) in tck104"),
    /** Shrink cycles after a property fails. */
    SHRINKS("incidents.tck.shrinks", "500", 0, 10_000_000,
        "shrink cycles once a property failed: more gives a smaller failing example (tck104: at most 10)"),
    /** Most incidents a list property creates in one tenant. */
    LIST_MAX("incidents.tck.list.max", "30", 1, 100_000,
        "most incidents a list property creates in one tenant"),
    /** Incidents sharing one facet value in the rule that changes a crowded value in its middle. */
    CROWD("incidents.tck.crowd", "1200", 2, 1_000_000,
        "incidents sharing one owner in tck509: more than an index's block or page is likely to hold"),
    /** Events stored, and not read, before the rule that asks for the last sequence over a backlog. */
    BACKLOG("incidents.tck.backlog", "2500", 1, 1_000_000,
        "events stored unread before tck924 asks for the last sequence: more than a store numbers in one step"),
    /** Threads creating at once. */
    THREADS("incidents.tck.threads", "8", 1, 1024,
        "threads creating or changing incidents at once (tck202, tck504, tck507, tck922)"),
    /** Creates per thread. */
    CREATES_PER_THREAD("incidents.tck.creates.per.thread", "20", 1, 1_000_000,
        "incidents each of those threads creates"),
    /** Creates, updates and deletes per writing thread in the rules that change incidents concurrently. */
    CHANGES_PER_THREAD("incidents.tck.changes.per.thread", "20", 1, 1_000_000,
        "creates, updates and deletes each writing thread makes while others page or read events (tck507, tck922)"),
    /** Filters checked against each set of incidents. */
    FILTERS("incidents.tck.filters", "6", 1, 10_000,
        "random filters checked, in both orders, against each set of incidents (tck505, tck506)"),
    /** Threads racing on one idempotency key. */
    RACERS("incidents.tck.racers", "16", 2, 1024,
        "threads racing on one idempotency key (tck303, tck304) or updating one version of an incident (tck903)"),
    /** Rounds of each race. */
    ROUNDS("incidents.tck.rounds", "8", 1, 1_000_000,
        "rounds of each race, of paging while others write, and of a consumer reading while others write"),
    /** Stateful command sequences. */
    SEQUENCES("incidents.tck.stateful.sequences", "50", 1, 1_000_000,
        "command sequences of the sequential stateful rules (tck701, tck702)"),
    /** Most commands per stateful sequence. */
    STEPS("incidents.tck.stateful.steps", "25", 1, 10_000,
        "most commands in one sequential sequence"),
    /** Parallel command sets. */
    PARALLEL_SEQUENCES("incidents.tck.parallel.sequences", "25", 1, 1_000_000,
        "command sets of the parallel stateful rule (tck703)"),
    /** Most commands run at once by the parallel rule; the model checks all their orders (n!). */
    PARALLEL_STEPS("incidents.tck.parallel.steps", "6", 2, 9,
        "most commands run at once in tck703 (every one of their n! orders is checked)"),
    /** How long a concurrent rule waits for its threads before it reports a hang. */
    TIMEOUT_SECONDS("incidents.tck.timeout.seconds", "120", 1, 86_400,
        "seconds a concurrent rule waits for its threads before it fails as hung (not a performance limit)");

    private final String property;
    private final @Nullable String defaultValue;
    private final long min;
    private final long max;
    private final String description;

    Knob(String property, @Nullable String defaultValue, long min, long max, String description) {
      this.property = property;
      this.defaultValue = defaultValue;
      this.min = min;
      this.max = max;
      this.description = description;
    }

    /** The system property, such as {@code incidents.tck.examples}. */
    public String property() {
      return property;
    }

    /** The default, or {@code null} when unset has a meaning of its own (a random {@link #SEED}). */
    public @Nullable String defaultValue() {
      return defaultValue;
    }

    /** What the knob controls, one line. */
    public String description() {
      return description;
    }

    /** The smallest value allowed. */
    public long min() {
      return min;
    }

    /** The largest value allowed. */
    public long max() {
      return max;
    }
  }

  private final Map<Knob, Long> values;

  private TckSettings(Map<Knob, Long> values) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /** Every knob at its default (a random seed). */
  public static TckSettings defaults() {
    return from(knob -> null);
  }

  /**
   * Every knob from its system property, or its default where the property is unset or blank.
   *
   * @throws IllegalArgumentException naming the property if a value is not a whole number in its range
   */
  public static TckSettings fromSystemProperties() {
    return from(knob -> System.getProperty(knob.property()));
  }

  private static TckSettings from(Function<Knob, String> source) {
    Map<Knob, Long> values = new EnumMap<>(Knob.class);
    for (Knob knob : Knob.values()) {
      String raw = source.apply(knob);
      raw = raw == null ? null : raw.strip();
      if (raw == null || raw.isEmpty()) {
        raw = knob.defaultValue;
      }
      if (raw != null) {
        values.put(knob, parse(knob, raw));
      }
    }
    return new TckSettings(values);
  }

  private static long parse(Knob knob, String raw) {
    long value;
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + knob.property + " must be a whole number from "
          + knob.min + " to " + knob.max + ", got '" + raw + "'", e);
    }
    if (value < knob.min || value > knob.max) {
      throw new IllegalArgumentException("system property " + knob.property + " must be from " + knob.min
          + " to " + knob.max + ", got " + value);
    }
    return value;
  }

  /**
   * These settings with one knob changed.
   *
   * @param value the new value, as its system property would give it; {@code null} restores the default
   * @throws IllegalArgumentException if the value is not a whole number in the knob's range
   */
  public TckSettings with(Knob knob, String value) {
    Objects.requireNonNull(knob, "knob");
    Map<Knob, Long> copy = new EnumMap<>(Knob.class);
    copy.putAll(values);
    String raw = value == null ? knob.defaultValue : value.strip();
    if (raw == null) {
      copy.remove(knob);
    } else {
      copy.put(knob, parse(knob, raw));
    }
    return new TckSettings(copy);
  }

  /** The value of a knob; for {@link Knob#SEED} use {@link #seed()}. */
  public long get(Knob knob) {
    Long value = values.get(knob);
    if (value == null) {
      throw new IllegalStateException(knob.property + " is unset");
    }
    return value;
  }

  /** The configured seed, if one is set. */
  public OptionalLong seed() {
    Long seed = values.get(Knob.SEED);
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  int examples() {
    return (int) get(Knob.EXAMPLES);
  }

  int maximalExamples() {
    return (int) get(Knob.MAXIMAL_EXAMPLES);
  }

  int shrinks() {
    return (int) get(Knob.SHRINKS);
  }

  int listMax() {
    return (int) get(Knob.LIST_MAX);
  }

  int crowd() {
    return (int) get(Knob.CROWD);
  }

  int backlog() {
    return (int) get(Knob.BACKLOG);
  }

  int threads() {
    return (int) get(Knob.THREADS);
  }

  int createsPerThread() {
    return (int) get(Knob.CREATES_PER_THREAD);
  }

  int changesPerThread() {
    return (int) get(Knob.CHANGES_PER_THREAD);
  }

  int filters() {
    return (int) get(Knob.FILTERS);
  }

  int racers() {
    return (int) get(Knob.RACERS);
  }

  int rounds() {
    return (int) get(Knob.ROUNDS);
  }

  int sequences() {
    return (int) get(Knob.SEQUENCES);
  }

  int steps() {
    return (int) get(Knob.STEPS);
  }

  int parallelSequences() {
    return (int) get(Knob.PARALLEL_SEQUENCES);
  }

  int parallelSteps() {
    return (int) get(Knob.PARALLEL_STEPS);
  }

  long timeoutSeconds() {
    return get(Knob.TIMEOUT_SECONDS);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TckSettings[");
    for (Knob knob : Knob.values()) {
      sb.append(knob.property).append('=').append(values.containsKey(knob) ? values.get(knob) : "random").append(' ');
    }
    sb.setLength(sb.length() - 1);
    return sb.append(']').toString();
  }
}
