package dev.incidents.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stages an incident can be in, each belonging to a state, and the stage new incidents start in when
 * the request names none. Any stage is accepted at create. Immutable and thread-safe.
 *
 * <p>Stage {@code k} has the id {@code don:core:<partition>:devo/<tenant>:custom_stage/<k>}, state
 * {@code k} the id {@code don:core:<partition>:devo/<tenant>:custom_state/<k>}.
 *
 * <pre>{@code
 * StageDiagram diagram = StageDiagram.builder()
 *     .state(1, "open", false).state(2, "closed", true)
 *     .stage(1, "triage", "open").stage(2, "done", "closed")
 *     .start("triage")
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

  private StageDiagram(List<Stage> stages, Stage start) {
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

  @Override
  public boolean equals(Object o) {
    return o instanceof StageDiagram other && stages.equals(other.stages) && start.equals(other.start);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stages, start);
  }

  @Override
  public String toString() {
    return "StageDiagram" + stages + " start=" + start.name();
  }

  /** Builds a {@link StageDiagram}: states first, then stages, then the start stage. Not thread-safe. */
  public static final class Builder {
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Stage> stages = new ArrayList<>();
    private String start;

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
     * The diagram.
     *
     * @throws IllegalStateException if there is no stage, or the start stage is missing or unknown
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
      return new StageDiagram(stages, startStage);
    }

    private static void requireName(String name, String what) {
      Objects.requireNonNull(name, what + " name");
      if (name.isBlank()) {
        throw new IllegalArgumentException(what + " name must not be blank");
      }
    }
  }
}
