package dev.incidents.store.mapdb;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.StoredIncident;
import org.jspecify.annotations.Nullable;

/**
 * An incident as stored: its document, version and facets ({@code null} for an incident stored by format
 * version 1 and not indexed since).
 */
record IncidentState(byte[] document, long version, @Nullable IncidentFacets facets) {

  StoredIncident stored(String tenant, long number) {
    return new StoredIncident(tenant, number, version, document);
  }

  /** Whether {@code filter} accepts the incident; one without facets is accepted only by the empty filter. */
  boolean matches(FacetFilter filter) {
    return facets == null ? filter.isEmpty() : filter.matches(facets);
  }
}
