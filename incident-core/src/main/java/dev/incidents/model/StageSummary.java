package dev.incidents.model;

/**
 * A stage of the stage diagram: {@code {id, name}}.
 *
 * @param id the stage's DON ({@code don:core:<partition>:devo/<tenant>:custom_stage/<k>})
 * @param name the stage's name
 */
public record StageSummary(String id, String name) {}
