package dev.incidents.model;

import java.util.Objects;

/**
 * An incident with its version: 1 when created, one more with every stored change (docs/CONTRACT.md section
 * 10). Pass the version back as the precondition of an update or delete to make it fail with {@code conflict}
 * if someone changed the incident in between; over HTTP it is the {@code ETag}.
 *
 * @param incident the incident
 * @param version its version, 1 or more
 */
public record VersionedIncident(Incident incident, long version) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the version is below 1
   */
  public VersionedIncident {
    Objects.requireNonNull(incident, "incident");
    if (version < 1) {
      throw new IllegalArgumentException("a version is 1 or more, got " + version);
    }
  }
}
