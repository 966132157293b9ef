package dev.incidents.spi;

import java.util.Objects;

/** What {@link IncidentStore#update} did (docs/CONTRACT.md clause 14.12). */
public sealed interface UpdateResult permits UpdateResult.Updated, UpdateResult.Stale, UpdateResult.Missing {

  /**
   * The change is stored.
   *
   * @param incident the incident as stored now: the new document, one version more
   */
  record Updated(StoredIncident incident) implements UpdateResult {
    /** Checks the incident is given. */
    public Updated {
      Objects.requireNonNull(incident, "incident");
    }
  }

  /**
   * The incident has another version than the one the change was made from; nothing was stored.
   *
   * @param current the incident as it is now
   */
  record Stale(StoredIncident current) implements UpdateResult {
    /** Checks the incident is given. */
    public Stale {
      Objects.requireNonNull(current, "current");
    }
  }

  /** The tenant has no such incident (never created, or deleted); nothing was stored. */
  record Missing() implements UpdateResult {}
}
