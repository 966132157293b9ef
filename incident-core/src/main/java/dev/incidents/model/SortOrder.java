package dev.incidents.model;

/** The order of a list (docs/CONTRACT.md section 11). */
public enum SortOrder {
  /** Newest first: the default, {@code sort_by: ["created_date:desc"]}. */
  NEWEST_FIRST("created_date:desc"),
  /** Oldest first: {@code sort_by: ["created_date:asc"]}. */
  OLDEST_FIRST("created_date:asc");

  private final String sortBy;

  SortOrder(String sortBy) {
    this.sortBy = sortBy;
  }

  /** How the API's {@code sort_by} spells this order. */
  public String sortBy() {
    return sortBy;
  }
}
