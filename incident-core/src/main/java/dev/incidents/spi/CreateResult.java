package dev.incidents.spi;

import java.util.Objects;

/**
 * What {@link IncidentStore#create} did: created a new incident, or found what a key recorded before
 * created (docs/CONTRACT.md clause 14.3).
 */
public sealed interface CreateResult permits CreateResult.Created, CreateResult.Replayed, CreateResult.ReplayedDeleted {

  /** The number of the incident created now, or before under the same key. */
  long number();

  /**
   * A new incident was stored.
   *
   * @param incident the stored incident, version 1
   */
  record Created(StoredIncident incident) implements CreateResult {
    /** Checks the incident is given. */
    public Created {
      Objects.requireNonNull(incident, "incident");
    }

    @Override
    public long number() {
      return incident.number();
    }
  }

  /**
   * The idempotency key was recorded before; nothing was stored.
   *
   * @param incident the incident the key created, as it is now
   * @param fingerprint the fingerprint recorded with the key; the service compares it with the request's
   */
  record Replayed(StoredIncident incident, String fingerprint) implements CreateResult {
    /** Checks both parts are given. */
    public Replayed {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public long number() {
      return incident.number();
    }
  }

  /**
   * The idempotency key was recorded before, and the incident it created has been deleted since; nothing was
   * stored (a key never creates a second incident: docs/CONTRACT.md clause 14.13).
   *
   * @param number the number of the deleted incident
   * @param fingerprint the fingerprint recorded with the key
   */
  record ReplayedDeleted(long number, String fingerprint) implements CreateResult {
    /** Checks the fingerprint is given. */
    public ReplayedDeleted {
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }
}
