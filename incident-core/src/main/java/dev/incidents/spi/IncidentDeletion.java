package dev.incidents.spi;

import org.jspecify.annotations.Nullable;

/**
 * The deletion of one incident, as {@link IncidentStore#delete} is asked to store it: remove the incident
 * and record the event, if and only if its version is still the one the deletion was decided on
 * (docs/CONTRACT.md clause 14.13).
 *
 * @param tenant the tenant
 * @param number the incident's number
 * @param expectedVersion the version the deletion was decided on
 * @param event the event's payload (UTF-8 JSON), or {@code null} when the service records no events; not copied
 */
public record IncidentDeletion(String tenant, long number, long expectedVersion, byte @Nullable [] event) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the tenant is malformed or the number or version is below 1
   */
  public IncidentDeletion {
    StoreLimits.checkTenant(tenant);
    if (number < 1 || expectedVersion < 1) {
      throw new IllegalArgumentException("number and version are 1 or more, got " + number + " and " + expectedVersion);
    }
  }
}
