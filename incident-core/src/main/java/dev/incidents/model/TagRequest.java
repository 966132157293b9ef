package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A tag to attach: {@code {tag_id, value}}.
 *
 * @param tagId the tag's id, {@code TAG-n} or DON (required)
 * @param value the tag's value, or {@code null}
 */
// @NotNull is Bean Validation's rule (the validator reports a missing value), not the type: the value is null
// until the request is validated, so the type is @Nullable. Error Prone reads both as nullness annotations.
@SuppressWarnings("MultipleNullnessAnnotations")
public record TagRequest(@NotNull @Nullable String tagId, @Text @Nullable String value) {

  /** A tag without a value. */
  public static TagRequest of(String tagId) {
    return new TagRequest(tagId, null);
  }

  /** A tag with a value. */
  public static TagRequest of(String tagId, @Nullable String value) {
    return new TagRequest(tagId, value);
  }
}
