package dev.incidents;

import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.internal.Tenants;
import dev.incidents.model.RequestContext;
import dev.incidents.reference.ReferenceResolver;
import dev.incidents.spi.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: assembles an {@link IncidentService}.
 *
 * <pre>{@code
 * IncidentService service = Incidents.builder()
 *     .store(new InMemoryIncidentStore())   // or IncidentStores.open("mapdb:./incidents.db")
 *     .clock(Clock.systemUTC())
 *     .build();
 * }</pre>
 *
 * <p>Only the store is required. The service does not own the store: close the store yourself when you
 * are done with both. Custom schema fragments are registered on the built service, with
 * {@link IncidentService#schemas()}.
 */
public final class Incidents {

  private Incidents() {}

  /** A builder with the defaults of docs/CONTRACT.md. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link IncidentService}. Each setting is checked when it is set, and says what is wrong; the
   * builder is not thread-safe, the service it builds is.
   */
  public static final class Builder {
    private @Nullable IncidentStore store;
    private Clock clock = Clock.systemUTC();
    private String partition = "local";
    private Catalogs catalogs = Catalogs.defaults();
    private final Map<String, Catalogs> tenantCatalogs = new HashMap<>();
    private StageDiagram stageDiagram = StageDiagram.defaults();
    private final Map<String, StageDiagram> tenantStageDiagrams = new HashMap<>();
    private ReferenceResolver resolver = ReferenceResolver.syntaxOnly();
    private Duration futureTolerance = Duration.ofMinutes(5);
    private boolean milestoneOrder = true;
    private boolean recordEvents;

    private Builder() {}

    /** The store incidents are kept in (required). */
    public Builder store(IncidentStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock of {@code created_date} and of the "not in the future" rule; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The {@code <partition>} of every DON; default {@code local}.
     *
     * @throws IllegalArgumentException unless it matches {@code [A-Za-z0-9_-]{1,64}}
     */
    public Builder partition(String partition) {
      new ReferenceParser(partition);
      this.partition = partition;
      return this;
    }

    /**
     * The catalogs of {@code severity}, {@code reported_by}, {@code source} and {@code impact.count} of every
     * tenant without catalogs of its own; default {@link Catalogs#defaults()}.
     */
    public Builder catalogs(Catalogs catalogs) {
      this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
      return this;
    }

    /**
     * The catalogs of one tenant, in place of the default ones.
     *
     * @throws dev.incidents.error.BadRequestException if the tenant name is malformed
     */
    public Builder catalogs(String tenant, Catalogs catalogs) {
      tenantCatalogs.put(Tenants.check(tenant), Objects.requireNonNull(catalogs, "catalogs"));
      return this;
    }

    /** The stage diagram of every tenant without one of its own; default {@link StageDiagram#defaults()}. */
    public Builder stageDiagram(StageDiagram stageDiagram) {
      this.stageDiagram = Objects.requireNonNull(stageDiagram, "stageDiagram");
      return this;
    }

    /**
     * The stage diagram of one tenant, in place of the default one.
     *
     * @throws dev.incidents.error.BadRequestException if the tenant name is malformed
     */
    public Builder stageDiagram(String tenant, StageDiagram stageDiagram) {
      tenantStageDiagrams.put(Tenants.check(tenant), Objects.requireNonNull(stageDiagram, "stageDiagram"));
      return this;
    }

    /** Checks that referenced objects exist and names them; default {@link ReferenceResolver#syntaxOnly()}. */
    public Builder referenceResolver(ReferenceResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * How far in the future of the clock {@code acknowledged_date}, {@code identified_date} and
     * {@code mitigated_date} may lie; default 5 minutes.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder futureTolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException("futureTolerance must not be negative, got " + tolerance);
      }
      this.futureTolerance = tolerance;
      return this;
    }

    /**
     * Whether {@code acknowledged_date} and {@code mitigated_date} must not be earlier than
     * {@code identified_date}; default {@code true}.
     */
    public Builder milestoneOrder(boolean enforce) {
      this.milestoneOrder = enforce;
      return this;
    }

    /**
     * Whether every create, update and delete is announced by an event, which the store writes in the same
     * unit as the change (docs/CONTRACT.md section 13); default {@code false}. Consumers and webhooks read
     * these events; turn it on before they need them, since changes made while it was off have none.
     */
    public Builder recordEvents(boolean record) {
      this.recordEvents = record;
      return this;
    }

    /**
     * The service.
     *
     * <p>A store upgraded from a version that kept no facets for filtered lists has its incidents indexed
     * here, once (docs/CONTRACT.md clause 14.14.4).
     *
     * @throws IllegalStateException if no store was set
     * @throws dev.incidents.error.ServiceUnavailableException if the store fails while its incidents are indexed
     */
    public IncidentService build() {
      if (store == null) {
        throw new IllegalStateException("a store is required: call store(...), for example with "
            + "new InMemoryIncidentStore() in tests or IncidentStores.open(\"mapdb:./incidents.db\")");
      }
      DefaultIncidentService service = new DefaultIncidentService(new ServiceSettings(store, clock,
          new ReferenceParser(partition), catalogs, tenantCatalogs, stageDiagram, tenantStageDiagrams, resolver,
          futureTolerance, milestoneOrder, recordEvents));
      service.indexUnindexed();
      return service;
    }
  }
}
