package dev.incidents;

import dev.incidents.model.EnumValue;
import dev.incidents.model.Incident;
import dev.incidents.model.PartSummary;
import dev.incidents.model.UserSummary;
import dev.incidents.spi.IncidentFacets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The facets of an incident: the values list filters use, which the service hands the store with every
 * write so that stores index them without reading documents (docs/CONTRACT.md clause 14.14).
 */
final class Facets {

  private final ReferenceParser ids;

  Facets(ReferenceParser ids) {
    this.ids = ids;
  }

  /** The facets of {@code incident}, an incident of {@code tenant} as the service rendered it. */
  IncidentFacets of(String tenant, Incident incident) {
    Set<String> owners = new LinkedHashSet<>();
    for (UserSummary owner : incident.ownedBy()) {
      owners.add(owner.id());
    }
    Set<String> parts = new LinkedHashSet<>();
    for (PartSummary part : incident.appliesToParts()) {
      parts.add(part.id());
    }
    return new IncidentFacets(
        id(incident.severity()),
        id(incident.reportedBy()),
        ids.parseCoreNumber(incident.stage().stage().id(), "custom_stage", tenant),
        ids.parseCoreNumber(incident.stage().state().id(), "custom_state", tenant),
        owners,
        parts,
        incident.createdBy().id(),
        incident.subtype(),
        incident.createdDate(),
        incident.modifiedDate(),
        incident.actualCloseDate(),
        incident.targetCloseDate());
  }

  private static @Nullable Long id(@Nullable EnumValue value) {
    return value == null ? null : value.id();
  }
}
