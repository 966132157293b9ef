package dev.incidents.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stages an incident can be in, each belonging to a state, the stage new incidents start in when the
 * request names none, and the moves an update may make between stages. Any stage is accepted at create. A
 * diagram that declares no transitions allows every move; one that declares some allows only those (staying
 * in a stage is always allowed). Immutable and thread-safe.
 *
 * <p>Stage {@code k} has the id {@code don:core:<partition>:devo/<tenant>:custom_stage/<k>}, state
 * {@code k} the id {@code don:core:<partition>:devo/<tenant>:custom_state/<k>}.
 *
 * <pre>{@code
 * StageDiagram diagram = StageDiagram.builder()
 *     .state(1, "open", false).state(2, "closed", true)
 *     .stage(1, "triage", "open").stage(2, "done", "closed")
 *     .start("triage")
 *     .transition("triage", "done")      // and no way back
 *     .build();
 * }</pre>
 */
public final class StageDiagram {

  /**
   * A state: a group of stages.
   *
   * @param number the {@code k} of its id
   * @param name its name, such as {@code open}
   * @param isFinal whether incidents in it are closed
   */
  public record State(long number, String name, boolean isFinal) {}

  /**
   * A stage.
   *
   * @param number the {@code k} of its id
   * @param name its name, such as {@code acknowledged}
   * @param state the state it belongs to
   */
  public record Stage(long number, String name, State state) {}

  private static final StageDiagram DEFAULT = builder()
      .state(1, "open", false)
      .state(2, "in_progress", false)
      .state(3, "closed", true)
      .stage(1, "acknowledged", "open")
      .stage(2, "identified", "open")
      .stage(3, "mitigated", "in_progress")
      .stage(4, "resolved", "closed")
      .start("acknowledged")
      .build();

  private final List<Stage> stages;
  private final Map<String, Stage> byName;
  private final Map<Long, Stage> byNumber;
  private final Stage start;
  /** The stages each stage may move to, by stage number; empty when every move is allowed. */
  private final Map<Long, Set<Long>> transitions;

  private StageDiagram(List<Stage> stages, Stage start, Map<Long, Set<Long>> transitions) {
    this.stages = List.copyOf(stages);
    Map<String, Stage> names = new LinkedHashMap<>();
    Map<Long, Stage> numbers = new LinkedHashMap<>();
    for (Stage stage : stages) {
      names.put(stage.name(), stage);
      numbers.put(stage.number(), stage);
    }
    this.byName = Map.copyOf(names);
    this.byNumber = Map.copyOf(numbers);
    this.start = start;
    Map<Long, Set<Long>> moves = new LinkedHashMap<>();
    transitions.forEach((from, to) -> moves.put(from, Set.copyOf(to)));
    this.transitions = Collections.unmodifiableMap(moves);
  }

  /**
   * The diagram of docs/CONTRACT.md section 4: {@code acknowledged} (start) and {@code identified} in state
   * {@code open}, {@code mitigated} in {@code in_progress}, {@code resolved} in {@code closed} (final).
   */
  public static StageDiagram defaults() {
    return DEFAULT;
  }

  /** A builder for a diagram of your own. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every stage, in the order they were added. */
  public List<Stage> stages() {
    return stages;
  }

  /** The stage incidents start in when the request names none. */
  public Stage start() {
    return start;
  }

