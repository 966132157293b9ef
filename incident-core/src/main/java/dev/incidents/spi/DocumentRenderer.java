package dev.incidents.spi;

/**
 * Renders a new incident once its number is allocated. Pure: the same number gives the same result, so a
 * store may call it again when it retries a unit of work. It may throw; the store must then store nothing of
 * the create (the number may be skipped). Stores call it through {@link NewIncident#render(long)}, which
 * also turns a {@code null} result into an exception (docs/CONTRACT.md clause 14.8).
 */
@FunctionalInterface
public interface DocumentRenderer {

  /**
   * The document, facets and event of incident number {@code number}.
   *
   * @param number the allocated number, 1 or more
   */
  RenderedIncident render(long number);
}
