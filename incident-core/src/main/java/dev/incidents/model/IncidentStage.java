package dev.incidents.model;

import org.jspecify.annotations.Nullable;

/**
 * An incident's stage as it appears in a response: {@code {stage: {id, name}, state: {id, name, is_final},
 * notes}}.
 *
 * @param stage the stage
 * @param state the state the stage belongs to
 * @param notes the notes given with the stage, or {@code null}
 */
public record IncidentStage(StageSummary stage, StateSummary state, @Nullable String notes) {}
