package dev.incidents.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents a filtered {@link IncidentStore#list} returns, in terms of {@link IncidentFacets}: the
 * conditions are combined with AND; a set matches an incident having any of its values (for {@code ownedBy}
 * and {@code appliesToParts}: any value in common); an empty set or an unbounded range does not constrain.
 * {@link #matches} is the one definition of what a filter means (docs/CONTRACT.md clause 14.14): a store
 * may answer through its indexes, but must return exactly the incidents it accepts.
 *
 * @param severity severity catalog ids
 * @param reportedBy reported-by catalog ids
 * @param stage stage numbers
 * @param state state numbers
 * @param ownedBy owner DONs
 * @param appliesToParts part DONs
 * @param createdBy creator DONs
 * @param subtype subtypes
 * @param createdDate the range of {@code createdDate}
 * @param modifiedDate the range of {@code modifiedDate}
 * @param actualCloseDate the range of {@code actualCloseDate}; a bounded range never matches an incident without one
 * @param targetCloseDate the range of {@code targetCloseDate}; likewise
 */
public record FacetFilter(
    Set<Long> severity,
    Set<Long> reportedBy,
    Set<Long> stage,
    Set<Long> state,
    Set<String> ownedBy,
    Set<String> appliesToParts,
    Set<String> createdBy,
    Set<String> subtype,
    Range createdDate,
    Range modifiedDate,
    Range actualCloseDate,
    Range targetCloseDate) {

  /** The filter that accepts every incident. */
  public static final FacetFilter NONE = new FacetFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
      Set.of(), Set.of(), Range.ALL, Range.ALL, Range.ALL, Range.ALL);

  /** Copies the sets and checks that every range is given. */
  public FacetFilter {
    severity = Set.copyOf(severity);
    reportedBy = Set.copyOf(reportedBy);
    stage = Set.copyOf(stage);
    state = Set.copyOf(state);
    ownedBy = Set.copyOf(ownedBy);
    appliesToParts = Set.copyOf(appliesToParts);
    createdBy = Set.copyOf(createdBy);
    subtype = Set.copyOf(subtype);
    Objects.requireNonNull(createdDate, "createdDate");
    Objects.requireNonNull(modifiedDate, "modifiedDate");
    Objects.requireNonNull(actualCloseDate, "actualCloseDate");
    Objects.requireNonNull(targetCloseDate, "targetCloseDate");
  }

  /** Whether this filter accepts every incident. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Whether an incident with these facets passes the filter. */
  public boolean matches(IncidentFacets facets) {
    return within(severity, facets.severity())
        && within(reportedBy, facets.reportedBy())
        && within(stage, facets.stage())
        && within(state, facets.state())
        && meets(ownedBy, facets.ownedBy())
        && meets(appliesToParts, facets.appliesToParts())
        && within(createdBy, facets.createdBy())
        && within(subtype, facets.subtype())
        && createdDate.contains(facets.createdDate())
        && modifiedDate.contains(facets.modifiedDate())
        && actualCloseDate.contains(facets.actualCloseDate())
        && targetCloseDate.contains(facets.targetCloseDate());
  }

  private static <T> boolean within(Set<T> wanted, @Nullable T value) {
    return wanted.isEmpty() || (value != null && wanted.contains(value));
  }

  private static boolean meets(Set<String> wanted, Set<String> values) {
    if (wanted.isEmpty()) {
      return true;
    }
    for (String value : values) {
      if (wanted.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A range of instants: {@code after} inclusive, {@code before} exclusive, either open.
   *
   * @param after the earliest instant in the range, or {@code null} for no lower bound
   * @param before the first instant after the range, or {@code null} for no upper bound
   */
  public record Range(@Nullable Instant after, @Nullable Instant before) {

    /** The range without bounds, which constrains nothing. */
    public static final Range ALL = new Range(null, null);

    /** Whether the range has a bound. */
    public boolean isBounded() {
      return after != null || before != null;
    }

    /** Whether {@code instant} lies in the range; a missing instant lies only in the unbounded range. */
    public boolean contains(@Nullable Instant instant) {
      if (!isBounded()) {
        return true;
      }
      return instant != null && (after == null || !instant.isBefore(after))
          && (before == null || instant.isBefore(before));
    }
  }
}
