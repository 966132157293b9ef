package dev.incidents.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code list} (docs/CONTRACT.md sections 8 and 11): which incidents, in which order, how many,
 * and where the previous page ended.
 *
 * @param filter which incidents; {@link IncidentFilter#ALL} for every one
 * @param order newest or oldest first
 * @param limit the most incidents on the page, 1 to {@value #MAX_LIMIT}
 * @param cursor {@code null} for the first page, else the {@code next_cursor} of the previous page (of the same
 *     order)
 */
public record ListRequest(IncidentFilter filter, SortOrder order, int limit, @Nullable String cursor) {

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 50;
  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  /** Checks the filter and order are given; the service checks the limit and the cursor. */
  public ListRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(order, "order");
  }

  /** The first page of every incident, newest first, of the default size. */
  public static ListRequest first() {
    return first(DEFAULT_LIMIT);
  }

  /** The first page of every incident, newest first, of the given size. */
  public static ListRequest first(int limit) {
    return new ListRequest(IncidentFilter.ALL, SortOrder.NEWEST_FIRST, limit, null);
  }

  /** The first page of the incidents {@code filter} matches, in {@code order}, of the given size. */
  public static ListRequest first(IncidentFilter filter, SortOrder order, int limit) {
    return new ListRequest(filter, order, limit, null);
  }

  /** The page after the one that returned {@code cursor}, with this request's filter, order and size. */
  public ListRequest after(String cursor) {
    return new ListRequest(filter, order, limit, Objects.requireNonNull(cursor, "cursor"));
  }
}
