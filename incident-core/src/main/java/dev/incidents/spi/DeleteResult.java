package dev.incidents.spi;

import java.util.Objects;

/** What {@link IncidentStore#delete} did (docs/CONTRACT.md clause 14.13). */
public sealed interface DeleteResult permits DeleteResult.Deleted, DeleteResult.Stale, DeleteResult.Missing {

  /** The incident is deleted. */
  record Deleted() implements DeleteResult {}

  /**
   * The incident has another version than the one the deletion was decided on; nothing was changed.
   *
   * @param current the incident as it is now
   */
  record Stale(StoredIncident current) implements DeleteResult {
    /** Checks the incident is given. */
    public Stale {
      Objects.requireNonNull(current, "current");
    }
  }

  /** The tenant has no such incident (never created, or deleted already); nothing was changed. */
  record Missing() implements DeleteResult {}
}
