package dev.incidents.model;

/**
 * A tag as it appears in a response.
 *
 * @param id the tag's DON
 * @param displayId the tag's display id, such as {@code TAG-4}
 * @param name the tag's name (from the reference resolver; the display id by default)
 */
public record TagSummary(String id, String displayId, String name) {}
