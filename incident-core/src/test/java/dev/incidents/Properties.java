package dev.incidents;

/** Sizes of the property tests; raise them with system properties to search deeper. */
final class Properties {

  /** Examples per property: {@code -Dincidents.examples=N} (default 100). */
  static final int EXAMPLES = Integer.getInteger("incidents.examples", 100);

  private Properties() {}
}
