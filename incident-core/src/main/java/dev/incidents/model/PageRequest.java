package dev.incidents.model;

/**
 * Which page of {@code list} to return.
 *
 * @param limit the most incidents on the page, 1 to {@value #MAX_LIMIT}
 * @param cursor {@code null} for the first page, else the {@code next_cursor} of the previous page
 */
public record PageRequest(int limit, String cursor) {

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 50;
  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  /** The first page, of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /** The first page, of the given size. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** The page after the one that returned {@code cursor}, of the same size as {@code this}. */
  public PageRequest after(String cursor) {
    return new PageRequest(limit, cursor);
  }
}
