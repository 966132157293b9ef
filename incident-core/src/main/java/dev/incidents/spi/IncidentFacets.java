package dev.incidents.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values of one incident that list filters use, extracted by the service when it renders the incident,
 * so that a store can index them without ever reading a document (docs/CONTRACT.md clause 14.14). Ids are
 * DONs; catalog values, stages and states are their numeric ids; dates are UTC with millisecond precision.
 *
 * @param severity the severity's catalog id, or {@code null}
 * @param reportedBy the reported-by catalog id, or {@code null}
 * @param stage the number {@code k} of the stage's DON {@code custom_stage/k}
 * @param state the number {@code k} of the state's DON {@code custom_state/k}
 * @param ownedBy the owners' DONs
 * @param appliesToParts the parts' DONs
 * @param createdBy the creator's DON
 * @param subtype the subtype, or {@code null}
 * @param createdDate when the incident was created
 * @param modifiedDate when it was last changed
 * @param actualCloseDate when it entered a final state, or {@code null}
 * @param targetCloseDate when it is expected to be resolved, or {@code null}
 */
public record IncidentFacets(
    @Nullable Long severity,
    @Nullable Long reportedBy,
    long stage,
    long state,
    Set<String> ownedBy,
    Set<String> appliesToParts,
    String createdBy,
    @Nullable String subtype,
    Instant createdDate,
    Instant modifiedDate,
    @Nullable Instant actualCloseDate,
    @Nullable Instant targetCloseDate) {

  /** Copies the sets and checks that every required value is given. */
  public IncidentFacets {
    ownedBy = Set.copyOf(ownedBy);
    appliesToParts = Set.copyOf(appliesToParts);
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdDate, "createdDate");
    Objects.requireNonNull(modifiedDate, "modifiedDate");
  }
}
