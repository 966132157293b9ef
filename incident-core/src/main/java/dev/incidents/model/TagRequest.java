package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.constraints.NotNull;

/**
 * A tag to attach: {@code {tag_id, value}}.
 *
 * @param tagId the tag's id, {@code TAG-n} or DON (required)
 * @param value the tag's value, or {@code null}
 */
public record TagRequest(@NotNull String tagId, @Text String value) {

  /** A tag without a value. */
  public static TagRequest of(String tagId) {
    return new TagRequest(tagId, null);
  }

  /** A tag with a value. */
  public static TagRequest of(String tagId, String value) {
    return new TagRequest(tagId, value);
  }
}
