package dev.incidents;

import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.reference.ReferenceResolver;
import dev.incidents.spi.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything {@link dev.incidents.Incidents.Builder} collected, checked.
 *
 * @param store where incidents are kept
 * @param clock the service clock
 * @param ids the id parser of the configured partition
 * @param defaultCatalogs the catalogs of tenants without their own
 * @param tenantCatalogs catalogs of particular tenants
 * @param defaultStageDiagram the stage diagram of tenants without their own
 * @param tenantStageDiagrams stage diagrams of particular tenants
 * @param resolver the reference resolver
 * @param futureTolerance how far in the future milestone dates may lie
 * @param milestoneOrder whether acknowledged and mitigated dates must not precede the identified date
 * @param recordEvents whether every change is announced by an event the store keeps with it
 */
record ServiceSettings(
    IncidentStore store,
    Clock clock,
    ReferenceParser ids,
    Catalogs defaultCatalogs,
    Map<String, Catalogs> tenantCatalogs,
    StageDiagram defaultStageDiagram,
    Map<String, StageDiagram> tenantStageDiagrams,
    ReferenceResolver resolver,
    Duration futureTolerance,
    boolean milestoneOrder,
    boolean recordEvents) {

  /** Copies the maps. */
  ServiceSettings {
    tenantCatalogs = Map.copyOf(tenantCatalogs);
    tenantStageDiagrams = Map.copyOf(tenantStageDiagrams);
  }

  /** The catalogs of a tenant. */
  Catalogs catalogs(String tenant) {
    return tenantCatalogs.getOrDefault(tenant, defaultCatalogs);
  }

  /** The stage diagram of a tenant. */
  StageDiagram stageDiagram(String tenant) {
    return tenantStageDiagrams.getOrDefault(tenant, defaultStageDiagram);
  }
}
