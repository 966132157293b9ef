package dev.incidents.spi;

import java.util.Objects;

/**
 * A change of one incident, as {@link IncidentStore#update} is asked to store it: replace the document (and
 * its facets), and record the event, if and only if the incident's version is still the one the change was
 * made from (docs/CONTRACT.md clause 14.12).
 *
 * @param tenant the tenant
 * @param number the incident's number
 * @param expectedVersion the version the change was made from
 * @param rendered the new document, its facets and the event announcing the change
 */
public record IncidentUpdate(String tenant, long number, long expectedVersion, RenderedIncident rendered) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the tenant is malformed or the number or version is below 1
   */
  public IncidentUpdate {
    StoreLimits.checkTenant(tenant);
    if (number < 1 || expectedVersion < 1) {
      throw new IllegalArgumentException("number and version are 1 or more, got " + number + " and " + expectedVersion);
    }
    Objects.requireNonNull(rendered, "rendered");
  }
}