  /** The stage with this name. */
  public Optional<Stage> stage(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The stage with this number. */
  public Optional<Stage> stage(long number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /** The stage names, in order: the {@code allowed_values} of an unknown stage. */
  public List<String> stageNames() {
    return stages.stream().map(Stage::name).toList();
  }

  /** Every state some stage belongs to, in the order of their first stage. */
  public List<State> states() {
    return stages.stream().map(Stage::state).distinct().toList();
  }

  /** Whether the diagram restricts moves between stages (declares transitions). */
  public boolean restrictsMoves() {
    return !transitions.isEmpty();
  }

  /** Whether an incident in stage {@code from} may move to stage {@code to}: staying is always allowed. */
  public boolean allows(Stage from, Stage to) {
    return from.number() == to.number() || transitions.isEmpty()
        || transitions.getOrDefault(from.number(), Set.of()).contains(to.number());
  }

  /** The stages an incident in {@code from} may move to, in diagram order, {@code from} itself included. */
  public List<Stage> reachableFrom(Stage from) {
    return stages.stream().filter(to -> allows(from, to)).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StageDiagram other && stages.equals(other.stages) && start.equals(other.start)
        && transitions.equals(other.transitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stages, start, transitions);
  }

  @Override
  public String toString() {
    return "StageDiagram" + stages + " start=" + start.name() + (transitions.isEmpty() ? "" : " transitions=" + transitions);
  }

  /**
   * Builds a {@link StageDiagram}: states first, then stages, then the start stage and any transitions. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, List<String>> transitions = new LinkedHashMap<>();
    private @Nullable String start;

    private Builder() {}

    /**
     * Adds a state.
     *
     * @throws IllegalArgumentException if the number is not positive, or the number or name is taken
     */
    public Builder state(long number, String name, boolean isFinal) {
      requireName(name, "state");
      if (number < 1) {
        throw new IllegalArgumentException("state number must be 1 or more, got " + number);
      }
      if (states.containsKey(name)) {
        throw new IllegalArgumentException("state '" + name + "' is declared twice");
      }
      if (states.values().stream().anyMatch(s -> s.number() == number)) {
        throw new IllegalArgumentException("state number " + number + " is used twice");
      }
      states.put(name, new State(number, name, isFinal));
      return this;
    }

    /**
     * Adds a stage in a state added before.
     *
     * @throws IllegalArgumentException if the number is not positive, the number or name is taken, or the
     *     state is unknown
     */
    public Builder stage(long number, String name, String stateName) {
      requireName(name, "stage");
      if (number < 1) {
        throw new IllegalArgumentException("stage number must be 1 or more, got " + number);
      }
      State state = states.get(stateName);
      if (state == null) {
        throw new IllegalArgumentException("stage '" + name + "' names state '" + stateName
            + "', which is not declared; declared states: " + states.keySet());
      }
      if (stages.stream().anyMatch(s -> s.name().equals(name))) {
        throw new IllegalArgumentException("stage '" + name + "' is declared twice");
      }
      if (stages.stream().anyMatch(s -> s.number() == number)) {
        throw new IllegalArgumentException("stage number " + number + " is used twice");
      }
      stages.add(new Stage(number, name, state));
      return this;
    }

    /** Names the stage incidents start in when the request names none. */
    public Builder start(String stageName) {
      this.start = stageName;
      return this;
    }

    /**
     * Allows incidents in stage {@code from} to move to each of {@code to}. Once a diagram declares a
     * transition, only declared moves are allowed.
     *
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder transition(String from, String... to) {
      requireName(from, "transition's from-stage");
      List<String> targets = transitions.computeIfAbsent(from, f -> new ArrayList<>());
      for (String name : to) {
        requireName(name, "transition's to-stage");
        targets.add(name);
      }
      return this;
    }

    /**
     * The diagram.
     *
     * @throws IllegalStateException if there is no stage, the start stage is missing or unknown, or a
     *     transition names an unknown stage
     */
    public StageDiagram build() {
      if (stages.isEmpty()) {
        throw new IllegalStateException("a stage diagram needs at least one stage");
      }
      if (start == null) {
        throw new IllegalStateException("a stage diagram needs a start stage: call start(name)");
      }
      Stage startStage = stages.stream().filter(s -> s.name().equals(start)).findFirst()
          .orElseThrow(() -> new IllegalStateException("start stage '" + start + "' is not declared; stages: "
              + stages.stream().map(Stage::name).toList()));
      Map<String, Long> numbers = new LinkedHashMap<>();
      stages.forEach(stage -> numbers.put(stage.name(), stage.number()));
      Map<Long, Set<Long>> moves = new LinkedHashMap<>();
      transitions.forEach((from, to) -> {
        Set<Long> targets = moves.computeIfAbsent(known(numbers, from), f -> new LinkedHashSet<>());
        to.forEach(name -> targets.add(known(numbers, name)));
      });
      return new StageDiagram(stages, startStage, moves);
    }

    private static long known(Map<String, Long> numbers, String stage) {
      Long number = numbers.get(stage);
      if (number == null) {
        throw new IllegalStateException("transition names stage '" + stage + "', which is not declared; stages: "
            + numbers.keySet());
      }
      return number;
    }

    private static void requireName(String name, String what) {
      Objects.requireNonNull(name, what + " name");
      if (name.isBlank()) {
        throw new IllegalArgumentException(what + " name must not be blank");
      }
    }
  }
}
