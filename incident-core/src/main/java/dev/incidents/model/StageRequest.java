package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The {@code stage} of a create request.
 *
 * @param stage the stage's name or its DON (required)
 * @param notes free text, or {@code null}
 */
// @NotNull is Bean Validation's rule (the validator reports a missing value), not the type: the value is null
// until the request is validated, so the type is @Nullable. Error Prone reads both as nullness annotations.
@SuppressWarnings("MultipleNullnessAnnotations")
public record StageRequest(@NotNull @Nullable String stage, @Text @Nullable String notes) {

  /** A stage without notes. */
  public static StageRequest of(String stage) {
    return new StageRequest(stage, null);
  }
}
