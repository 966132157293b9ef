package dev.incidents.model;

/**
 * An artifact, article or account as it appears in a response: {@code {id, display_id}}.
 *
 * @param id the object's DON
 * @param displayId the object's display id, such as {@code ARTICLE-3}
 */
public record ObjectSummary(String id, String displayId) {}
