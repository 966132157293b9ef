package dev.incidents.internal;

import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.reference.ReferenceParser;
import dev.incidents.reference.ReferenceResolver;
import dev.incidents.spi.IncidentStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything {@link dev.incidents.Incidents.Builder} collected, checked.
 *
 * @param store where incidents are kept
 * @param clock the service clock
 * @param ids the id parser of the configured partition
 * @param catalogs the catalogs
 * @param stageDiagram the stage diagram
 * @param resolver the reference resolver
 * @param futureTolerance how far in the future milestone dates may lie
 * @param milestoneOrder whether acknowledged and mitigated dates must not precede the identified date
 */
public record ServiceSettings(
    IncidentStore store,
    Clock clock,
    ReferenceParser ids,
    Catalogs catalogs,
    StageDiagram stageDiagram,
    ReferenceResolver resolver,
    Duration futureTolerance,
    boolean milestoneOrder) {}
