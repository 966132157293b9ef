package dev.incidents.spi;

import java.util.Objects;

/** What {@link IncidentStore#create} did: created a new incident, or found the one a key created before. */
public sealed interface CreateResult permits CreateResult.Created, CreateResult.Replayed {

  /** The incident that was created now, or before under the same key. */
  StoredIncident incident();

  /**
   * A new incident was stored.
   *
   * @param incident the stored incident
   */
  record Created(StoredIncident incident) implements CreateResult {
    /** Checks the incident is given. */
    public Created {
      Objects.requireNonNull(incident, "incident");
    }
  }

  /**
   * The idempotency key was recorded before; nothing was stored.
   *
   * @param incident the incident the key created
   * @param fingerprint the fingerprint recorded with the key; the service compares it with the request's
   */
  record Replayed(StoredIncident incident, String fingerprint) implements CreateResult {
    /** Checks both parts are given. */
    public Replayed {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }
}
