package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code stage} of a create request.
 *
 * @param stage the stage's name or its DON (required)
 * @param notes free text, or {@code null}
 */
public record StageRequest(@NotNull String stage, @Text String notes) {

  /** A stage without notes. */
  public static StageRequest of(String stage) {
    return new StageRequest(stage, null);
  }
}
