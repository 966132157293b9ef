package dev.incidents.model;

/**
 * The state a stage belongs to: {@code {id, name, is_final}}.
 *
 * @param id the state's DON ({@code don:core:<partition>:devo/<tenant>:custom_state/<k>})
 * @param name the state's name, such as {@code open}
 * @param isFinal whether the state closes the incident
 */
public record StateSummary(String id, String name, boolean isFinal) {}
