package dev.incidents.catalog;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The catalogs of one tenant's numeric fields. Immutable.
 *
 * @param severity values of {@code severity}
 * @param reportedBy values of {@code reported_by}
 * @param source values of {@code source}
 * @param impactCount values of {@code impact.count}, or {@code null} (the default) to accept any count of 0
 *     or more, expanded as {@code {id: count, label: "count", ordinal: 0}}
 */
public record Catalogs(Catalog severity, Catalog reportedBy, Catalog source, @Nullable Catalog impactCount) {

  private static final Catalogs DEFAULTS =
      new Catalogs(Catalog.DEFAULT_SEVERITY, Catalog.DEFAULT_REPORTED_BY, Catalog.DEFAULT_SOURCE, null);

  /** Checks that the three required catalogs are given. */
  public Catalogs {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(reportedBy, "reportedBy");
    Objects.requireNonNull(source, "source");
  }

  /** The catalogs of docs/CONTRACT.md section 4. */
  public static Catalogs defaults() {
    return DEFAULTS;
  }

  /** A copy with another {@code severity} catalog. */
  public Catalogs withSeverity(Catalog catalog) {
    return new Catalogs(catalog, reportedBy, source, impactCount);
  }

  /** A copy with another {@code reported_by} catalog. */
  public Catalogs withReportedBy(Catalog catalog) {
    return new Catalogs(severity, catalog, source, impactCount);
  }

  /** A copy with another {@code source} catalog. */
  public Catalogs withSource(Catalog catalog) {
    return new Catalogs(severity, reportedBy, catalog, impactCount);
  }

  /** A copy with an {@code impact.count} catalog ({@code null} to accept any count of 0 or more). */
  public Catalogs withImpactCount(Catalog catalog) {
    return new Catalogs(severity, reportedBy, source, catalog);
  }

  /** The {@code impact.count} catalog, if one is configured. */
  public Optional<Catalog> impactCountCatalog() {
    return Optional.ofNullable(impactCount);
  }
}
