package dev.incidents.spi;

/**
 * Renders an incident's document once its number is allocated. Pure: the same number gives the same bytes,
 * so a store may call it again when it retries a unit of work. It may throw; the store must then store
 * nothing (the number may be skipped).
 */
@FunctionalInterface
public interface DocumentRenderer {

  /**
   * The document (UTF-8 JSON of the incident object) for incident number {@code number}.
   *
   * @param number the allocated number, 1 or more
   */
  byte[] render(long number);
}
