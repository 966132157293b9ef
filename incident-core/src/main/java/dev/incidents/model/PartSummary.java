package dev.incidents.model;

/**
 * A part as it appears in a response: {@code {type, id, display_id}}.
 *
 * @param type the kind of part
 * @param id the part's DON
 * @param displayId the part's display id, such as {@code PROD-7}
 */
public record PartSummary(PartType type, String id, String displayId) {}
