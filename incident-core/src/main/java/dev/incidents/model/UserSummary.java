package dev.incidents.model;

/**
 * A user as it appears in a response: {@code {type, id, display_id}}.
 *
 * @param type the kind of user
 * @param id the user's DON
 * @param displayId the user's display id, such as {@code DEVU-1}
 */
public record UserSummary(UserType type, String id, String displayId) {}
