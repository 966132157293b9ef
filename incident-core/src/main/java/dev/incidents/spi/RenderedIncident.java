package dev.incidents.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the service gives a store to keep for one incident: the document, the values the store indexes for
 * filtered lists, and the event that announces the change (docs/CONTRACT.md clauses 14.14 and 14.15). The
 * store writes all three in one unit, or none of them.
 *
 * @param document the incident object as UTF-8 JSON; not copied, so neither side may change it
 * @param facets the values of the incident that filters use, which the store indexes; the store never reads
 *     them out of the document
 * @param event the event's payload (UTF-8 JSON), which the store keeps with the change and hands back from
 *     {@link IncidentStore#events}; {@code null} when the service records no events. Not copied.
 */
public record RenderedIncident(byte[] document, IncidentFacets facets, byte @Nullable [] event) {

  /** Checks that the document and facets are given. */
  public RenderedIncident {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(facets, "facets");
  }
}
