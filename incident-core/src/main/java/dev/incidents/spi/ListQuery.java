package dev.incidents.spi;

import java.util.Objects;

/**
 * One page of a tenant's incidents, as {@link IncidentStore#list} is asked for it: the incidents the filter
 * accepts, in number order, beyond the boundary of the previous page (docs/CONTRACT.md clause 14.6).
 *
 * @param filter which incidents
 * @param order newest (highest number) or oldest first
 * @param boundary the number of the last incident of the previous page, exclusive: newest first lists
 *     numbers below it ({@link Long#MAX_VALUE} for the first page), oldest first numbers above it ({@code 0}
 *     for the first page)
 * @param limit the most incidents to return, 1 to {@value StoreLimits#MAX_LIST_LIMIT}
 */
public record ListQuery(FacetFilter filter, Order order, long boundary, int limit) {

  /** The order of a page. */
  public enum Order {
    /** Highest number first: the order of creation, reversed. */
    NEWEST_FIRST,
    /** Lowest number first: the order of creation. */
    OLDEST_FIRST
  }

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the limit is outside 1 to {@value StoreLimits#MAX_LIST_LIMIT}
   */
  public ListQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(order, "order");
    if (limit < 1 || limit > StoreLimits.MAX_LIST_LIMIT) {
      throw new IllegalArgumentException("a list limit is 1 to " + StoreLimits.MAX_LIST_LIMIT + ", got " + limit);
    }
  }

  /** The first page of {@code limit} incidents of every kind, newest first. */
  public static ListQuery newest(int limit) {
    return new ListQuery(FacetFilter.NONE, Order.NEWEST_FIRST, Long.MAX_VALUE, limit);
  }

  /** The first page in {@code order} of the incidents {@code filter} accepts. */
  public static ListQuery first(FacetFilter filter, Order order, int limit) {
    return new ListQuery(filter, order, order == Order.NEWEST_FIRST ? Long.MAX_VALUE : 0, limit);
  }

  /** The same query for the page after the incident numbered {@code number}. */
  public ListQuery after(long number) {
    return new ListQuery(filter, order, number, limit);
  }

  /** Whether {@code number} lies beyond the boundary, in this query's order. */
  public boolean isBeyondBoundary(long number) {
    return order == Order.NEWEST_FIRST ? number < boundary : number > boundary;
  }
}
