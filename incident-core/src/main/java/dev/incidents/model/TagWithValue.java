package dev.incidents.model;

import org.jspecify.annotations.Nullable;

/**
 * A tag attached to an incident: {@code {tag: {id, display_id, name}, value}}.
 *
 * @param tag the tag
 * @param value its value, or {@code null}
 */
public record TagWithValue(TagSummary tag, @Nullable String value) {}
