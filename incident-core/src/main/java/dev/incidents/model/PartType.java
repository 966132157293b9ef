package dev.incidents.model;

/** The kinds of part an id can name; {@link #toString()} is the JSON name. */
public enum PartType {
  /** {@code PROD-n}. */
  PRODUCT("product"),
  /** {@code CAPL-n}. */
  CAPABILITY("capability"),
  /** {@code FEAT-n}. */
  FEATURE("feature"),
  /** {@code ENH-n}. */
  ENHANCEMENT("enhancement");

  private final String wireName;

  PartType(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON name, such as {@code product}. */
  @Override
  public String toString() {
    return wireName;
  }
}
